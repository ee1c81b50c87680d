using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Protection;

/// <summary>What of the protection area the transparency log commits to, from the stored rows alone, so that an audit can recompute it.</summary>
public static partial class ProtectionLedger
{
    public const string CustodianKeyWritten = "custodian.key";
    public const string ProtectedPersonRegistered = "protected.registered";
    public const string ProtectedPersonChanged = "protected.changed";
    public const string ReprisalRecorded = "reprisal.recorded";
    public const string ReprisalIntervention = "reprisal.intervention";
    public const string ReprisalInterventionUpdate = "reprisal.intervention.update";

    /// <summary>
    /// A protected person as registered: the sealed identity (ciphertext only) and the blind indexes are committed too, so
    /// that an identity replaced or an index cleared (to keep a person from being recognised in custody) is named.
    /// </summary>
    public static JsonObject Content(ProtectedPerson p) => new()
    {
        ["id"] = p.Id.ToString(),
        ["pseudonym"] = p.Pseudonym,
        ["role"] = p.Role.ToString(),
        ["disclosure"] = p.Disclosure.ToString(),
        ["risk"] = p.Risk.ToString(),
        ["region"] = p.Region,
        ["reportId"] = p.ReportId?.ToString(),
        ["caseId"] = p.CaseId?.ToString(),
        ["detentionId"] = p.DetentionId?.ToString(),
        ["identity"] = p.Identity,
        ["iinIndex"] = p.IinIndex,
        ["nameIndex"] = p.NameIndex,
        ["recordedAt"] = LedgerWriter.Instant(p.RecordedAt),
        ["recordedBy"] = p.RecordedBy.ToString(),
    };

    /// <summary>A change of a protected person: what it sets or links, and why (the log holds only the salted commitment).</summary>
    public static JsonObject Content(ProtectedPersonChange c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["personId"] = c.PersonId.ToString(),
        ["number"] = c.Number,
        ["risk"] = c.Risk?.ToString(),
        ["disclosure"] = c.Disclosure?.ToString(),
        ["reportId"] = c.ReportId?.ToString(),
        ["caseId"] = c.CaseId?.ToString(),
        ["detentionId"] = c.DetentionId?.ToString(),
        ["reason"] = c.Reason,
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    /// <summary>A custodian key row: whose, the public key, the sealed private key as stored, why and what it replaces.</summary>
    public static JsonObject Content(CustodianKey k) => new()
    {
        ["id"] = k.Id.ToString(),
        ["userId"] = k.UserId.ToString(),
        ["publicKey"] = k.PublicKey,
        ["sealed"] = k.Sealed,
        ["reason"] = k.Reason.ToString(),
        ["replaces"] = k.Replaces?.ToString(),
        ["createdAt"] = LedgerWriter.Instant(k.CreatedAt),
    };

    /// <summary>
    /// A reprisal as recorded. The free texts (unit, description, evidence) may name people, so only their digests are
    /// committed: an edit of any of them still changes the commitment.
    /// </summary>
    public static JsonObject Content(Reprisal r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["seq"] = r.Seq,
        ["protectedPersonId"] = r.ProtectedPersonId.ToString(),
        ["region"] = r.Region,
        ["occurredAt"] = LedgerWriter.Instant(r.OccurredAt),
        ["type"] = r.Type,
        ["agency"] = r.Agency.ToString(),
        ["unit"] = HexDigest(r.Unit),
        ["description"] = HexDigest(r.Description),
        ["source"] = r.Source,
        ["reliability"] = r.Reliability.ToString(),
        ["evidence"] = HexDigest(r.Evidence),
        ["reportId"] = r.ReportId?.ToString(),
        ["caseId"] = r.CaseId?.ToString(),
        ["detentionId"] = r.DetentionId?.ToString(),
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
        ["rulePack"] = r.RulePackId,
    };

    /// <summary>An intervention on a reprisal; what was asked as its digest.</summary>
    public static JsonObject Content(ReprisalIntervention i) => new()
    {
        ["id"] = i.Id.ToString(),
        ["reprisalId"] = i.ReprisalId.ToString(),
        ["actor"] = i.Actor,
        ["addressee"] = i.Addressee,
        ["request"] = HexDigest(i.Request),
        ["requestedAt"] = LedgerWriter.Instant(i.RequestedAt),
        ["status"] = i.Status,
        ["recordedAt"] = LedgerWriter.Instant(i.RecordedAt),
        ["recordedBy"] = i.RecordedBy.ToString(),
    };

    /// <summary>A later word on an intervention; the answer and the effect as their digests.</summary>
    public static JsonObject Content(ReprisalInterventionUpdate u) => new()
    {
        ["id"] = u.Id.ToString(),
        ["interventionId"] = u.InterventionId.ToString(),
        ["status"] = u.Status,
        ["answer"] = HexDigest(u.Answer),
        ["answeredAt"] = u.AnsweredAt is { } at ? LedgerWriter.Instant(at) : null,
        ["effect"] = HexDigest(u.Effect),
        ["recordedAt"] = LedgerWriter.Instant(u.RecordedAt),
        ["recordedBy"] = u.RecordedBy.ToString(),
    };

    /// <summary>SHA-256 of a free text as UTF-8, in hex; null for none.</summary>
    private static string? HexDigest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
