using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record ReferralSummary(
    Guid Id, Guid CaseId, string ErdrNumber, int Part, BodyView From, BodyView To, string Reason, DateTimeOffset CreatedAt, DateTimeOffset DueBy);

/// <summary>Reads a case with its whole chain of hand-overs, its stages and alerts; and a body's inbox of referrals.</summary>
public sealed class GetCase(AigaqDb db, AccessLog log, RulePackCatalog rules)
{
    public async Task<CaseView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().Readable(user, db.Set<Referral>(), db.Set<Review.Complaint>()).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var reportNumber = await db.Set<Report>().Where(r => r.Id == c.ReportId).Select(r => r.Number).FirstAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => r.CaseId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.RecordedAt).ToListAsync(ct);
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var alleged = await CaseRouting.AllegedAsync(db, c.ReportId, ct);
        var complaints = await Review.GetComplaint.OfReportAsync(db, c.ReportId, ct);
        var pack = rules.ById(c.RulePackId) ?? rules.At(c.RegisteredAt);
        var conflicted = Jurisdiction.Conflicts(pack, CaseRouting.Target(pack, c, alleged), alleged);
        log.Add(user, "case.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);

        var history = events.Select(e => new CaseEventView(e.Id, e.Type, e.At, e.RecordedAt, e.RecordedBy, (JsonObject)JsonNode.Parse(e.Data)!, e.Reason)).ToList();
        var stages = history.Where(e => e.Type == CaseEventTypes.Stage)
            .Select(e => new StageView(Enum.Parse<CaseStage>(e.Fields["stage"]!.GetValue<string>(), ignoreCase: true), e.At, e.RecordedAt, e.RecordedBy, e.Fields))
            .ToList();
        return new CaseView(
            c.Id, c.ErdrNumber, c.ReportId, reportNumber, c.Region, c.RegisteredAt, c.Part, c.Torture,
            BodyView.Of(c.ResponsibleKind, c.ResponsibleRegion), new ConflictView(c.ConflictOpen, c.Conflict, conflicted),
            [.. referrals.Select(ReferralView.Of)], stages, history, c.Closed, [.. alerts.Select(AlertView.From)],
            MotionView.From(events), complaints);
    }

    public async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await FindAsync(id, user, ct) is { } view ? Results.Ok(view) : ProblemTypes.NotFoundProblem("The case");

    public const int InboxPageSize = 50;

    /// <summary>
    /// A page of the referrals waiting for the user's own body, oldest first, from those made after the instant
    /// <paramref name="after"/> (the cursor of the page before). A page ends with every referral of its last instant, so
    /// none is skipped between pages.
    /// </summary>
    public async Task<Page<ReferralSummary>> InboxAsync(ClaimsPrincipal user, DateTimeOffset? after, CancellationToken ct)
    {
        if (CaseScope.BodyOf(user) is not { } body)
        {
            return new Page<ReferralSummary>([], null);
        }

        var waiting = db.Set<Referral>().AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Pending && r.ToKind == body.Kind && r.ToRegion == body.Region);
        var query = after is null ? waiting : waiting.Where(r => r.CreatedAt > after);
        var rows = await query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(InboxPageSize + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > InboxPageSize)
        {
            var boundary = rows[InboxPageSize - 1].CreatedAt;
            var sameInstant = await waiting.Where(r => r.CreatedAt == boundary).OrderBy(r => r.Id).ToListAsync(ct);
            rows = [.. rows.Where(r => r.CreatedAt < boundary).Concat(sameInstant)];
            next = boundary.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var cases = rows.Select(r => r.CaseId).Distinct().ToList();
        var numbers = await db.Set<Case>().AsNoTracking().Where(c => cases.Contains(c.Id))
            .Select(c => new { c.Id, c.ErdrNumber, c.Part }).ToDictionaryAsync(c => c.Id, ct);
        log.Add(user, "referrals.inbox", $"{rows.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return new Page<ReferralSummary>([.. rows.Select(r => new ReferralSummary(
            r.Id, r.CaseId, numbers[r.CaseId].ErdrNumber, numbers[r.CaseId].Part, BodyView.Of(r.FromKind, r.FromRegion),
            BodyView.Of(r.ToKind, r.ToRegion), r.Reason, r.CreatedAt, r.DueBy))], next);
    }
}
