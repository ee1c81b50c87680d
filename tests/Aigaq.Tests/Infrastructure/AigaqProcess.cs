using System.Diagnostics;

namespace Aigaq.Tests.Infrastructure;

/// <summary>What a run of the executable left: its exit code, and what it wrote on stdout and on stderr.</summary>
public sealed record CliRun(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// The real <c>aigaq</c> executable as a child process (the aigaq.dll the project reference puts beside the tests, run
/// through <c>dotnet</c>), as a script or an operator runs it: what it parses is the real argv, and it exits.
/// </summary>
public static class AigaqProcess
{
    /// <summary>Generous, for a loaded 2-core machine; only ever a bound on waiting, never asserted.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The configuration that points the executable at <paramref name="database"/>, as an operator passes it.</summary>
    public static string[] On(TestDatabase database) =>
    [
        $"--Aigaq:DataDir={database.DataDir}",
        $"--Aigaq:Database:Provider={database.Provider}",
        .. database.ConnectionString is { } connection ? [$"--ConnectionStrings:Aigaq={connection}"] : Array.Empty<string>(),
    ];

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aigaq.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child is configured by its arguments alone, not by whatever this test process inherited.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(patience.Token);
            var stderr = process.StandardError.ReadToEndAsync(patience.Token);
            await process.WaitForExitAsync(patience.Token);
            return new CliRun(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"aigaq {string.Join(' ', args.Take(3))} did not end");
        }
    }
}
