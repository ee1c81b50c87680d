using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Aigaq.Protection;

/// <summary>
/// CONTRACT.md's <c>{ "decision", "reason" }</c>, and for a grant the deciding custodian's <c>passphrase</c>, which opens
/// their key to seal the identity for the requester. Never stored.
/// </summary>
public sealed record DecideIdentityRequestRequest(IdentityDecisionKind? Decision, string? Reason, string? Passphrase);

/// <summary>The decision recorded, and where the request stands after it.</summary>
public sealed record IdentityDecisionView(Guid Id, Guid RequestId, IdentityDecisionKind Decision, IdentityRequestStatus Status, DateTimeOffset? ExpiresAt);

/// <summary>
/// A custodian of the person's region decides an identity request, once, with a reason; never their own request. Any
/// denial denies it (the requester may ask again, with a new reason); the grant of the N-th distinct custodian (N the
/// request's approvals) grants it: that custodian's key opens the person's identity and seals it anew for the requester's
/// key alone, open until now plus <c>Aigaq:Protection:GrantHours</c>. The passphrase is turned into a key (Argon2id, a
/// quarter of a second) in <see cref="PrepareAsync"/>, before the unit of work begins, so that no transaction waits on it.
/// </summary>
public sealed class DecideIdentityRequest(AigaqDb db, Custodians custodians, AccessLog log, IOptions<AigaqOptions> options, TimeProvider clock) : IDisposable
{
    private Key? _key;
    private Guid _keyId;

    public void Dispose() => _key?.Dispose();

    /// <summary>
    /// Checks the body and what cannot change between a first request and its retry (the request is the custodian's to
    /// decide), and for a grant opens the custodian's key. A wrong passphrase is a 400 naming it, logged as denied.
    /// </summary>
    public async Task<IResult?> PrepareAsync(Guid id, DecideIdentityRequestRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var decision = v.Required("decision", request.Decision);
        v.Required("reason", request.Reason, IdentityRequests.MaxReason);
        if (decision == IdentityDecisionKind.Granted && string.IsNullOrEmpty(request.Passphrase))
        {
            v.Add("passphrase", "is required to grant: it opens your key to seal the identity for the requester");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var (problem, key, _, _) = await DecidableAsync(id, user, ct);
        if (problem is not null || decision != IdentityDecisionKind.Granted)
        {
            return problem;
        }

        if (!HolderKeys.TryUnlock(SealedHolderKey.FromJson(key!.Sealed), request.Passphrase!, out var privateKey))
        {
            await log.WriteAsync(user.UserId(), "identity.decide", id.ToString(), "denied", CancellationToken.None);
            v.Add("passphrase", "does not open your key");
            return v.Problem();
        }

        _key = privateKey;
        _keyId = key.Id;
        return null;
    }

    /// <summary>In the unit of work, after <see cref="PrepareAsync"/>: the request's state is read and decided in one transaction.</summary>
    public async Task<Outcome<IdentityDecisionView>> HandleAsync(Guid id, DecideIdentityRequestRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (problem, key, row, person) = await DecidableAsync(id, user, ct);
        if (problem is not null)
        {
            return new ProblemResult(problem);
        }

        var decision = request.Decision!.Value;
        if (decision == IdentityDecisionKind.Granted && (_key is null || key!.Id != _keyId))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("Your key changed while this request was handled; send it again."));
        }

        var userId = user.RequiredUserId();
        var decisions = await db.Set<IdentityDecision>().AsNoTracking().Where(d => d.RequestId == id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        if (IdentityRequests.StatusOf(decisions, now).Status != IdentityRequestStatus.Pending)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The request is decided already; ask again with a new reason."));
        }

        if (decisions.Any(d => d.DecidedBy == userId))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("You decided this request already; a custodian decides it once.", "decision"));
        }

        var decisionId = Guid.CreateVersion7(now);
        string? envelope = null;
        Guid? grantKeyId = null;
        DateTimeOffset? expiresAt = null;
        var final = decision == IdentityDecisionKind.Granted && decisions.Count(d => d.Decision == IdentityDecisionKind.Granted) + 1 >= row.Approvals;
        if (final)
        {
            var sealing = await SealForRequesterAsync(row, person, decisionId, userId, ct);
            if (sealing.Problem is not null)
            {
                return new ProblemResult(sealing.Problem);
            }

            (envelope, grantKeyId, expiresAt) = (sealing.Envelope, sealing.KeyId, now.AddHours(options.Value.Protection.GrantHours));
        }

        var decided = new IdentityDecision
        {
            Id = decisionId,
            RequestId = id,
            Ordinal = decisions.Count + 1,
            DecidedBy = userId,
            DecidedAt = now,
            Decision = decision,
            Reason = request.Reason!.Trim(),
            GrantEnvelope = envelope,
            GrantKeyId = grantKeyId,
            ExpiresAt = expiresAt,
        };
        db.Add(decided);
        LedgerWriter.Append(db, IdentityLedger.Decided, decided.Id, now, IdentityLedger.Content(decided));
        log.Add(user, "identity.decide", id.ToString(), "allowed");
        var status = IdentityRequests.StatusOf([.. decisions, decided], now).Status;
        return Outcome<IdentityDecisionView>.Created(
            () => new IdentityDecisionView(decided.Id, id, decision, status, expiresAt), $"/api/v1/identity-requests/{id}");
    }

    /// <summary>The request is one this custodian may decide, and their key is one the log vouches for; else the problem to answer.</summary>
    private async Task<(IResult? Problem, CustodianKey? Key, IdentityRequest Request, ProtectedPerson Person)> DecidableAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await IdentityRequests.ReadableAsync(db, id, user, ct);
        if (found is not { } f || !IdentityRequests.IsCustodianOf(user, f.Person))
        {
            return (ProblemTypes.NotFoundProblem("The identity request"), null, null!, null!);
        }

        if (f.Request.RequestedBy == user.UserId())
        {
            return (Results.Problem(
                type: ProblemTypes.Forbidden, title: "A custodian does not decide their own request.", statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["decision"] = ["is another custodian's to give"] } }), null, f.Request, f.Person);
        }

        var mine = await custodians.CurrentAsync(ct, user.RequiredUserId());
        return mine is [{ Verified: true } current]
            ? (null, current.Key, f.Request, f.Person)
            : (ProblemTypes.ConflictProblem("You hold no custodian key that matches its record in the log; enrol one (or ask the administrators) first."), null, f.Request, f.Person);
    }

    /// <summary>Opens the person's identity with the deciding custodian's key and seals it for the requester's current key only.</summary>
    private async Task<(IResult? Problem, string? Envelope, Guid? KeyId)> SealForRequesterAsync(
        IdentityRequest row, ProtectedPerson person, Guid decisionId, Guid userId, CancellationToken ct)
    {
        if (await custodians.HolderKeyAsync(row.RequestedBy, ct) is not { Verified: true } requester)
        {
            return (ProblemTypes.ConflictProblem(
                "The requester holds no key the identity could be sealed for (one who may see identities enrols one at /api/v1/custodian-keys); deny the request or wait."), null, null);
        }

        IdentityEnvelope stored;
        try
        {
            stored = IdentityEnvelope.FromJson(person.Identity);
        }
        catch (FormatException)
        {
            return (ProblemTypes.ConflictProblem("The person's sealed identity cannot be read; ask the administrators to look into it."), null, null);
        }

        if (!stored.TryOpen(userId.ToString(), _key!, person.Id.ToByteArray(), out var plaintext))
        {
            return (ProblemTypes.ConflictProblem("Your key does not open this person's identity (it was sealed before you enrolled); another custodian grants."), null, null);
        }

        try
        {
            var recipient = new VaultRecipient(row.RequestedBy.ToString(), Custodians.Base64UrlKey(requester.Key.PublicKey));
            var grant = IdentityEnvelope.Seal(plaintext, IdentityRequests.GrantData(row.Id, decisionId, person.Id), [recipient]);
            return (null, grant.ToJson(), requester.Key.Id);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
