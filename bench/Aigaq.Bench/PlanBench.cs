using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Visits;
using Aigaq.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>
/// <c>plan</c> mode (issue 17, item 2; bench/README.md): the visit plan over <c>--facilities</c> facilities (default 3,000) and
/// <c>--detentions</c> detentions (default 1,000,000) on PostgreSQL, against a baseline database of the same facilities with
/// <c>--baseline</c> detentions (default 10,000) made by the same generator, timed in the same minutes. Both are built by
/// binary COPY (<see cref="PlanBenchData"/>) unless <c>--reuse 1</c>, which migrates them to this build's schema first
/// (the application's own migrations, as a deployment would: see <see cref="PlanBenchData.MigrateAsync"/>). Each round times, in turn on each database, the
/// national plan and one region's, through the application's own handler (<see cref="PlanVisits"/> with its register
/// source and rule pack) and the JSON serialization of the answer, on a fresh DbContext each time: what the endpoint does
/// after authentication. <c>--warmup</c> unmeasured rounds (default 3), then <c>--runs</c> (default 9); prints one JSON line
/// with each figure's median, min and max in ms and the ratio of the medians to the baseline's.
/// </summary>
internal static class PlanBench
{
    /// <summary>The generated history ends here, and the plan's clock stands here: the plan of the next year reads the 365 days before.</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(Options o)
    {
        var admin = o.Get("pg", "Host=127.0.0.1;Username=aigaq;Password=aigaq");
        var big = o.Get("db", "aigaq_planbench");
        var small = o.Get("baseDb", "aigaq_planbench_small");
        var facilities = o.Int("facilities", 3000);
        var detentions = o.Int("detentions", 1_000_000);
        var baseline = o.Int("baseline", 10_000);
        var region = o.Get("region", "KZ-75");
        string Cs(string db) => new NpgsqlConnectionStringBuilder(admin) { Database = db, SslMode = SslMode.Disable, CommandTimeout = 0 }.ToString();

        if (o.Get("reuse", "0") != "1")
        {
            await PlanBenchData.BuildAsync(admin, small, facilities, baseline);
            await PlanBenchData.BuildAsync(admin, big, facilities, detentions);
        }
        else
        {
            await PlanBenchData.MigrateAsync(admin, small);
            await PlanBenchData.MigrateAsync(admin, big);
        }

        var catalog = RulePackCatalog.LoadEmbedded();
        var clock = new LocalClock(catalog, new FixedTime(End));
        var json = Json.Options;
        var analyst = new ClaimsPrincipal(new ClaimsIdentity("bench"));
        var year = (End.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        async Task<(double Ms, int Bytes, int Places)> PlanAsync(string db, string? inRegion)
        {
            var clockTime = Stopwatch.StartNew();
            await using var context = new PostgresAigaqDb(new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql(Cs(db)).Options);
            var handler = new PlanVisits(context, [new RegisterRiskFactors(context)], catalog, clock);
            var answer = await handler.HandleAsync(year, inRegion, analyst, CancellationToken.None);
            var plan = ((Ok<VisitPlanView>)answer.Result).Value!;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(plan, json).Length;
            return (clockTime.Elapsed.TotalMilliseconds, bytes, plan.Facilities.Count);
        }

        var cases = new (string Name, string Db, string? Region)[]
        {
            ("baselineNational", small, null), ("national", big, null), ("baselineRegion", small, region), ("region", big, region),
        };
        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        var sizes = new Dictionary<string, (int Bytes, int Places)>();
        var warmup = o.Int("warmup", 3);
        var runs = o.Int("runs", 9);
        var load = new List<string> { File.ReadAllText("/proc/loadavg").Split(' ')[0] };
        for (var round = 0; round < warmup + runs; round++)
        {
            foreach (var c in cases)
            {
                var (ms, bytes, places) = await PlanAsync(c.Db, c.Region);
                if (round >= warmup)
                {
                    times[c.Name].Add(ms);
                    sizes[c.Name] = (bytes, places);
                }
            }
        }

        load.Add(File.ReadAllText("/proc/loadavg").Split(' ')[0]);
        static double Median(List<double> xs)
        {
            var s = xs.Order().ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "plan",
            facilities,
            detentions,
            baseline,
            runs,
            loadAvg = load,
            figures = cases.Select(c => new
            {
                c.Name,
                medianMs = Math.Round(Median(times[c.Name]), 1),
                minMs = Math.Round(times[c.Name].Min(), 1),
                maxMs = Math.Round(times[c.Name].Max(), 1),
                sizes[c.Name].Places,
                sizes[c.Name].Bytes,
            }),
            nationalRatio = Math.Round(Median(times["national"]) / Median(times["baselineNational"]), 2),
            regionRatio = Math.Round(Median(times["region"]) / Median(times["baselineRegion"]), 2),
        }));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
