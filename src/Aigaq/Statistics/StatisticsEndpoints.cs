using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Statistics;

internal static class StatisticsEndpoints
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) =>
        services.AddScoped<Funnel>().AddScoped<DetentionFigures>().AddScoped<Trends>().AddScoped<Publisher>()
            .AddScoped<ExaminationFigures>().AddScoped<ExaminationPublisher>()
            .AddIndicators();

    /// <summary>The statistics' figures as indicators of UN recommendations (the catalogue is the recommendations area's).</summary>
    private static IServiceCollection AddIndicators(this IServiceCollection services) => StatisticsIndicators.Register(services);

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

        api.MapGet("/detentions", async (int? year, string? region, DetentionFigures figures, LocalClock clock, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                v.Region("region", region);
                return await v.AnswerAsync(() => figures.OfAsync(wanted, region, ct));
            })
            .RequireAuthorization(Permissions.ViewStatistics)
            .WithName("StatisticsDetentions");

        api.MapGet("/trends", async (int? year, string? region, Trends trends, LocalClock clock, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                v.Region("region", region);
                return await v.AnswerAsync(() => trends.OfAsync(wanted, region, ct));
            })
            .RequireAuthorization(Permissions.ViewStatistics)
            .WithName("StatisticsTrends");

        // The public export: anyone may take it. Headers in the reader's language (?culture=, the cookie or
        // Accept-Language), numbers alone in the number columns, and what is not published said in a column of its own.
        api.MapGet("/funnel.csv", async (int? year, Funnel funnel, LocalClock clock, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                if (!v.IsValid)
                {
                    return v.Problem();
                }

                var (all, regions, suppression) = await funnel.RegionsAsync(wanted, ct);
                var agencies = await funnel.ByAgencyAsync(wanted, null, ct);
                return StatisticsCsv.File($"aigaq-funnel-{wanted}.csv", StatisticsCsv.Funnel(t, wanted, all, regions, agencies, suppression));
            })
            .AllowAnonymous()
            .Produces<string>(contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName("StatisticsExport");

        api.MapGet("/detentions.csv", async (int? year, Publisher publisher, LocalClock clock, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                if (!v.IsValid)
                {
                    return v.Problem();
                }

                var published = await publisher.OfAsync(wanted, null, ct);
                return StatisticsCsv.File($"aigaq-detentions-{wanted}.csv", StatisticsCsv.Detentions(t, published));
            })
            .AllowAnonymous()
            .Produces<string>(contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName("StatisticsDetentionsExport");

        // Istanbul Protocol examinations (issue 16, item 10): the counts as they are for those with the permission; the
        // public export as the page publishes them.
        api.MapGet("/examinations", async (int? year, string? region, ExaminationFigures figures, LocalClock clock, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                v.Region("region", region);
                return await v.AnswerAsync(() => figures.OfAsync(wanted, region, ct));
            })
            .RequireAuthorization(Permissions.ViewStatistics)
            .WithName("StatisticsExaminations");

        api.MapGet("/examinations.csv", async (int? year, ExaminationPublisher publisher, LocalClock clock, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            {
                var v = new Validation();
                var wanted = Year(v, year, clock);
                if (!v.IsValid)
                {
                    return v.Problem();
                }

                var published = await publisher.OfAsync(wanted, null, ct);
                return StatisticsCsv.File($"aigaq-examinations-{wanted}.csv", ExaminationPublisher.Csv(t, published));
            })
            .AllowAnonymous()
            .Produces<string>(contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName("StatisticsExaminationsExport");

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
