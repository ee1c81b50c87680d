using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Aigaq.Cli;

/// <summary><c>aigaq [serve] [--demo]</c>: serves the web UI and API until stopped.</summary>
internal static class ServeCommand
{
    private const string Description = "Serves the web UI and API (--urls as usual) until stopped; migrates an embedded database first.";

    public static Command Create(HostFactory host)
    {
        var demo = DemoOption();
        var serve = new Command("serve", Description) { demo };
        serve.SetAction(parsed => RunAsync(parsed, host, parsed.GetValue(demo)));
        return serve;
    }

    /// <summary>The root command serves too, so that <c>aigaq --demo</c> is <c>aigaq serve --demo</c>.</summary>
    public static void AddTo(RootCommand root, HostFactory host)
    {
        var demo = DemoOption();
        root.Options.Add(demo);
        root.SetAction(parsed => RunAsync(parsed, host, parsed.GetValue(demo)));
    }

    private static Option<bool> DemoOption() => new("--demo")
    {
        Description = "Fills an empty database with realistic demo data and prints the demo accounts.",
    };

    private static async Task<int> RunAsync(ParseResult parsed, HostFactory host, bool demo)
    {
        if (HostArguments.Check(parsed.UnmatchedTokens, parsed.CommandResult.Command is RootCommand ? "" : "serve") is { } error)
        {
            return AigaqCli.Fail(error);
        }

        // Not caught as the other commands' failures are: a server that cannot start or run ends the process loudly.
        var app = host([.. parsed.UnmatchedTokens], demo ? b =>
        {
            DemoMailSink.Configure(b);
            DemoProtection.Configure(b);
            DemoRecommendations.Configure(b);
        }
        : null);
        var options = app.Services.GetRequiredService<IOptions<AigaqOptions>>().Value;
        var autoMigrate = options.Database.Provider == DatabaseProvider.Sqlite
            || app.Configuration.GetValue<bool>("Aigaq:Database:AutoMigrate");
        if (autoMigrate)
        {
            await DbMigrateCommand.MigrateAsync(app.Services);
        }

        if (demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var printed = await Demo.FillAsync(scope.ServiceProvider, CancellationToken.None);
            Console.Out.WriteLine(printed);
            if (app.Configuration.GetValue<bool>(DemoMailSink.Flag))
            {
                Console.Out.WriteLine($"Demo e-mail is delivered to a local SMTP sink and saved in {Path.Combine(Path.GetFullPath(options.DataDir), "demo-mail")}.");
            }
        }

        await app.RunAsync();
        return 0;
    }
}
