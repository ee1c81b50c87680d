using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

/// <summary>
/// <c>get</c> mode: times GET requests one at a time (no concurrency), each path <c>--warmup</c> times
/// unmeasured and then <c>--runs</c> times measured, on a kept-alive connection. Prints one JSON line per
/// path with the client-side median, p95, min and max in milliseconds. Warm-up requests carry
/// <c>_b=w</c> in the query and measured ones <c>_b=m</c>, which the application ignores, so that the
/// server's own "Request finished ... in N ms" log lines can be told apart (bench/cases/server.py).
/// </summary>
internal static class Timing
{
    public static async Task RunAsync(Options o)
    {
        var baseUrl = new Uri(o.Get("url"));
        var warmup = o.Int("warmup", 10);
        var runs = o.Int("runs", 30);
        var label = o.Get("label", "");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        if (o.Values.TryGetValue("token", out var token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var path in o.Get("paths").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            for (var i = 0; i < warmup; i++)
            {
                await GetAsync(http, $"{path}{separator}_b=w");
            }

            var times = new List<double>(runs);
            long bytes = 0;
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                bytes = await GetAsync(http, $"{path}{separator}_b=m");
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                mode = "get",
                label,
                path,
                runs,
                bytes,
                medianMs = Math.Round(Median(times), 2),
                p95Ms = Math.Round(Load.Percentile(times, 95), 2),
                minMs = Math.Round(times[0], 2),
                maxMs = Math.Round(times[^1], 2),
            }));
        }
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<long> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return body.Length;
    }
}
