using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>Reads a case with its whole chain of hand-overs, its stages and alerts.</summary>
public sealed class GetCase(AigaqDb db, AccessLog log, RulePackCatalog rules)
{
    public async Task<CaseView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().Readable(user, db.Set<Referral>(), db.Set<Complaint>()).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var reportNumber = await db.Set<Report>().Where(r => r.Id == c.ReportId).Select(r => r.Number).FirstAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => r.CaseId == id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.RecordedAt).ToListAsync(ct);
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var alleged = await CaseRouting.AllegedAsync(db, c.ReportId, ct);
        var complaints = await GetComplaint.OfReportAsync(db, c.ReportId, ct);
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

    public async Task<Found<CaseView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        Found<CaseView>.Of(await FindAsync(id, user, ct), "The case");
}
