using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Examinations;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Statistics;

/// <summary>
/// A group's Istanbul Protocol figures for a year (issue 16, item 10). Of the torture cases (those the rule pack in force at
/// registration qualified as torture under its article) received in the year: how many have an examination requested,
/// started (a session) and sealed. Of the examinations requested in the year: how many started, the hours from the
/// allegation to the session's start (median and 90th percentile), and the sealed ones' overall opinions by level.
/// </summary>
public sealed record ExaminationRow(
    string Key, int TortureCases, int Requested, int Started, int Sealed, int Examinations, int Timed, double? MedianHours, double? P90Hours,
    IReadOnlyDictionary<string, int> Opinions)
{
    public double? RequestedShare => FunnelView.Share(Requested, TortureCases);
    public double? StartedShare => FunnelView.Share(Started, TortureCases);
    public double? SealedShare => FunnelView.Share(Sealed, TortureCases);

    /// <summary>The counts in column order: <see cref="ExaminationFigures.Columns"/>, then the opinions in the levels' order.</summary>
    public int[] Columns(IReadOnlyList<string> levels) =>
        [TortureCases, Requested, Started, Sealed, Examinations, Timed, .. levels.Select(l => Opinions.GetValueOrDefault(l))];
}

/// <summary>
/// The figures for all regions or one: the total, by region (all regions only) and by agency. A case counts under each
/// agency its report alleges; an examination under those and the agency of the facility of its detention, so the
/// agencies' rows do not add up.
/// </summary>
public sealed record ExaminationFiguresView(
    int Year, string? Region, string Article, IReadOnlyList<string> Levels, ExaminationRow Total, IReadOnlyList<ExaminationRow> ByRegion,
    IReadOnlyList<ExaminationRow> ByAgency);

/// <summary>Computes <see cref="ExaminationFiguresView"/> from the case and examination registers.</summary>
public sealed class ExaminationFigures(AigaqDb db, DetentionFigures detentions, ExaminationForms forms, RulePackCatalog rules, TimeProvider clock)
{
    /// <summary>The count columns before the opinions, in <see cref="ExaminationRow.Columns"/> order.</summary>
    public static readonly string[] Columns =
        ["Torture cases", "With an examination requested", "With an examination started", "With an examination sealed", "Examinations requested",
         "Examinations started"];

    /// <summary>The percentile of the hours published beside the median.</summary>
    private const double Upper = 0.9;

    public async Task<ExaminationFiguresView> OfAsync(int year, string? region, CancellationToken ct)
    {
        var cases = await CasesAsync(year, region, ct);
        var exams = await ExaminationsAsync(year, region, ct);

        // The levels of the form in force now, then any other a sealed examination of an older version used.
        var levels = forms.At(clock.GetUtcNow()).Consistency.Concat(exams.Select(e => e.Opinion).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        var reports = cases.Select(c => c.ReportId).Concat(exams.Select(e => e.ReportId).OfType<Guid>()).Distinct().ToList();
        var alleged = (await db.Set<AllegedPerpetrator>().AsNoTracking().Where(a => reports.Contains(a.ReportId))
            .Select(a => new { a.ReportId, a.Agency }).Distinct().ToListAsync(ct)).ToLookup(a => a.ReportId, a => a.Agency);
        var held = exams.Select(e => e.DetentionId).OfType<Guid>().Distinct().ToList();
        var facilities = db.Set<Facility>();
        var holding = await db.Set<Detention>().AsNoTracking().Where(d => held.Contains(d.Id))
            .Select(d => new { d.Id, Agency = facilities.Where(f => f.Id == d.DestinationFacilityId).Select(f => (Agency?)f.Agency).FirstOrDefault() })
            .ToDictionaryAsync(d => d.Id, d => d.Agency, ct);
        IEnumerable<Agency> AgenciesOf(Exam e) =>
            (e.ReportId is { } r ? alleged[r] : []).Concat(e.DetentionId is { } d && holding.GetValueOrDefault(d) is { } a ? new[] { a } : []).Distinct();

        ExaminationRow Row(string key, IEnumerable<TortureCase> c, IEnumerable<Exam> e) => Of(key, [.. c], [.. e], levels);
        var total = Row(region ?? Suppression.Total, cases, exams);
        IReadOnlyList<ExaminationRow> byRegion = region is not null ? [] : [.. cases.Select(c => c.Region).Concat(exams.Select(e => e.Region))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(r => Row(r, cases.Where(c => c.Region == r), exams.Where(e => e.Region == r)))];
        IReadOnlyList<ExaminationRow> byAgency = [.. cases.SelectMany(c => alleged[c.ReportId]).Concat(exams.SelectMany(AgenciesOf)).Distinct().Order()
            .Select(a => Row(a.ToString(), cases.Where(c => alleged[c.ReportId].Contains(a)), exams.Where(e => AgenciesOf(e).Contains(a))))];
        return new ExaminationFiguresView(year, region, rules.At(clock.GetUtcNow()).Cases.Article, levels, total, byRegion, byAgency);
    }

    private static ExaminationRow Of(string key, List<TortureCase> cases, List<Exam> exams, IReadOnlyList<string> levels)
    {
        var hours = exams.Where(e => e.Hours is not null).Select(e => e.Hours!.Value).Order().ToList();
        var opinions = exams.Where(e => e.Opinion is not null).CountBy(e => e.Opinion!).ToDictionary(StringComparer.Ordinal);
        return new ExaminationRow(
            key, cases.Count, cases.Count(c => c.Requested), cases.Count(c => c.Started), cases.Count(c => c.Sealed), exams.Count, hours.Count,
            Median(hours), Percentile(hours, Upper), levels.ToDictionary(l => l, l => opinions.GetValueOrDefault(l), StringComparer.Ordinal));
    }

    /// <summary>The middle value of sorted hours (the mean of the two middle ones for an even count), to a tenth; null for none.</summary>
    internal static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0
        ? null
        : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 1);

    /// <summary>The nearest-rank percentile of sorted hours (the smallest value with at least that share at or below it); null for none.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);

    private sealed record TortureCase(Guid ReportId, string Region, bool Requested, bool Started, bool Sealed);

    /// <summary>An examination, its links, the hours from the allegation to its session (if one) and its sealed opinion (if sealed).</summary>
    private sealed record Exam(string Region, Guid? ReportId, Guid? DetentionId, double? Hours, string? Opinion);

    private async Task<List<TortureCase>> CasesAsync(int year, string? region, CancellationToken ct)
    {
        var ofYear = db.Set<Case>().AsNoTracking().OfTorture().Where(c => c.ReceivedYear == year);
        if (region is not null)
        {
            ofYear = ofYear.Where(c => c.Region == region);
        }

        // An examination counts for a case when it names the case, its report or the report's detention (as the oversight scan counts it).
        var examinations = db.Set<Examination>();
        var reports = db.Set<Report>();
        var sessions = db.Set<ExaminationSession>();
        var seals = db.Set<ExaminationSeal>();
        var rows = await ofYear.Select(c => new
        {
            c.ReportId,
            c.Region,
            Requested = examinations.Any(e => e.CaseId == c.Id || e.ReportId == c.ReportId
                || reports.Any(r => r.Id == c.ReportId && r.DetentionId != null && r.DetentionId == e.DetentionId)),
            Started = examinations.Any(e => (e.CaseId == c.Id || e.ReportId == c.ReportId
                    || reports.Any(r => r.Id == c.ReportId && r.DetentionId != null && r.DetentionId == e.DetentionId))
                && sessions.Any(s => s.ExaminationId == e.Id)),
            Sealed = examinations.Any(e => (e.CaseId == c.Id || e.ReportId == c.ReportId
                    || reports.Any(r => r.Id == c.ReportId && r.DetentionId != null && r.DetentionId == e.DetentionId))
                && seals.Any(s => s.ExaminationId == e.Id)),
        }).ToListAsync(ct);
        return [.. rows.Select(c => new TortureCase(c.ReportId, c.Region, c.Requested, c.Started, c.Sealed))];
    }

    private async Task<List<Exam>> ExaminationsAsync(int year, string? region, CancellationToken ct)
    {
        var (from, to) = detentions.YearBounds(year);
        var ofYear = db.Set<Examination>().AsNoTracking().Where(e => e.RequestedAt >= from && e.RequestedAt < to);
        if (region is not null)
        {
            ofYear = ofYear.Where(e => e.Region == region);
        }

        var cases = db.Set<Case>();
        var reports = db.Set<Report>();
        var rows = await ofYear.Select(e => new
        {
            e.Region,
            e.DetentionId,
            e.RequestedAt,
            ReportId = e.ReportId ?? cases.Where(c => c.Id == e.CaseId).Select(c => (Guid?)c.ReportId).FirstOrDefault(),
            Complained = db.Set<DetentionEvent>().Where(d => d.Id == e.DetentionEventId).Select(d => (DateTimeOffset?)d.At).FirstOrDefault(),
            Started = db.Set<ExaminationSession>().Where(s => s.ExaminationId == e.Id).Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefault(),
            Opinion = db.Set<ExaminationSeal>().Where(s => s.ExaminationId == e.Id).Select(s => s.Opinion).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.ReportId).OfType<Guid>().Distinct().ToList();
        var received = await reports.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.ReceivedAt }).ToDictionaryAsync(r => r.Id, r => r.ReceivedAt, ct);

        // The allegation: the custody complaint or injuries that made the request, else the report it serves, else the
        // request itself. A session recorded before the allegation reached the register counts as no wait at all.
        return [.. rows.Select(r =>
        {
            var alleged = r.Complained ?? (r.ReportId is { } id && received.TryGetValue(id, out var at) ? at : r.RequestedAt);
            double? hours = r.Started is { } s ? Math.Max(0, (s - alleged).TotalHours) : null;
            return new Exam(r.Region, r.ReportId, r.DetentionId, hours, r.Opinion);
        })];
    }
}
