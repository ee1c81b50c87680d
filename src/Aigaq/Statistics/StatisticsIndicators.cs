using Aigaq.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Statistics;

/// <summary>
/// The indicators the statistics supply to the recommendations area (issue 18, item 3): each the figure the statistics
/// pages and API give for the same year and region, computed by the same code. A scope computes each year's figures once,
/// however many of its metrics a report asks; its metrics are asked one at a time, as its database context requires.
/// </summary>
internal sealed class StatisticsIndicators(
    Data.AigaqDb db, DetentionFigures detentions, Funnel funnel, ExaminationFigures examinations, Rules.RulePackCatalog rules, TimeProvider clock)
{
    private readonly Dictionary<(int, string?), DetentionFiguresView> _detentions = [];
    private readonly Dictionary<(int, string?), FunnelView> _funnels = [];

    public static IServiceCollection Register(IServiceCollection services)
    {
        services.AddScoped<StatisticsIndicators>();
        void Add(string id, IndicatorUnit unit, Func<StatisticsIndicators, int, string?, CancellationToken, Task<IndicatorValue>> compute) =>
            services.AddScoped<IIndicatorMetric>(sp =>
            {
                var s = sp.GetRequiredService<StatisticsIndicators>();
                return new ComputedIndicator(id, unit, (year, region, ct) => compute(s, year, region, ct));
            });

        // Shares of a year's detentions (by the local date of detention) with each fault the custody rules raise.
        Add("lateRegistrationShare", IndicatorUnit.Share, async (s, y, r, ct) => { var t = await s.DetentionsAsync(y, r, ct); return IndicatorValue.Share(t.RegisteredLate, t.Detentions); });
        Add("clocksExceededShare", IndicatorUnit.Share, async (s, y, r, ct) => { var t = await s.DetentionsAsync(y, r, ct); return IndicatorValue.Share(t.ClocksExceeded, t.Detentions); });
        Add("nightActionsShare", IndicatorUnit.Share, async (s, y, r, ct) => { var t = await s.DetentionsAsync(y, r, ct); return IndicatorValue.Share(t.NightActions, t.Detentions); });
        Add("withoutDefenderShare", IndicatorUnit.Share, async (s, y, r, ct) => { var t = await s.DetentionsAsync(y, r, ct); return IndicatorValue.Share(t.WithoutDefender, t.Detentions); });
        Add("injuriesRecordedShare", IndicatorUnit.Share, async (s, y, r, ct) => { var t = await s.DetentionsAsync(y, r, ct); return IndicatorValue.Share(t.Injuries, t.Detentions); });

        // The funnel of the year's torture reports: registered within the deadline (of those registered, as the
        // statistics page says it), and sent to court (of those received: CONTRACT.md's courtShare).
        Add("reportsRegisteredOnTime", IndicatorUnit.Share, async (s, y, r, ct) => { var f = await s.FunnelAsync(y, r, ct); return IndicatorValue.Share(f.RegisteredInTime, f.Registered); });
        Add("courtShare", IndicatorUnit.Share, async (s, y, r, ct) => { var f = await s.FunnelAsync(y, r, ct); return IndicatorValue.Share(f.SentToCourt, f.Received); });
        Add("tortureReportsReceived", IndicatorUnit.Count, async (s, y, r, ct) => IndicatorValue.Count((await s.FunnelAsync(y, r, ct)).Received));

        // Torture cases of the year with an Istanbul Protocol examination started.
        Add("examinationsInTortureCases", IndicatorUnit.Share, (s, y, r, ct) => s.ExaminationsStartedAsync(y, r, ct));

        // Reprisals against people who reported, that occurred in the year (by local date, as the reprisal statistics count them).
        Add("reprisalsReported", IndicatorUnit.Count, (s, y, r, ct) => s.ReprisalsAsync(y, r, ct));
        return services;
    }

    private async Task<IndicatorValue> ExaminationsStartedAsync(int year, string? region, CancellationToken ct)
    {
        var total = (await examinations.OfAsync(year, region, ct)).Total;
        return IndicatorValue.Share(total.Started, total.TortureCases);
    }

    private async Task<IndicatorValue> ReprisalsAsync(int year, string? region, CancellationToken ct)
    {
        var (from, to) = detentions.YearBounds(year);
        var reprisals = db.Set<Protection.Reprisal>().AsNoTracking().Where(x => x.OccurredAt >= from && x.OccurredAt < to);
        var count = await (region is null ? reprisals : reprisals.Where(x => x.Region == region)).CountAsync(ct);
        // Small counts are withheld as the reprisal statistics withhold them: they could point at the people concerned.
        return IndicatorValue.SmallCountHidden(count, rules.At(clock.GetUtcNow()).Reprisals.SmallCellThreshold);
    }

    private async Task<DetentionRow> DetentionsAsync(int year, string? region, CancellationToken ct)
    {
        // Only a finished answer is kept: a cancelled or failed one is computed again by the next metric that asks.
        if (!_detentions.TryGetValue((year, region), out var figures))
        {
            _detentions[(year, region)] = figures = await detentions.OfAsync(year, region, ct);
        }

        return figures.Total;
    }

    private async Task<FunnelView> FunnelAsync(int year, string? region, CancellationToken ct)
    {
        if (!_funnels.TryGetValue((year, region), out var figures))
        {
            _funnels[(year, region)] = figures = await funnel.OfAsync(year, region, null, ct);
        }

        return figures;
    }
}
