using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// The real <c>aigaq</c> executable as a child process: the aigaq.dll built with this test project
/// (the project reference puts it beside the tests), run through <c>dotnet</c>. Its output is kept
/// for failure messages; a process still running is killed, with its whole tree, on dispose.
/// </summary>
internal sealed partial class AppProcess : IDisposable
{
    /// <summary>Generous, for a loaded 2-core machine; only ever a bound on waiting, never asserted.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aigaq.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // The child is configured by its arguments alone, not by whatever this test process inherited.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdoutClosed, stdout: true);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderrClosed, stdout: false);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the process wrote on stdout alone.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _stdout.ToString();
            }
        }
    }

    private readonly StringBuilder _stdout = new();

    private void OnLine(string? line, TaskCompletionSource closed, bool stdout)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (stdout)
            {
                _stdout.AppendLine(line);
            }
        }

        if (ListeningLine().Match(line) is { Success: true } m)
        {
            _listening.TrySetResult(new Uri(m.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    /// <summary>Starts <c>aigaq serve</c> on a port of its own choosing and waits until it is ready.</summary>
    public static async Task<(AppProcess Process, Uri Url)> ServeAsync(IEnumerable<string> args)
    {
        var p = new AppProcess(["serve", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. args]);
        try
        {
            var exited = p._process.WaitForExitAsync();
            var first = await Task.WhenAny(p._listening.Task, exited, Task.Delay(Patience));
            if (first != p._listening.Task)
            {
                throw new InvalidOperationException($"aigaq serve did not start listening:\n{p.Output}");
            }

            var url = await p._listening.Task;
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                try
                {
                    using var res = await http.GetAsync("health/ready");
                    if (res.IsSuccessStatusCode)
                    {
                        return (p, url);
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (DateTime.UtcNow > deadline || p._process.HasExited)
                {
                    throw new InvalidOperationException($"aigaq serve did not become ready:\n{p.Output}");
                }

                await Task.Delay(200);
            }
        }
        catch
        {
            p.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command to its end: its exit code and its output.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string Output)> RunAsync(IEnumerable<string> args)
    {
        using var p = new AppProcess(args);
        using var cts = new CancellationTokenSource(Patience);
        try
        {
            await p._process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(p._stdoutClosed.Task, p._stderrClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"aigaq {string.Join(' ', args)} did not end:\n{p.Output}");
        }

        return (p._process.ExitCode, p.StandardOutput, p.Output);
    }

    /// <summary>Runs a command that must succeed and returns its stdout, trimmed.</summary>
    public static async Task<string> RunOkAsync(IEnumerable<string> args)
    {
        var (code, stdout, output) = await RunAsync(args);
        Assert.True(code == 0, $"aigaq {string.Join(' ', args.Take(3))} exited with {code}:\n{output}");
        return stdout.Trim();
    }

    /// <summary>kill -9 of the process and its children; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var cts = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(cts.Token);
    }

    public bool HasExited => _process.HasExited;

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
        }

        _process.Dispose();
    }
}
