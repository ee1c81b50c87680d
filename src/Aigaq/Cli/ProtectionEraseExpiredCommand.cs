using System.CommandLine;
using Aigaq.Protection;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq protection erase-expired</c>: erases now the protected persons whose retention date has passed, as the
/// hourly scan would (ADR 0024), and prints how many; each leaves a trace that the audit accepts.
/// </summary>
internal static class ProtectionEraseExpiredCommand
{
    public static Command Create(HostFactory host)
    {
        var command = new Command(
            "erase-expired",
            "Erases the protected persons whose retention date has passed, each with every record of their protection, "
            + "leaving a trace (pseudonym, dates, counts) and a log entry; prints how many were erased.");
        command.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            var clock = app.Services.GetRequiredService<TimeProvider>();
            var erased = await EraseExpired.RunAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), clock.GetUtcNow(), CancellationToken.None);
            Console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"erased {erased}"));
            return 0;
        }));
        return command;
    }
}
