using System.Buffers.Text;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary><c>{ "passphrase" }</c>: the passphrase that will seal the custodian's private key.</summary>
public sealed record EnrolCustodianRequest(string? Passphrase);

/// <summary><c>{ "passphrase", "newPassphrase" }</c>: the passphrase that opens the custodian's key now, and the next one.</summary>
public sealed record ChangeCustodianPassphraseRequest(string? Passphrase, string? NewPassphrase);

/// <summary>
/// A protection officer becomes a custodian: Aigaq makes their key pair and keeps the private half sealed under their
/// passphrase (Argon2id), which it never stores. Once, per custodian; a new passphrase re-seals the same key pair, so
/// every identity wrapped for them stays theirs. Both are facts in the log.
/// </summary>
public sealed class EnrolCustodian(AigaqDb db, Custodians custodians, AccessLog log, TimeProvider clock)
{
    /// <summary>The key a wrong passphrase was tried on, to be logged after the refused request's transaction.</summary>
    public Guid? Denied { get; private set; }

    /// <summary>Logs a wrong passphrase, outside the request's rolled-back transaction: guessing leaves a trace.</summary>
    public async Task LogDeniedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (Denied is { } id)
        {
            await log.WriteAsync(user.UserId(), "custodian.key.change", id.ToString(), "denied", CancellationToken.None);
        }
    }

    public async Task<Outcome<CustodianKeyView>> HandleAsync(EnrolCustodianRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var passphrase = Custodians.Passphrase(v, "passphrase", request.Passphrase);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        if (await db.Set<CustodianKey>().AnyAsync(k => k.UserId == userId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("You already hold a custodian key; change its passphrase instead."));
        }

        var sealedKey = HolderKeys.Create(passphrase);
        return Write(user, new CustodianKey
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserId = userId,
            PublicKey = Base64Url.EncodeToString(sealedKey.PublicKey),
            Sealed = sealedKey.ToJson(),
            Reason = CustodianKeyReason.Enrolled,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    public async Task<Outcome<CustodianKeyView>> ChangeAsync(ChangeCustodianPassphraseRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var passphrase = request.Passphrase ?? "";
        if (passphrase.Length == 0)
        {
            v.Add("passphrase", "is required");
        }

        var next = Custodians.Passphrase(v, "newPassphrase", request.NewPassphrase);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        // Any holder's key, a viewer's of granted identities too (not only a custodian's now).
        if (await custodians.HolderKeyAsync(userId, ct) is not { } mine)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("Your custodian key"));
        }

        // A row that differs from its fact is not carried forward: a new fact would launder a key swapped in the database.
        var (current, verified) = mine;
        if (!verified)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                "Your custodian key differs from its record in the log; ask the administrators to look into it before changing its passphrase."));
        }

        if (HolderKeys.Reseal(SealedHolderKey.FromJson(current.Sealed), passphrase, next) is not { } resealed)
        {
            Denied = current.Id;
            v.Add("passphrase", "does not open your key");
            return new ProblemResult(v.Problem());
        }

        return Write(user, new CustodianKey
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserId = userId,
            PublicKey = Base64Url.EncodeToString(resealed.PublicKey),
            Sealed = resealed.ToJson(),
            Reason = CustodianKeyReason.PassphraseChanged,
            Replaces = current.Id,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    private Outcome<CustodianKeyView> Write(ClaimsPrincipal user, CustodianKey key)
    {
        db.Add(key);
        LedgerWriter.Append(db, ProtectionLedger.CustodianKeyWritten, key.Id, key.CreatedAt, ProtectionLedger.Content(key));
        log.Add(user, key.Reason == CustodianKeyReason.Enrolled ? "custodian.key.enrol" : "custodian.key.change", key.Id.ToString(), "allowed");
        return Outcome<CustodianKeyView>.Created(() => CustodianKeyView.Of(key, verified: true), "/api/v1/custodian-keys");
    }
}
