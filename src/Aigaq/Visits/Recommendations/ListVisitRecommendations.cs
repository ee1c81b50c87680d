using System.Linq.Expressions;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// A visit's recommendation as the API answers it. <see cref="Status"/> is the authority's latest response
/// (<c>awaiting</c> before any), <see cref="Finding"/> the team's latest check, <see cref="Open"/> whether no check has
/// found it implemented, <see cref="Overdue"/> whether its response day passed with none.
/// </summary>
public sealed record VisitRecommendationSummary(
    Guid Id, string Number, Guid VisitId, Guid FacilityId, string Region, string Addressee, string Theme, string Text,
    RecommendationPriority Priority, DateOnly ResponseDueBy, Guid? Repeats, string Status, RecommendationFinding? Finding, bool Open, bool Overdue,
    DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>The query of <c>GET /api/v1/visit-recommendations</c>: a facility, and a status (a response's, <c>awaiting</c> or <c>open</c>).</summary>
public sealed record VisitRecommendationQuery(Guid? Facility = null, string? Status = null, string? Cursor = null);

/// <summary>Lists the recommendations of the user's region (<see cref="VisitRecommendation.Readable"/>), newest first; every list is logged.</summary>
public sealed class ListVisitRecommendations(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public const int PageSize = 50;
    public const string Awaiting = "awaiting";
    public const string Open = "open";

    public async Task<Answer<Page<VisitRecommendationSummary>>> HandleAsync(VisitRecommendationQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var responses = db.Set<VisitRecommendationResponse>();
        var checks = db.Set<VisitRecommendationCheck>();
        var rows = VisitRecommendation.Readable(db.Set<VisitRecommendation>().AsNoTracking(), user);
        if (query.Facility is { } facility)
        {
            rows = rows.Where(r => r.FacilityId == facility);
        }

        switch (query.Status)
        {
            case null or "":
                break;
            case Open:
                rows = RecommendationState.Open(rows, checks);
                break;
            case Awaiting:
                rows = rows.Where(r => !responses.Any(x => x.RecommendationId == r.Id));
                break;
            default:
                if (v.OptionalEnum<RecommendationResponseStatus>("status", query.Status) is { } status)
                {
                    rows = rows.Where(r => responses.Where(x => x.RecommendationId == r.Id).OrderByDescending(x => x.At).ThenByDescending(x => x.RecordedAt)
                        .Select(x => (RecommendationResponseStatus?)x.Status).FirstOrDefault() == status);
                }
                else
                {
                    v.Add("status", "may also be awaiting or open");
                }

                break;
        }

        var after = v.SeqCursor(query.Cursor);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var page = await rows.PageBySeqAsync(after, PageSize, Project(responses, checks, now), ct);
        log.Add(user, "visit-recommendations.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<VisitRecommendationSummary>>.Ok(new Page<VisitRecommendationSummary>([.. page.Items.Select(r => r.Summary())], page.Next));
    }

    /// <summary>
    /// The place's recommendations from other visits than <paramref name="visitId"/> still open, newest first, for a visit
    /// page's shell (ADR 0030, addendum "The visit page without a connection"): each by number, theme, priority and status
    /// only, so that the team can check them offline. The answer holds no addressee or text
    /// (<see cref="VisitRecommendationSummary.Addressee"/> and <see cref="VisitRecommendationSummary.Text"/> are empty),
    /// and the read is not a <c>visit-recommendations.list</c> entry: the shell holds nothing personal, and its read is in
    /// the access log as the visit's <c>visit.shell</c>.
    /// </summary>
    public async Task<IReadOnlyList<VisitRecommendationSummary>> OpenForShellAsync(Guid facilityId, Guid visitId, ClaimsPrincipal user, CancellationToken ct)
    {
        var responses = db.Set<VisitRecommendationResponse>();
        var checks = db.Set<VisitRecommendationCheck>();
        var open = RecommendationState.Open(
            VisitRecommendation.Readable(db.Set<VisitRecommendation>().AsNoTracking(), user).Where(r => r.FacilityId == facilityId && r.VisitId != visitId), checks);
        var rows = await open.OrderByDescending(r => r.Seq).Select(Project(responses, checks, clock.GetUtcNow())).ToListAsync(ct);
        return [.. rows.Select(r => r.Summary() with { Addressee = "", Text = "" })];
    }

    /// <summary>A recommendation with its latest response's status and latest check's finding, read in one query.</summary>
    internal sealed record Row(VisitRecommendation R, RecommendationResponseStatus? Status, RecommendationFinding? Finding, bool Overdue)
    {
        public VisitRecommendationSummary Summary() => new(
            R.Id, R.Number, R.VisitId, R.FacilityId, R.Region, R.Addressee, R.Theme, R.Text, R.Priority, R.ResponseDueBy, R.RepeatsId,
            Status is { } s ? Json.Name(s) : Awaiting, Finding, Finding != RecommendationFinding.Implemented, Overdue, R.RecordedAt, R.RecordedBy);
    }

    /// <summary>The row as one query of the database: the latest response and the latest check as subqueries.</summary>
    internal static Expression<Func<VisitRecommendation, Row>> Project(
        IQueryable<VisitRecommendationResponse> responses, IQueryable<VisitRecommendationCheck> checks, DateTimeOffset now) => r => new Row(
        r,
        responses.Where(x => x.RecommendationId == r.Id).OrderByDescending(x => x.At).ThenByDescending(x => x.RecordedAt)
            .Select(x => (RecommendationResponseStatus?)x.Status).FirstOrDefault(),
        checks.Where(c => c.RecommendationId == r.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt)
            .Select(c => (RecommendationFinding?)c.Finding).FirstOrDefault(),
        r.ResponseDueAt <= now && !responses.Any(x => x.RecommendationId == r.Id));
}
