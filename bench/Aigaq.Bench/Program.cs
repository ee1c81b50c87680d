using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// Load generator for Aigaq's benchmarks (see bench/README.md). Open loop: request i is due at
// start + i/rate; latency is measured from that due time, so a stalled server is not hidden by
// the generator waiting for it (no coordinated omission). Prints one JSON line of results.
var options = Options.Parse(args);
if (options.Mode == "auditlog")
{
    await AuditLog.RunAsync(options);
    return;
}

if (options.Mode == "cases")
{
    await CaseBench.RunAsync(options);
    return;
}

if (options.Mode == "protection")
{
    await ProtectionBench.RunAsync(options);
    return;
}

if (options.Mode == "plan")
{
    await PlanBench.RunAsync(options);
    return;
}

if (options.Mode == "get")
{
    await Timing.RunAsync(options);
    return;
}

var result = options.Mode switch
{
    "http" => await Http.RunAsync(options),
    "npgsql" => await Baseline.RunAsync(options),
    _ => throw new ArgumentException("mode must be http, npgsql, auditlog, cases, protection, plan or get"),
};
Console.WriteLine(JsonSerializer.Serialize(result));

internal sealed record Options(string Mode, Dictionary<string, string> Values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(args.Length > 0 ? args[0] : "", values);
    }

    public string Get(string name, string? fallback = null) =>
        Values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}

internal sealed record Result(
    string Mode, double Seconds, int Sent, int Ok, int Failed, double Throughput,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs,
    int? Delivered = null, double? DeliveryP50Ms = null, double? DeliveryP99Ms = null, double? DeliveryMaxMs = null,
    int? Checkpointed = null, double? CheckpointP50Ms = null, double? CheckpointP99Ms = null, double? CheckpointMaxMs = null,
    IReadOnlyDictionary<string, int>? FailedBy = null);

internal static class Load
{
    /// <summary>Fires <paramref name="rate"/> operations a second for <paramref name="seconds"/>, at most
    /// <paramref name="concurrency"/> at once; returns each operation's latency from its due time.</summary>
    public static async Task<(List<double> Latencies, int Failed, double Elapsed)> RunAsync(
        int rate, int seconds, int concurrency, Func<int, Task<bool>> operation)
    {
        var total = rate * seconds;
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        using var slots = new SemaphoreSlim(concurrency);
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            await slots.WaitAsync();
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    if (await operation(n))
                    {
                        latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        return ([.. latencies.Order()], failed, clock.Elapsed.TotalSeconds);
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    public static Result Summarize(string mode, int sent, (List<double> Latencies, int Failed, double Elapsed) run) => new(
        mode, Math.Round(run.Elapsed, 2), sent, run.Latencies.Count, run.Failed, Math.Round(run.Latencies.Count / run.Elapsed, 1),
        Math.Round(Percentile(run.Latencies, 50), 2), Math.Round(Percentile(run.Latencies, 90), 2),
        Math.Round(Percentile(run.Latencies, 99), 2), Math.Round(run.Latencies.Count == 0 ? double.NaN : run.Latencies[^1], 2));
}

internal static class Http
{
    private static readonly string[] LastNames = ["Ахметов", "Смагулова", "Петров", "Нургалиев", "Омарова", "Касымов", "Ким", "Жумабаев"];
    private static readonly string[] FirstNames = ["Ерлан", "Дана", "Игорь", "Айдос", "Жанар", "Нурсултан", "Алия", "Дмитрий"];

    public static async Task<Result> RunAsync(Options o)
    {
        var url = new Uri(o.Get("url"));
        var facilities = JsonSerializer.Deserialize<Dictionary<string, Guid>>(File.ReadAllText(o.Get("facilities")))!;
        var regions = facilities.Keys.Order(StringComparer.Ordinal).ToArray();
        var rate = o.Int("rate", 100);
        var seconds = o.Int("seconds", 10);
        var smtpPort = o.Int("smtp-port", 0);
        var warmup = o.Int("warmup", 20);
        // With --checkpoints 1, /log/checkpoint is polled every 20 ms during the run, and each
        // acknowledged registration's time to the first signed checkpoint holding it is measured.
        var checkpoints = o.Int("checkpoints", 0) == 1;
        // With --hot-region KZ-75 --hot-percent 80, that share of the registrations goes to one region (its facility,
        // its prosecutors), the rest spread over all: most detentions of a day happen in one busy city.
        var hotRegion = o.Get("hot-region", "");
        var hotPercent = hotRegion.Length == 0 ? 0 : o.Int("hot-percent", 80);
        var run = Guid.NewGuid().ToString("N")[..8];

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Int("concurrency", 64), PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        // An officer registers in their own region (the rule pack refuses another with a 400): with --tokens FILE (region to
        // token) each registration is sent with its region's officer's token; --token alone serves one region only.
        var tokens = o.Values.TryGetValue("tokens", out var tokensFile)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(tokensFile))!
            : [];
        var fallbackToken = tokens.Count == 0 ? o.Get("token") : o.Get("token", "");
        // Why requests failed (an HTTP status, or the exception's type): a load whose failures are refusals measures
        // nothing, so they are counted and printed rather than hidden in one number.
        var failedBy = new ConcurrentDictionary<string, int>();

        var acknowledged = new ConcurrentDictionary<string, double>();
        // Log index of each acknowledged registration, and when it was acknowledged.
        var logged = new ConcurrentDictionary<long, double>();
        var measuring = false;
        var delivered = new ConcurrentDictionary<string, double>();
        var clock = Stopwatch.StartNew();
        using var sinkStop = new CancellationTokenSource();
        Task? sink = null;
        if (smtpPort > 0)
        {
            var smtp = new SmtpServerOptionsBuilder().ServerName("bench")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, smtpPort))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new TimingStore(delivered, clock));
            sink = new SmtpServer.SmtpServer(smtp, services).StartAsync(sinkStop.Token);
        }

        async Task<HttpResponseMessage> SendCountingAsync(HttpRequestMessage request, bool counted)
        {
            try
            {
                return await http.SendAsync(request);
            }
            catch (Exception e) when (counted)
            {
                failedBy.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                throw;
            }
        }

        async Task<bool> Register(int i)
        {
            // The warm-up numbers its requests -1, -2, ...: indices are taken from |i|.
            var k = Math.Abs(i);
            // k * 37 % 100 spreads the hot share evenly through the run rather than in blocks.
            var region = k * 37 % 100 < hotPercent ? hotRegion : regions[k % regions.Length];
            var tag = $"{run}-{i}";
            var now = DateTimeOffset.UtcNow;
            var body = new
            {
                person = new { lastName = LastNames[k % LastNames.Length], firstName = FirstNames[(k / 8) % FirstNames.Length], birthDate = "1990-01-01" },
                detainedAt = now.AddMinutes(-2).ToString("O", CultureInfo.InvariantCulture),
                place = new { address = "г. Алматы, пр. Абая, " + (k % 300) },
                region,
                agency = "Департамент полиции",
                officers = new[] { new { badge = "1207", name = "Ержан Абенов" } },
                grounds = new { kind = "suspicion", article = "ст. 188 УК РК" },
                rightsExplainedAt = now.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
                destination = new { facilityId = facilities[region] },
                contacts = new[] { new { role = "relative", name = "Айгуль", email = tag + "@bench.test", language = "kk" } },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/detentions")
            {
                Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", tag);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetValueOrDefault(region, fallbackToken));
            using var response = await SendCountingAsync(request, i >= 0);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                if (i >= 0)
                {
                    failedBy.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }

                return false;
            }

            var at = clock.Elapsed.TotalMilliseconds;
            acknowledged[tag] = at;
            if (measuring && checkpoints)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                logged[json.RootElement.GetProperty("log").GetProperty("index").GetInt64()] = at;
            }

            return true;
        }

        // Warm up connections and the server's JIT (tiered compilation takes a while on 2 cores)
        // at half the rate before measuring.
        await Load.RunAsync(Math.Max(1, rate / 2), warmup, o.Int("concurrency", 64), i => Register(-1 - i));
        acknowledged.Clear();
        delivered.Clear();
        measuring = true;
        var sizes = new List<(long Size, double At)>();
        using var pollStop = new CancellationTokenSource();
        var poller = checkpoints ? Task.Run(() => PollCheckpointsAsync(http, clock, sizes, pollStop.Token)) : Task.CompletedTask;
        var result = Load.Summarize("http", rate * seconds, await Load.RunAsync(rate, seconds, o.Int("concurrency", 64), Register));
        if (!failedBy.IsEmpty)
        {
            result = result with { FailedBy = new SortedDictionary<string, int>(failedBy, StringComparer.Ordinal) };
        }
        if (checkpoints)
        {
            var last = logged.Keys.DefaultIfEmpty(-1).Max();
            var pollUntil = clock.Elapsed + TimeSpan.FromSeconds(30);
            while (clock.Elapsed < pollUntil && (sizes.Count == 0 || sizes[^1].Size <= last))
            {
                await Task.Delay(50);
            }

            await pollStop.CancelAsync();
            await poller;
            // An entry never checkpointed counts as checkpointed at the end: a lower bound.
            var pollEnd = clock.Elapsed.TotalMilliseconds;
            var waits = logged.Select(l => Math.Max(0, FirstHolding(sizes, l.Key, pollEnd) - l.Value)).Order().ToList();
            result = result with
            {
                Checkpointed = logged.Keys.Count(i => sizes.Count > 0 && sizes[^1].Size > i),
                CheckpointP50Ms = Math.Round(Load.Percentile(waits, 50), 1),
                CheckpointP99Ms = Math.Round(Load.Percentile(waits, 99), 1),
                CheckpointMaxMs = Math.Round(waits.Count == 0 ? double.NaN : waits[^1], 1),
            };
        }

        if (sink is null)
        {
            return result;
        }

        var waitUntil = clock.Elapsed + TimeSpan.FromSeconds(o.Int("drain", 30));
        while (delivered.Count(d => acknowledged.ContainsKey(d.Key)) < acknowledged.Count && clock.Elapsed < waitUntil)
        {
            await Task.Delay(200);
        }

        await sinkStop.CancelAsync();
        // A message never delivered counts as delivered at the end of the drain: a lower bound on
        // its latency, so missing mail can only make the figures worse, never better.
        var end = clock.Elapsed.TotalMilliseconds;
        var latencies = acknowledged.Select(a => (delivered.TryGetValue(a.Key, out var at) ? at : end) - a.Value).Order().ToList();
        var got = acknowledged.Keys.Count(delivered.ContainsKey);
        return result with
        {
            Delivered = got,
            DeliveryP50Ms = Math.Round(Load.Percentile(latencies, 50), 1),
            DeliveryP99Ms = Math.Round(Load.Percentile(latencies, 99), 1),
            DeliveryMaxMs = Math.Round(latencies[^1], 1),
        };
    }

    /// <summary>When the first checkpoint holding entry <paramref name="index"/> was seen (sizes ascend).</summary>
    private static double FirstHolding(List<(long Size, double At)> sizes, long index, double otherwise)
    {
        int lo = 0, hi = sizes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sizes[mid].Size > index)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < sizes.Count ? sizes[lo].At : otherwise;
    }

    private static async Task PollCheckpointsAsync(HttpClient http, Stopwatch clock, List<(long Size, double At)> sizes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var note = await http.GetStringAsync("/log/checkpoint", stop);
                var size = long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture);
                var at = clock.Elapsed.TotalMilliseconds;
                lock (sizes)
                {
                    if (sizes.Count == 0 || sizes[^1].Size < size)
                    {
                        sizes.Add((size, at));
                    }
                }

                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private sealed class TimingStore(ConcurrentDictionary<string, double> delivered, Stopwatch clock) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var at = clock.Elapsed.TotalMilliseconds;
            foreach (var to in transaction.To)
            {
                if (to.Host == "bench.test")
                {
                    delivered.TryAdd(to.User, at);
                }
            }

            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
