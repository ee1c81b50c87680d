namespace Aigaq.Tests.Cli;

/// <summary>
/// The executable's command line as a script meets it: every command and sub-command explains itself with --help
/// (exit code 0, naming its options), and a bad command line ends with exit code 1 and one line on stderr naming what
/// is wrong, before any database is opened.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string, string[]> Commands() => new()
    {
        { "", ["--demo", "serve", "db", "users", "tokens", "log", "protection", "witness", "backup"] },
        { "serve", ["--demo"] },
        { "db", ["migrate"] },
        { "db migrate", [] },
        { "users", ["add", "change"] },
        { "users add", ["--email", "--role", "--region", "--facility", "--password", "--name", "--language", "--phone"] },
        {
            "users change",
            ["--email", "--role", "--region", "--no-region", "--facility", "--no-facility", "--deactivate", "--activate", "--reason", "--by"]
        },
        { "tokens", ["issue", "revoke"] },
        { "tokens issue", ["--email", "--days"] },
        { "tokens revoke", ["--email"] },
        { "log", ["verify", "audit"] },
        { "log verify", ["--url", "--key", "--state", "--witness", "--quorum"] },
        { "log audit", ["--witnessed"] },
        { "witness", ["--name", "--state", "--log-key"] },
        { "protection", ["index-key", "recovery-key", "erase-expired"] },
        { "protection index-key", ["--file"] },
        { "protection recovery-key", [] },
        { "protection erase-expired", [] },
        { "backup", ["path"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_of_every_command_exits_zero_and_names_its_options(string command, string[] names)
    {
        var run = await AigaqProcess.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"aigaq {command}".Trim(), run.StandardOutput, StringComparison.Ordinal);
        foreach (var name in names)
        {
            Assert.Contains(name, run.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Equal("", run.StandardError);
    }

    public static TheoryData<string, string[], string> BadCommandLines() => new()
    {
        // case, arguments, what the one line must name
        { "an unknown command", ["frobnicate"], "'frobnicate'" },
        { "a group without its command", ["users"], "add, change" },
        { "a misspelt option, which the host would drop", ["tokens", "issue", "--email", "a@test.kz", "--dayz", "5"], "--dayz" },
        { "a number that is not one", ["tokens", "issue", "--email", "a@test.kz", "--days", "ninety"], "--days" },
        { "a required option missing", ["users", "add", "--role", "Officer"], "--email" },
        { "an option without its value", ["tokens", "revoke", "--email"], "--email" },
        { "a stray argument", ["db", "migrate", "now"], "'now'" },
        { "options that exclude each other", ["users", "change", "--email", "a@test.kz", "--reason", "r", "--by", "b@test.kz", "--region", "KZ-75", "--no-region"], "--no-region" },
        { "the change's reason missing", ["users", "change", "--email", "a@test.kz", "--by", "b@test.kz", "--deactivate"], "--reason" },
        { "a quorum without witnesses", ["log", "verify", "--url", "http://127.0.0.1:9/", "--quorum", "1"], "--quorum" },
        { "a witness without its state", ["witness", "--name", "w.example/1", "--log-key", "k"], "--state" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_command_line_exits_non_zero_with_one_line_naming_the_fault(string why, string[] args, string named)
    {
        var run = await AigaqProcess.RunAsync(args);

        Assert.True(run.ExitCode != 0, $"{why}: {run}");
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("aigaq: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Equal("", run.StandardOutput);
    }
}
