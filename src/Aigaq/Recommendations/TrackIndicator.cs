using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>A year's value of a manual indicator, as a person gives it; for a share, the part and whole it is taken from.</summary>
public sealed record ManualValueInput(int? Year, decimal? Value, int? Part = null, int? Whole = null);

/// <summary>
/// <c>POST /api/v1/recommendations/{id}/indicators</c>: CONTRACT.md's <c>{ metric, region?, from, to }</c>, the first and
/// last year of the series (ADR 0031); for <c>metric: "manual"</c> also the label, the unit and the values given.
/// </summary>
public sealed record TrackIndicatorRequest(
    string? Metric, string? Region, int? From, int? To, string? Label = null, IndicatorUnit? Unit = null, IReadOnlyList<ManualValueInput?>? Values = null);

public sealed record IndicatorTracked(Guid Id, IReadOnlyList<SnapshotView> Values);

/// <summary>
/// Tracks an indicator of a recommendation and takes a dated snapshot of each year's value: computed through the
/// <see cref="IndicatorCatalogue"/> (the figure the statistics give for the region and year), or given by a person for a
/// manual indicator where the register holds no data. The same metric and region (and label) posted again is the same
/// indicator: its new snapshots are appended, never written over the old ones.
/// </summary>
public sealed class TrackIndicator(AigaqDb db, IndicatorCatalogue catalogue, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxLabel = 200;
    public const int EarliestYear = 1990;
    public const int MaxYears = 30;

    public async Task<Outcome<IndicatorTracked>> HandleAsync(Guid id, TrackIndicatorRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await db.Set<Recommendation>().AnyAsync(r => r.Id == id, ct))
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The recommendation"));
        }

        var pack = rules.At(now);
        var v = new Validation();
        var manual = request.Metric == RecommendationIndicator.ManualMetric;
        var metric = manual ? null : catalogue.Validate(v, request.Metric);
        var region = v.Region("region", request.Region);
        var (from, to) = Years(v, request.From, request.To, TimeZoneInfo.ConvertTime(now, pack.Zone).Year);
        var label = manual ? v.Required("label", request.Label, MaxLabel) : null;
        if (!manual && request.Label is not null)
        {
            v.Add("label", "is given only for a manual indicator (metric \"manual\")");
        }

        var unit = manual ? v.Required("unit", request.Unit) : metric?.Unit ?? IndicatorUnit.Count;
        var values = manual ? Manual(v, request.Values, from, to) : [];
        if (!manual && request.Values is not null)
        {
            v.Add("values", "are given only for a manual indicator (metric \"manual\")");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var metricId = manual ? RecommendationIndicator.ManualMetric : metric!.Id;
        var key = $"{metricId}|{region}|{label}";
        var indicator = await db.Set<RecommendationIndicator>().AsNoTracking().FirstOrDefaultAsync(i => i.RecommendationId == id && i.Key == key, ct);
        if (indicator is not null && indicator.Unit != unit)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"The indicator is tracked in {Json.Name(indicator.Unit)}.", "unit"));
        }

        var by = user.RequiredUserId();
        if (indicator is null)
        {
            indicator = new RecommendationIndicator
            {
                Id = Guid.CreateVersion7(now),
                RecommendationId = id,
                Metric = metricId,
                Region = region,
                Label = label,
                Unit = unit,
                Key = key,
                RecordedAt = now,
                RecordedBy = by,
            };
            db.Add(indicator);
            LedgerWriter.Append(db, RecommendationLedger.IndicatorTracked, indicator.Id, now, RecommendationLedger.Content(indicator));
        }

        if (!manual)
        {
            for (var year = from; year <= to; year++)
            {
                values.Add((year, await metric!.OfAsync(year, region, ct)));
            }
        }

        var snapshots = Snapshot(db, indicator.Id, values, manual, now, by);
        log.Add(user, "recommendation.indicator", id.ToString(), "allowed");
        var tracked = indicator;
        return Outcome<IndicatorTracked>.Created(
            () => new IndicatorTracked(tracked.Id, [.. GetRecommendation.Indicator(tracked, snapshots).Values]), $"/api/v1/recommendations/{id}");
    }

    /// <summary>Appends a snapshot of each year's value, each with its log entry.</summary>
    public static List<IndicatorSnapshot> Snapshot(
        AigaqDb db, Guid indicatorId, IEnumerable<(int Year, IndicatorValue Value)> values, bool manual, DateTimeOffset now, Guid by)
    {
        var snapshots = values.Select(x => new IndicatorSnapshot
        {
            Id = Guid.CreateVersion7(now),
            IndicatorId = indicatorId,
            Year = x.Year,
            Value = x.Value.Value,
            Part = x.Value.Part,
            Whole = x.Value.Whole,
            Suppressed = x.Value.Suppressed,
            Manual = manual,
            ComputedAt = now,
            RecordedBy = by,
        }).ToList();
        foreach (var s in snapshots)
        {
            db.Add(s);
            LedgerWriter.Append(db, RecommendationLedger.IndicatorSnapshotTaken, s.Id, now, RecommendationLedger.Content(s));
        }

        return snapshots;
    }

    private static (int From, int To) Years(Validation v, int? from, int? to, int thisYear)
    {
        var first = v.Required("from", from);
        var last = v.Required("to", to);
        if (from is < EarliestYear || from > thisYear)
        {
            v.Add("from", $"must be a year from {EarliestYear} to {thisYear}");
        }

        if (to is < EarliestYear || to > thisYear)
        {
            v.Add("to", $"must be a year from {EarliestYear} to {thisYear}");
        }
        else if (from is not null && to is not null && !v.Has("from") && (last < first || last - first >= MaxYears))
        {
            v.Add("to", last < first ? "is before from" : $"is more than {MaxYears} years after from");
        }

        return (first, last);
    }

    private static List<(int Year, IndicatorValue Value)> Manual(Validation v, IReadOnlyList<ManualValueInput?>? input, int from, int to)
    {
        if (input is null || input.Count == 0)
        {
            v.Add("values", "are required for a manual indicator");
            return [];
        }

        List<(int, IndicatorValue)> values = [];
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"values[{i}]";
            if (input[i] is not { } x)
            {
                v.Add(field, "is required");
                continue;
            }

            var year = v.Required(field + ".year", x.Year);
            if (x.Year is { } y && (y < from || y > to))
            {
                v.Add(field + ".year", "is not between from and to");
            }
            else if (x.Year is not null && values.Any(e => e.Item1 == year))
            {
                v.Add(field + ".year", "is given twice");
            }

            var value = v.Required(field + ".value", x.Value);
            if (x.Value is < 0 or > 1_000_000_000)
            {
                v.Add(field + ".value", "must be from 0 to 1000000000");
            }

            if ((x.Part is null) != (x.Whole is null) || x.Part < 0 || x.Part > x.Whole)
            {
                v.Add(field + ".part", "and whole are given together, the part at most the whole");
            }

            values.Add((year, new IndicatorValue(Math.Round(value, 4, MidpointRounding.AwayFromZero), x.Part, x.Whole)));
        }

        return values;
    }
}
