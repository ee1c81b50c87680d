using System.CommandLine;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;

namespace Aigaq.Cli;

/// <summary><c>aigaq log audit</c>: checks every record in the database against its log entries and the log against its checkpoints.</summary>
internal static class LogAuditCommand
{
    public static Command Create(HostFactory host)
    {
        var audit = new Command(
            "audit",
            "Checks every registered record in the database against its log entries, and the log against its signed checkpoints. "
            + "Exit code 0 only when all holds; otherwise each failure is a FAIL line on stdout.");
        // Checkpoints kept outside the database: after a restore, what the backup lost (README, "Backups and failover").
        var witnessed = new Option<string[]>("--witnessed")
        {
            HelpName = "FILE",
            Description = "A checkpoint the log signed, kept outside the database (a witness's state file, a verifier's --state "
                + "file); the database must hold every entry it covers. Repeat for each.",
            DefaultValueFactory = _ => [],
        };
        audit.Options.Add(witnessed);
        audit.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<LedgerKeys>();
            var failures = (await LedgerAudit.RunAsync(scope.ServiceProvider, keys.ExistingVerifier(), Console.Error, CancellationToken.None)).ToList();
            var files = parsed.GetValue(witnessed) ?? [];
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                return AigaqCli.Fail($"--witnessed {missing}: no such file");
            }

            var notes = files.Select(f => (f, File.ReadAllText(f))).ToList();
            failures.AddRange(await WitnessedCheckpoints.CheckAsync(
                scope.ServiceProvider.GetRequiredService<Data.AigaqDb>(), notes, keys.ExistingVerifier(), CancellationToken.None));
            return Report("log audit", failures);
        }));
        return audit;
    }

    /// <summary>Each failure on stdout, for a script to read; the verdict on stderr, one line.</summary>
    public static int Report(string command, IReadOnlyList<string> failures)
    {
        foreach (var failure in failures)
        {
            Console.Out.WriteLine("FAIL " + failure);
        }

        Console.Error.WriteLine(failures.Count == 0
            ? $"aigaq {command}: all holds"
            : $"aigaq {command}: {failures.Count} failure(s); first: {failures[0].ReplaceLineEndings(" ")}");
        return failures.Count == 0 ? 0 : 1;
    }
}
