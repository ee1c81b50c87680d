using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// What the log commits to of identity requests, from the stored rows alone. The log publishes only salted commitments,
/// so the reasons (free text that may name people) are never in it; nothing of an identity is committed but the grant's
/// ciphertext, so that a swapped grant envelope (sealed for someone else) is named by the audit.
/// </summary>
public static class IdentityLedger
{
    public const string Requested = "identity.requested";
    public const string Decided = "identity.decided";
    public const string Viewed = "identity.viewed";

    public static JsonObject Content(IdentityRequest r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["protectedPersonId"] = r.ProtectedPersonId.ToString(),
        ["requestedBy"] = r.RequestedBy.ToString(),
        ["requestedAt"] = LedgerWriter.Instant(r.RequestedAt),
        ["reason"] = r.Reason,
        ["approvals"] = r.Approvals,
    };

    public static JsonObject Content(IdentityDecision d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["requestId"] = d.RequestId.ToString(),
        ["ordinal"] = d.Ordinal,
        ["decidedBy"] = d.DecidedBy.ToString(),
        ["decidedAt"] = LedgerWriter.Instant(d.DecidedAt),
        ["decision"] = Json.Name(d.Decision),
        ["reason"] = d.Reason,
        ["grantEnvelope"] = d.GrantEnvelope,
        ["grantKeyId"] = d.GrantKeyId?.ToString(),
        ["expiresAt"] = d.ExpiresAt is { } at ? LedgerWriter.Instant(at) : null,
    };

    public static JsonObject Content(IdentityView v) => new()
    {
        ["id"] = v.Id.ToString(),
        ["requestId"] = v.RequestId.ToString(),
        ["viewedBy"] = v.ViewedBy.ToString(),
        ["viewedAt"] = LedgerWriter.Instant(v.ViewedAt),
    };
}

/// <summary>Identity requests, decisions and views, each against the entry that registered it.</summary>
internal sealed class IdentityAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [IdentityLedger.Requested, IdentityLedger.Decided, IdentityLedger.Viewed];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var r in audit.Db.Set<IdentityRequest>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(IdentityLedger.Requested, r.Id, "identity request", () => IdentityLedger.Content(r));
        }

        await foreach (var d in audit.Db.Set<IdentityDecision>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(IdentityLedger.Decided, d.Id, "identity decision", () => IdentityLedger.Content(d));
        }

        await foreach (var v in audit.Db.Set<IdentityView>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(IdentityLedger.Viewed, v.Id, "identity view", () => IdentityLedger.Content(v));
        }

        // The entries of records erased when their retention ended: their trace accounts for them (Retention/RetentionAudit).
        await ErasedRecords.AccountAsync(audit, Kinds, ct);
    }
}
