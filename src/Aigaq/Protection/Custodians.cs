using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>A custodian's key as others see it: whose, the public key, and whether it matches its fact in the log.</summary>
public sealed record CustodianKeyView(Guid Id, Guid UserId, string PublicKey, CustodianKeyReason Reason, DateTimeOffset CreatedAt, bool Verified)
{
    public static CustodianKeyView Of(CustodianKey k, bool verified) => new(k.Id, k.UserId, k.PublicKey, k.Reason, k.CreatedAt, verified);
}

/// <summary>
/// The custodians' current keys: each custodian's newest row, checked against the log entry that registered it before it
/// is trusted, so that a public key swapped in the database wraps nothing for its author (ADR 0022). A passphrase is
/// checked here too: it is never stored, logged or hashed into an idempotency record.
/// </summary>
public sealed class Custodians(AigaqDb db)
{
    /// <summary>The shortest passphrase accepted: it is the only thing between a copy of the database and the custodian's key.</summary>
    public const int MinPassphrase = 12;

    public const int MaxPassphrase = 1024;

    /// <summary>Checks a passphrase's length, without trimming it: every character counts.</summary>
    public static string Passphrase(Validation v, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            v.Add(field, "is required");
            return "";
        }

        if (value.Length is < MinPassphrase or > MaxPassphrase)
        {
            v.Add(field, $"must be {MinPassphrase} to {MaxPassphrase} characters");
        }

        return value;
    }

    /// <summary>The current key row of every custodian (or of one), each with whether it matches its fact in the log.</summary>
    public async Task<IReadOnlyList<(CustodianKey Key, bool Verified)>> CurrentAsync(CancellationToken ct, Guid? userId = null)
    {
        var rows = db.Set<CustodianKey>().AsNoTracking();
        if (userId is not null)
        {
            rows = rows.Where(k => k.UserId == userId);
        }

        // A custodian's key is the row no other replaces (rows written in one instant have no other order), and a custodian
        // is an active account that is a protection officer now: a deactivated or reassigned one is sealed for no more.
        var keys = db.Set<CustodianKey>();
        var officers =
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.ProtectionOfficer && !u.Deactivated
            select u.Id;
        var newest = await rows.Where(k => !keys.Any(o => o.Replaces == k.Id) && officers.Contains(k.UserId)).ToListAsync(ct);
        var ids = newest.Select(k => k.Id).ToList();
        var entries = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Kind == ProtectionLedger.CustodianKeyWritten && ids.Contains(e.RecordId))
            .ToListAsync(ct);
        return [.. newest.Select(k => (k, entries.Count(e => e.RecordId == k.Id) == 1 && Matches(k, entries.Single(e => e.RecordId == k.Id))))];
    }

    /// <summary>
    /// A user's current key row, whether or not they are a custodian now (a viewer of granted identities holds one too,
    /// and is never a recipient of new identities: <see cref="CurrentAsync"/> counts protection officers only), with
    /// whether it matches its fact in the log. Null without one.
    /// </summary>
    public async Task<(CustodianKey Key, bool Verified)?> HolderKeyAsync(Guid userId, CancellationToken ct)
    {
        var keys = db.Set<CustodianKey>();
        var newest = await keys.AsNoTracking().Where(k => k.UserId == userId && !keys.Any(o => o.Replaces == k.Id)).FirstOrDefaultAsync(ct);
        if (newest is null)
        {
            return null;
        }

        var entries = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Kind == ProtectionLedger.CustodianKeyWritten && e.RecordId == newest.Id)
            .ToListAsync(ct);
        return (newest, entries.Count == 1 && Matches(newest, entries[0]));
    }

    /// <summary>The recipients identities are sealed for: every custodian whose current key matches its fact.</summary>
    public async Task<IReadOnlyList<VaultRecipient>> RecipientsAsync(CancellationToken ct) =>
        [.. (await CurrentAsync(ct)).Where(k => k.Verified).Select(k => new VaultRecipient(k.Key.UserId.ToString(), Base64UrlKey(k.Key.PublicKey)))];

    /// <summary>Every custodian's current key, as one page (custodians are few).</summary>
    public async Task<Answer<Page<CustodianKeyView>>> ListAsync(ClaimsPrincipal user, AccessLog log, CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        log.Add(user, "custodians.list", $"{current.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<CustodianKeyView>>.Ok(new Page<CustodianKeyView>([.. current.Select(k => CustodianKeyView.Of(k.Key, k.Verified))], null));
    }

    /// <summary>
    /// The row matches its fact in the log, and its public key is the one its sealed private key belongs to. A row that
    /// cannot be read is not trusted, rather than failing every sealing.
    /// </summary>
    private static bool Matches(CustodianKey key, LedgerEntry entry)
    {
        try
        {
            return string.Equals(LedgerWriter.Commit(Convert.FromBase64String(entry.Salt), ProtectionLedger.Content(key)), entry.Commitment, StringComparison.Ordinal)
                && string.Equals(System.Buffers.Text.Base64Url.EncodeToString(SealedHolderKey.FromJson(key.Sealed).PublicKey), key.PublicKey, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static byte[] Base64UrlKey(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
