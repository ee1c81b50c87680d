using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Aigaq.TestSupport;

/// <summary>What a run of the executable left: its exit code, its stdout, its stderr, and both as they came.</summary>
public sealed record CliRun(int ExitCode, string StandardOutput, string StandardError, string Output)
{
    public IReadOnlyList<string> ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// The real <c>aigaq</c> executable as a child process (the aigaq.dll the project reference puts beside the tests, run
/// through <c>dotnet</c>), as a script or an operator runs it: what it parses is the real argv. Its output is kept for
/// failure messages; a process still running is killed, with its whole tree, on dispose.
/// </summary>
public sealed partial class AigaqProcess : IDisposable
{
    /// <summary>Generous, for a loaded 2-core machine; only ever a bound on waiting, never asserted.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AigaqProcess(IEnumerable<string> args)
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
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdoutClosed, _stdout);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderrClosed, _stderr);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote on stdout and stderr, in the order it came.</summary>
    public string Output => Read(_output);

    public bool HasExited => _process.HasExited;

    /// <summary>The configuration that points the executable at <paramref name="database"/>, as an operator passes it.</summary>
    public static string[] On(TestDatabase database) => database.Arguments();

    /// <summary>Runs a command to its end.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var p = new AigaqProcess(args);
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await p._process.WaitForExitAsync(patience.Token);
            await Task.WhenAll(p._stdoutClosed.Task, p._stderrClosed.Task).WaitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"aigaq {string.Join(' ', args.Take(3))} did not end:\n{p.Output}");
        }

        return new CliRun(p._process.ExitCode, p.Read(p._stdout), p.Read(p._stderr), p.Output);
    }

    /// <summary>Runs a command that must succeed and returns its stdout, trimmed.</summary>
    public static async Task<string> RunOkAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"aigaq {string.Join(' ', args.Take(3))} exited with {run.ExitCode}:\n{run.Output}");
        return run.StandardOutput.Trim();
    }

    /// <summary>Starts <c>aigaq serve</c> on a port of its own choosing and waits until it is ready.</summary>
    public static async Task<(AigaqProcess Process, Uri Url)> ServeAsync(params string[] args)
    {
        var p = new AigaqProcess(["serve", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. args]);
        try
        {
            var exited = p._process.WaitForExitAsync();
            var first = await Task.WhenAny(p._listening.Task, exited, Task.Delay(Patience));
            if (first != p._listening.Task)
            {
                throw new InvalidOperationException($"aigaq serve did not start listening:\n{p.Output}");
            }

            var url = await p._listening.Task;
            await p.UntilReadyAsync(url);
            return (p, url);
        }
        catch
        {
            p.Dispose();
            throw;
        }
    }

    /// <summary>kill -9 of the process and its children; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var patience = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(patience.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromMinutes(1));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to stop.
        }

        _process.Dispose();
    }

    /// <summary>Polls the readiness probe: listening is not yet serving (migrations, keys).</summary>
    private async Task UntilReadyAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var res = await http.GetAsync("health/ready");
                if (res.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting connections yet.
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"aigaq serve did not become ready:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private void OnLine(string? line, TaskCompletionSource closed, StringBuilder stream)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            stream.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } m)
        {
            _listening.TrySetResult(new Uri(m.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    private string Read(StringBuilder stream)
    {
        lock (_output)
        {
            return stream.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
