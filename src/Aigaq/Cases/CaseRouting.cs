using System.Text.Json.Nodes;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// Where a case belongs and how it gets there, shared by registration, requalification and conflict
/// decisions so that one rule has one implementation: the body the rule pack names, unless a
/// supervisory prosecutor escalated a conflict; a hand-over by referral, the sender staying
/// responsible until the receiver accepts; and the institutional-conflict alert.
/// </summary>
internal static class CaseRouting
{
    /// <summary>The body the case should be with now.</summary>
    public static BodyKind Target(RulePack pack, Case c, IReadOnlyCollection<Agency> alleged)
    {
        var competent = Jurisdiction.Route(pack, c.Part, c.Torture);
        if (c.Conflict == ConflictDecision.Escalate && Jurisdiction.Conflicts(pack, competent, alleged).Count > 0 &&
            Jurisdiction.EscalationOf(pack, competent) is { } up)
        {
            return up;
        }

        return competent;
    }

    /// <summary>
    /// Sends the case towards <paramref name="target"/>: a pending referral elsewhere is withdrawn,
    /// and a new one is made unless the case is already with the target. Returns the new referral.
    /// </summary>
    public static async Task<Referral?> SendAsync(
        AigaqDb db, RulePack pack, Case c, BodyKind target, string reason, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.Set<Referral>().Where(r => r.CaseId == c.Id && r.Status == ReferralStatus.Pending).ToListAsync(ct);
        if (pending.Any(r => r.ToKind == target && r.ToRegion == c.Region))
        {
            return null;
        }

        foreach (var old in pending)
        {
            old.Status = ReferralStatus.Withdrawn;
            Event(db, c, "referralWithdrawn", now, userId, new JsonObject { ["referralId"] = old.Id.ToString() }, reason);
        }

        if (c.ResponsibleKind == target && c.ResponsibleRegion == c.Region)
        {
            return null;
        }

        var referral = new Referral
        {
            Id = Guid.CreateVersion7(now),
            CaseId = c.Id,
            FromKind = c.ResponsibleKind,
            FromRegion = c.ResponsibleRegion,
            ToKind = target,
            ToRegion = c.Region,
            Reason = reason,
            CreatedAt = now,
            CreatedBy = userId,
            DueBy = now.AddHours(pack.Cases.ReferralAcceptWithinHours),
            Status = ReferralStatus.Pending,
        };
        db.Add(referral);
        LedgerWriter.Append(db, CaseLedger.ReferralCreated, referral.Id, now, CaseLedger.Created(referral));
        return referral;
    }

    /// <summary>Raises <c>InstitutionalConflict</c> (once per <paramref name="cause"/>, the fact that routed the case) when the target body belongs to an alleged perpetrator's agency group, unless a decision to keep it stands.</summary>
    public static async Task<IReadOnlyList<Alert>> CheckConflictAsync(
        AigaqDb db, RulePack pack, Case c, BodyKind target, IReadOnlyCollection<Agency> alleged, Guid cause, DateTimeOffset now, CancellationToken ct)
    {
        var conflicts = Jurisdiction.Conflicts(pack, target, alleged);
        if (conflicts.Count == 0 || c.Conflict == ConflictDecision.Keep)
        {
            return [];
        }

        c.ConflictOpen = true;
        var due = new AlertDue(
            AlertCodes.InstitutionalConflict,
            $"{AlertCodes.InstitutionalConflict}:{c.Id}:{cause}",
            now,
            $"{target}: {string.Join(", ", conflicts)}");
        return await AlertFactory.AddNewAsync(db, [due], null, c.Region, now, ct, new AlertSubject(CaseId: c.Id));
    }

    public static CaseEvent Event(AigaqDb db, Case c, string type, DateTimeOffset at, Guid userId, JsonObject data, string? reason, DateTimeOffset? now = null)
    {
        var recordedAt = now ?? at;
        var e = new CaseEvent
        {
            Id = Guid.CreateVersion7(recordedAt),
            CaseId = c.Id,
            Type = type,
            At = at,
            RecordedAt = recordedAt,
            RecordedBy = userId,
            Data = data.ToJsonString(),
            Reason = reason,
        };
        db.Add(e);
        LedgerWriter.Append(db, CaseLedger.CaseEvent, e.Id, recordedAt, CaseLedger.Content(e));
        return e;
    }

    public static async Task<List<Agency>> AllegedAsync(AigaqDb db, Guid reportId, CancellationToken ct) =>
        await db.Set<AllegedPerpetrator>().Where(a => a.ReportId == reportId).Select(a => a.Agency).Distinct().ToListAsync(ct);
}
