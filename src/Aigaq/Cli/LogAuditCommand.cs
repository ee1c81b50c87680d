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
        audit.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<LedgerKeys>();
            var failures = await LedgerAudit.RunAsync(scope.ServiceProvider, keys.ExistingVerifier(), Console.Error, CancellationToken.None);
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
