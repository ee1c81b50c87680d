using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary><c>{ "passphrase" }</c>: the requester's, for a page's POST (a GET sends it in <c>Aigaq-Passphrase</c>).</summary>
public sealed record ViewIdentityRequest(string? Passphrase);

/// <summary>The person as sealed at registration.</summary>
public sealed record IdentityPersonView(string LastName, string FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin);

/// <summary>The identity as sealed at registration: the person and how to reach them.</summary>
public sealed record IdentityContentView(IdentityPersonView Person, string? Phone, string? Email, string? Address);

/// <summary>The one answer that holds an identity (CONTRACT.md): to its requester, while the grant lasts.</summary>
public sealed record IdentityShown(Guid RequestId, Guid ProtectedPersonId, string Pseudonym, IdentityContentView Identity, DateTimeOffset ExpiresAt);

/// <summary>
/// Shows a granted identity to the one who asked for it, and to no one else, while the grant lasts. The server cannot
/// open the grant: the requester's passphrase opens their key (Argon2id), and their key the grant. Every view, shown or
/// refused, is an access-log entry; every identity shown is also a fact in the log (who, when; nothing of the identity).
/// </summary>
public sealed class ViewIdentity(AigaqDb db, Custodians custodians, AccessLog log, TimeProvider clock)
{
    public const string GrantExpired = ProblemTypes.Base + "identity-grant-expired";
    private const string Action = "identity.view";

    public async Task<Answer<IdentityShown>> HandleAsync(Guid id, string? passphrase, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.RequiredUserId();
        var found = await IdentityRequests.ReadableAsync(db, id, user, ct);
        if (found is not { } f || f.Request.RequestedBy != userId)
        {
            // Another user, whatever their role, learns nothing: not even that the request exists.
            return await RefuseAsync(id, user, "denied", ProblemTypes.NotFoundProblem("The identity request"));
        }

        var decisions = await db.Set<IdentityDecision>().AsNoTracking().Where(d => d.RequestId == id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var (status, grant) = IdentityRequests.StatusOf(decisions, now);
        if (status == IdentityRequestStatus.Expired)
        {
            return await RefuseAsync(id, user, "expired", Results.Problem(
                type: GrantExpired, title: "The grant is over: the identity is no longer shown. Ask again, with a reason.",
                statusCode: StatusCodes.Status410Gone));
        }

        if (status != IdentityRequestStatus.Granted)
        {
            return await RefuseAsync(id, user, "refused", ProblemTypes.ConflictProblem($"The request is {Json.Name(status)}, not granted."));
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            var missing = new Validation();
            missing.Add("passphrase", $"is required (in the {IdentityRequests.PassphraseHeader} header): it opens your key");
            return await RefuseAsync(id, user, "refused", missing.Problem());
        }

        if (await custodians.HolderKeyAsync(userId, ct) is not { Verified: true } mine)
        {
            return await RefuseAsync(id, user, "refused", ProblemTypes.ConflictProblem("You hold no key that matches its record in the log."));
        }

        if (!HolderKeys.TryUnlock(SealedHolderKey.FromJson(mine.Key.Sealed), passphrase, out var privateKey))
        {
            var wrong = new Validation();
            wrong.Add("passphrase", "does not open your key");
            return await RefuseAsync(id, user, "denied", wrong.Problem());
        }

        IdentityContentView? identity;
        using (privateKey)
        {
            identity = Open(grant!, f.Person.Id, userId, privateKey);
        }

        if (identity is null)
        {
            return await RefuseAsync(id, user, "refused", ProblemTypes.ConflictProblem("The grant does not open with your key; ask again."));
        }

        var view = new IdentityView { Id = Guid.CreateVersion7(now), RequestId = id, ViewedBy = userId, ViewedAt = now };
        db.Add(view);
        LedgerWriter.Append(db, IdentityLedger.Viewed, view.Id, now, IdentityLedger.Content(view));
        log.Add(user, Action, id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<IdentityShown>.Ok(new IdentityShown(id, f.Person.Id, f.Person.Pseudonym, identity, grant!.ExpiresAt!.Value));
    }

    private static IdentityContentView? Open(IdentityDecision grant, Guid personId, Guid userId, NSec.Cryptography.Key key)
    {
        try
        {
            var envelope = IdentityEnvelope.FromJson(grant.GrantEnvelope!);
            if (!envelope.TryOpen(userId.ToString(), key, IdentityRequests.GrantData(grant.RequestId, grant.Id, personId), out var plaintext))
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<IdentityContentView>(plaintext, Json.Options);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A refused view is logged too, outside any transaction, and nothing else is written.</summary>
    private async Task<Answer<IdentityShown>> RefuseAsync(Guid id, ClaimsPrincipal user, string outcome, IResult problem)
    {
        // Logged whatever the client does meanwhile: a guess broken off still leaves its trace.
        await log.WriteAsync(user.UserId(), Action, id.ToString(), outcome, CancellationToken.None);
        return new ProblemResult(problem);
    }
}
