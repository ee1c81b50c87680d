using System.CommandLine;
using System.CommandLine.Invocation;

namespace Aigaq.Cli;

/// <summary>
/// Builds the application host from the arguments meant for it (<c>--urls</c>, <c>--Aigaq:DataDir=...</c>); a command
/// may add to the builder before the areas do (the demo's mail sink).
/// </summary>
internal delegate WebApplication HostFactory(string[] hostArgs, Action<WebApplicationBuilder>? configure);

/// <summary>
/// The executable's command line (CONTRACT.md), one file per sub-command. Without a command it serves. What a command
/// does not take goes to the host as configuration (<see cref="HostArguments"/>). Every failure, of parsing or of the
/// command, is one line on stderr and exit code 1; <c>--help</c> works on every command.
/// </summary>
internal static class AigaqCli
{
    public static async Task<int> RunAsync(string[] args, HostFactory host)
    {
        // A value that starts with @ (a password, a reason) is that value, not a response file to read in its place.
        var parsed = Root(host).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction)
        {
            // The library would print every error and then the whole help; a script reads one line.
            var command = parsed.CommandResult.Command;
            return command.Subcommands.Count > 0 && command.Action is null
                ? Fail($"'{Path(parsed)}' needs one of its commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see 'aigaq {Path(parsed)} --help')")
                : Fail(parsed.Errors[0].Message);
        }

        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            // A failure is reported by the command as one line; the test host's signal to stop must reach its caller.
            EnableDefaultExceptionHandler = false,

            // The web host drains on SIGTERM by itself; the library's handler would end the process after two seconds.
            ProcessTerminationTimeout = null,
        });
    }

    public static RootCommand Root(HostFactory host)
    {
        var root = new RootCommand(
            "Aigaq: the register of detentions and of reports of torture, with its transparency log. "
            + "Without a command it serves, as 'aigaq serve' does. The additional arguments of every command are the ASP.NET "
            + "host's configuration: --urls URL, --environment NAME, --Section:Key=VALUE (--Aigaq:DataDir=PATH, "
            + "--Aigaq:Database:Provider=Postgres, --ConnectionStrings:Aigaq=...); environment variables use __ (Aigaq__DataDir).");
        ServeCommand.AddTo(root, host);
        root.Subcommands.Add(ServeCommand.Create(host));
        root.Subcommands.Add(new Command("db", "The database.") { DbMigrateCommand.Create(host) });
        root.Subcommands.Add(new Command("users", "User accounts: their role, scope and activity.")
        {
            UsersAddCommand.Create(host),
            UsersChangeCommand.Create(host),
        });
        root.Subcommands.Add(new Command("tokens", "Bearer tokens for devices and scripts.")
        {
            TokensIssueCommand.Create(host),
            TokensRevokeCommand.Create(host),
        });
        root.Subcommands.Add(new Command("log", "The transparency log.")
        {
            LogVerifyCommand.Create(),
            LogAuditCommand.Create(host),
        });
        root.Subcommands.Add(ProtectionKeysCommand.Create(host));
        root.Subcommands.Add(WitnessCommand.Create());
        root.Subcommands.Add(BackupCommand.Create(host));
        root.Subcommands.Add(new Command("recommendations", "UN recommendations.") { RecommendationsImportCommand.Create(host) });
        PassUnmatched(root);
        return root;
    }

    /// <summary>What a command does not take may be the host's; <see cref="HostArguments.Check"/> decides.</summary>
    private static void PassUnmatched(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var sub in command.Subcommands)
        {
            PassUnmatched(sub);
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> on the application host, built from the arguments the command did not take; any
    /// failure, building the host included, is one line on stderr.
    /// </summary>
    public static async Task<int> OnHostAsync(ParseResult parsed, HostFactory host, Func<WebApplication, Task<int>> run)
    {
        if (HostArguments.Check(parsed.UnmatchedTokens, Path(parsed)) is { } error)
        {
            return Fail(error);
        }

        try
        {
            await using var app = host([.. parsed.UnmatchedTokens], null);
            return await run(app);
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            return Fail(ex.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>Runs a command that needs neither the application host nor its database (the witness, the verifier).</summary>
    public static async Task<int> StandaloneAsync(ParseResult parsed, Func<string[], Task<int>> run)
    {
        if (HostArguments.Check(parsed.UnmatchedTokens, Path(parsed)) is { } error)
        {
            return Fail(error);
        }

        try
        {
            return await run([.. parsed.UnmatchedTokens]);
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            return Fail(ex.Message.ReplaceLineEndings(" "));
        }
    }

    public static int Fail(string reason)
    {
        Console.Error.WriteLine("aigaq: " + reason.ReplaceLineEndings(" "));
        return 1;
    }

    /// <summary>The command's words, e.g. <c>users change</c>; empty for the root.</summary>
    private static string Path(ParseResult parsed)
    {
        var words = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            words.Insert(0, result.Command.Name);
        }

        return string.Join(' ', words);
    }
}
