using System.Globalization;
using System.Text;
using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Web;

namespace Aigaq.Statistics;

internal static class StatisticsEndpoints
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddScoped<Funnel>();

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/statistics").WithTags("Statistics");

        api.MapGet("/funnel", async (int? year, string? region, string? agency, Funnel funnel, LocalClock clock, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                v.Region("region", region);
                var alleged = v.OptionalEnum<Agency>("agency", agency);
                return await v.AnswerAsync(() => funnel.OfAsync(wanted, region, alleged, ct));
            })
            .RequireAuthorization(Permissions.ViewStatistics)
            .WithName("StatisticsFunnel");

        api.MapGet("/workload", async (string? region, Funnel funnel, CancellationToken ct) =>
            {
                var v = new Validation();
                v.Region("region", region);
                return await v.AnswerAsync(() => funnel.WorkloadAsync(region, ct));
            })
            .RequireAuthorization(Permissions.ViewStatistics)
            .WithName("StatisticsWorkload");

        // The public export: anyone may take it, and counts from 1 to 4 show as "<5".
        api.MapGet("/funnel.csv", async (int? year, Funnel funnel, LocalClock clock, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                if (!v.IsValid)
                {
                    return v.Problem();
                }

                var csv = new StringBuilder("year,region,agency,received,registered,sentToCourt,convicted\n");
                var (all, regions, suppression) = await funnel.RegionsAsync(wanted, ct);
                void Row(string region, string agency, FunnelRow r, string? key) => csv.Append(CultureInfo.InvariantCulture,
                    $"{wanted},{region},{agency},{string.Join(',', Suppression.Columns(r).Select((n, c) => SmallCounts.Show(n, key is not null && suppression.Withheld(key, c))))}\n");

                Row("all", "all", Suppression.Row(all), Suppression.Total);
                foreach (var r in regions)
                {
                    Row(r.Key, "all", r, r.Key);
                }

                foreach (var r in await funnel.ByAgencyAsync(wanted, null, ct))
                {
                    Row("all", char.ToLowerInvariant(r.Key[0]) + r.Key[1..], r, null);
                }

                return Results.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
            })
            .AllowAnonymous()
            .Produces<string>(contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName("StatisticsExport");

        return app;
    }

    /// <summary>The year asked for, or the current local year; reports from 2000 onwards exist.</summary>
    internal static int Year(Validation v, int? year, LocalClock clock)
    {
        var current = clock.ToLocal(clock.Now).Year;
        if (year is { } y && (y < 2000 || y > current))
        {
            v.Add("year", $"must lie between 2000 and {current}");
        }

        return year ?? current;
    }
}
