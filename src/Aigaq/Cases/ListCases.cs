using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>One case in a list: enough to see where it stands and who holds it, without opening it.</summary>
public sealed record CaseSummary(
    Guid Id, string ErdrNumber, Guid ReportId, string ReportNumber, string Region, DateTimeOffset RegisteredAt, int Part, bool Torture,
    BodyView ResponsibleBody, CaseStage? Stage, bool Closed, bool ConflictOpen, bool ReferralPending, int OpenAlerts);

/// <summary>
/// What a list of cases is narrowed to: the case's region, its stage (or none reached yet), the part of the article it is
/// qualified under, torture or not, an agency among the alleged perpetrators, the kind of body responsible now, open or
/// closed, and a search by ERDR or report number.
/// </summary>
public sealed record CaseFilter(
    string? Region = null, CaseStage? Stage = null, bool NoStage = false, int? Part = null, bool? Torture = null, Agency? Agency = null,
    BodyKind? Responsible = null, bool? Closed = null, string? Q = null);

/// <summary>A case read for a list, with the sequence number of its report, which orders the list (newest first).</summary>
public sealed class CaseRow
{
    public long Seq { get; init; }
    public Guid Id { get; init; }
    public required string ErdrNumber { get; init; }
    public Guid ReportId { get; init; }
    public required string ReportNumber { get; init; }
    public required string Region { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public int Part { get; init; }
    public bool Torture { get; init; }
    public BodyKind ResponsibleKind { get; init; }
    public required string ResponsibleRegion { get; init; }
    public CaseStage? Stage { get; init; }
    public bool Closed { get; init; }
    public bool ConflictOpen { get; init; }
    public bool ReferralPending { get; init; }
    public int OpenAlerts { get; init; }

    /// <summary>Whether the reader may open the case's report (an investigator reads the case, not the report).</summary>
    public bool ReportReadable { get; init; }

    public CaseSummary ToSummary() => new(
        Id, ErdrNumber, ReportId, ReportNumber, Region, RegisteredAt, Part, Torture, BodyView.Of(ResponsibleKind, ResponsibleRegion),
        Stage, Closed, ConflictOpen, ReferralPending, OpenAlerts);
}

/// <summary>
/// Lists the cases a user may read (as <see cref="CaseScope"/> decides), newest first by their report's number, with the
/// filters of <see cref="CaseFilter"/>; every list is logged. The API and the /cases page share it.
/// </summary>
public sealed class ListCases(AigaqDb db, AccessLog log, RulePackCatalog rules, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The longest search accepted.</summary>
    public const int MaxQ = 40;

    /// <summary>The stage filter's value for cases that have reached no stage yet.</summary>
    public const string NoStageValue = "none";

    public async Task<Answer<Page<CaseSummary>>> HandleAsync(CaseListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var filter = Read(v, query);
        var after = v.SeqCursor(query.Cursor);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var (found, next) = await PageAsync(Rows(user, filter), after, PageSize, ct);
        var items = found.Select(r => r.ToSummary()).ToList();
        log.Add(user, "cases.list", $"{items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<CaseSummary>>.Ok(new Page<CaseSummary>(items, next));
    }

    /// <summary>The <paramref name="size"/> rows below <paramref name="after"/>, newest first, and the cursor of the next page (null on the last).</summary>
    public static async Task<(IReadOnlyList<CaseRow> Rows, string? Next)> PageAsync(IQueryable<CaseRow> rows, long? after, int size, CancellationToken ct)
    {
        if (after is not null)
        {
            rows = rows.Where(r => r.Seq < after);
        }

        var found = await rows.OrderByDescending(r => r.Seq).Take(size + 1).ToListAsync(ct);
        return found.Count > size
            ? (found[..size], found[size - 1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : (found, null);
    }

    /// <summary>The filter the query's fields make; every field that means nothing is an error named after it.</summary>
    public CaseFilter Read(Validation v, CaseListQuery query)
    {
        v.Region("region", query.Region);
        var noStage = string.Equals(query.Stage, NoStageValue, StringComparison.OrdinalIgnoreCase);
        CaseStage? stage = null;
        if (!noStage && !string.IsNullOrEmpty(query.Stage))
        {
            var probe = new Validation();
            stage = probe.OptionalEnum<CaseStage>("stage", query.Stage);
            if (!probe.IsValid)
            {
                var names = Enum.GetNames<CaseStage>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);
                v.Add("stage", $"must be one of {string.Join(", ", names)}, or {NoStageValue} for cases that have reached no stage yet");
            }
        }

        int? part = null;
        if (!string.IsNullOrEmpty(query.Part))
        {
            var pack = rules.At(clock.GetUtcNow());
            if (int.TryParse(query.Part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) &&
                pack.Cases.Part(p) is not null)
            {
                part = p;
            }
            else
            {
                v.Add("part", $"must be one of {string.Join(", ", pack.Cases.Parts.Keys.Order())} (parts of art. {pack.Cases.Article})");
            }
        }

        var torture = ListReports.Flag(v, "torture", query.Torture);
        // An empty value is no filter, as for the other fields (a form sends its "any" option so).
        var agency = v.OptionalEnum<Agency>("agency", string.IsNullOrEmpty(query.Agency) ? null : query.Agency);
        var responsible = v.OptionalEnum<BodyKind>("responsible", string.IsNullOrEmpty(query.Responsible) ? null : query.Responsible);
        var closed = ListReports.Flag(v, "closed", query.Closed);
        var q = v.Optional("q", query.Q, MaxQ);
        return new CaseFilter(string.IsNullOrEmpty(query.Region) ? null : query.Region, stage, noStage, part, torture, agency, responsible, closed, q);
    }

    /// <summary>The cases <paramref name="user"/> may read that <paramref name="filter"/> keeps, as rows, all in the database's query.</summary>
    public IQueryable<CaseRow> Rows(ClaimsPrincipal user, CaseFilter filter)
    {
        var referrals = db.Set<Referral>();
        var cases = db.Set<Case>().AsNoTracking().Readable(user, referrals, db.Set<Complaint>());
        if (filter.Region is not null)
        {
            cases = cases.Where(c => c.Region == filter.Region);
        }

        if (filter.NoStage)
        {
            cases = cases.Where(c => c.Stage == null);
        }
        else if (filter.Stage is { } stage)
        {
            cases = cases.Where(c => c.Stage == stage);
        }

        if (filter.Part is { } part)
        {
            cases = cases.Where(c => c.Part == part);
        }

        if (filter.Torture is { } torture)
        {
            cases = cases.Where(c => c.Torture == torture);
        }

        if (filter.Agency is { } agency)
        {
            var alleged = db.Set<AllegedPerpetrator>();
            cases = cases.Where(c => alleged.Any(a => a.ReportId == c.ReportId && a.Agency == agency));
        }

        if (filter.Responsible is { } kind)
        {
            cases = cases.Where(c => c.ResponsibleKind == kind);
        }

        if (filter.Closed is { } closed)
        {
            cases = cases.Where(c => c.Closed == closed);
        }

        var reports = db.Set<Report>();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // An ERDR number as registered (digits, compared without the spaces people type between groups), or the
            // number of the report that opened the case.
            var q = filter.Q.Trim();
            var erdr = string.Concat(q.Where(ch => !char.IsWhiteSpace(ch))).ToUpperInvariant();
            var report = ListReports.NumberOf(q) ?? "";
            cases = cases.Where(c => c.ErdrNumber == erdr || c.ErdrNumber == q || reports.Any(r => r.Id == c.ReportId && r.Number == report));
        }

        var alerts = db.Set<Alert>();
        var readable = reports.Readable(user, db.Set<Complaint>());
        return from c in cases
               join r in reports on c.ReportId equals r.Id
               select new CaseRow
               {
                   Seq = r.Seq,
                   Id = c.Id,
                   ErdrNumber = c.ErdrNumber,
                   ReportId = c.ReportId,
                   ReportNumber = r.Number,
                   Region = c.Region,
                   RegisteredAt = c.RegisteredAt,
                   Part = c.Part,
                   Torture = c.Torture,
                   ResponsibleKind = c.ResponsibleKind,
                   ResponsibleRegion = c.ResponsibleRegion,
                   Stage = c.Stage,
                   Closed = c.Closed,
                   ConflictOpen = c.ConflictOpen,
                   ReferralPending = referrals.Any(x => x.CaseId == c.Id && x.Status == ReferralStatus.Pending),
                   OpenAlerts = alerts.Count(a => a.CaseId == c.Id && a.Status == AlertStatus.Open),
                   ReportReadable = readable.Any(x => x.Id == c.ReportId),
               };
    }
}

/// <summary>The query string of <c>GET /api/v1/cases</c>, every field as typed so that a bad one is named, not refused whole.</summary>
public sealed record CaseListQuery(
    string? Region = null, string? Stage = null, string? Part = null, string? Torture = null, string? Agency = null, string? Responsible = null,
    string? Closed = null, string? Q = null, string? Cursor = null);
