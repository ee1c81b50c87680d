using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// What the log commits to of shares, from the stored rows alone: the recipient's name and a revocation's reason as
/// digests; the token's hash as it is stored (a hash of 256 random bits opens nothing), so that a swapped hash, a moved
/// expiry or a deleted revocation is named by the audit. Openings are access records, not log facts (ADR 0027).
/// </summary>
public static class ExaminationShareLedger
{
    public const string Shared = "examination.share";
    public const string Revoked = "examination.shareRevoked";

    public static IReadOnlyCollection<string> Kinds => [Shared, Revoked];

    public static JsonObject Content(ExaminationShare s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["examinationId"] = s.ExaminationId.ToString(),
        ["recipientName"] = Digest(s.RecipientName),
        ["recipientRole"] = s.RecipientRole,
        ["consentItem"] = s.ConsentItem,
        ["tokenHash"] = s.TokenHash,
        ["expiresAt"] = LedgerWriter.Instant(s.ExpiresAt),
        ["createdAt"] = LedgerWriter.Instant(s.CreatedAt),
        ["createdBy"] = s.CreatedBy.ToString(),
    };

    public static JsonObject Content(ExaminationShareRevocation r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["shareId"] = r.ShareId.ToString(),
        ["examinationId"] = r.ExaminationId.ToString(),
        ["reason"] = Digest(r.Reason),
        ["cause"] = r.Cause,
        ["consentId"] = r.ConsentId?.ToString(),
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
    };

    private static string Digest(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

/// <summary>Every share and revocation against the entry that recorded it: a deleted or edited one is named.</summary>
internal sealed class ExaminationShareAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => ExaminationShareLedger.Kinds;

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var s in audit.Db.Set<ExaminationShare>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationShareLedger.Shared, s.Id, "examination share", () => ExaminationShareLedger.Content(s));
        }

        await foreach (var r in audit.Db.Set<ExaminationShareRevocation>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationShareLedger.Revoked, r.Id, "examination share revocation", () => ExaminationShareLedger.Content(r));
        }
    }
}
