using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>Who the person is: what is sealed, and never answered but to a granted request.</summary>
public sealed record IdentityInput(PersonInput? Person, string? Phone, string? Email, string? Address);

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/protected-persons</c>), with an optional region where no link gives one.</summary>
public sealed record RegisterProtectedPersonRequest(
    IdentityInput? Identity, ProtectedRole? Role, Disclosure? Disclosure, RiskLevel? Risk,
    Guid? ReportId, Guid? CaseId, Guid? DetentionId, Guid? VisitId, string? Region);

public sealed record ProtectedPersonCreated(Guid Id, string Pseudonym);

/// <summary>
/// Registers a person at risk: a pseudonym with a check digit; the identity sealed for every custodian whose key matches
/// the log and for the recovery key (ADR 0022), so that neither the database nor this server can read it; and the blind
/// indexes that recognise the person in a detention. The identity is still in hand here, so the person's current
/// detentions are looked for at once; the protection scan finds later registrations by index (<see cref="MatchDetentions"/>). The answer
/// does not say whether any was found: the alert reaches those who must know, and the registrant need not learn where a
/// person is held.
/// </summary>
public sealed class RegisterProtectedPerson(
    AigaqDb db, Custodians custodians, ProtectionKeys keys, NumberAllocator numbers, AccessLog log, TimeProvider clock)
{
    public const string Series = NumberAllocator.ProtectedPersons;

    /// <param name="request">The person and their links.</param>
    /// <param name="user">Who registers them.</param>
    /// <param name="ct">Cancels the registration.</param>
    /// <param name="fields">How this request's field names read in an outer request, when it is part of one.</param>
    public async Task<Outcome<ProtectedPersonCreated>> HandleAsync(
        RegisterProtectedPersonRequest request, ClaimsPrincipal user, CancellationToken ct, Func<string, string>? fields = null)
    {
        var now = clock.GetUtcNow();
        if (keys.Recovery is not { } recovery || keys.Index is not { } index)
        {
            return new ProblemResult(Results.Problem(
                type: ProblemTypes.Unavailable, title: "Protected persons cannot be registered: protection is not configured.",
                detail: $"{keys.Missing} is not set.", statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        var v = new Validation(fields);
        var identity = Validate(v, request.Identity, now);
        var role = v.Required("role", request.Role);
        var disclosure = v.Required("disclosure", request.Disclosure);
        var risk = v.Required("risk", request.Risk);
        if (request.VisitId is not null)
        {
            v.Add("visitId", "monitoring visits are not registered in Aigaq yet");
        }

        var region = await RegionAsync(v, request, user, ct);
        if (!v.IsValid || region is null)
        {
            return new ProblemResult(v.Problem());
        }

        var holders = await custodians.RecipientsAsync(ct);
        if (holders.Count < keys.MinCustodians)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                $"An identity is sealed for at least {keys.MinCustodians} custodians; {holders.Count} hold a verified key."));
        }

        var id = Guid.CreateVersion7(now);
        var seq = await numbers.NextAsync(Series, ct);
        var plaintext = Encoding.UTF8.GetBytes(identity.ToJsonString());
        var envelope = IdentityEnvelope.Seal(plaintext, id.ToByteArray(), [.. holders, recovery]);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        var person = request.Identity!.Person!;
        var protectedPerson = new ProtectedPerson
        {
            Id = id,
            Seq = seq,
            Pseudonym = Pseudonyms.Of(seq),
            Role = role,
            Disclosure = disclosure,
            Risk = risk,
            Region = region,
            ReportId = request.ReportId,
            CaseId = request.CaseId,
            DetentionId = request.DetentionId,
            Identity = envelope.ToJson(),
            IinIndex = index.OfIin(person.Iin),
            NameIndex = index.OfName(person.LastName, person.FirstName, BirthDateOf(person)),
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(protectedPerson);
        LedgerWriter.Append(db, ProtectionLedger.ProtectedPersonRegistered, id, now, ProtectionLedger.Content(protectedPerson));
        log.Add(user, "protected.register", id.ToString(), "allowed");

        // Saved first, in the caller's transaction: the save takes the log's state-row lock, so a detention registered
        // at this moment is either committed and found below, or takes its log index after this person's and is
        // matched against them by the protection scan (MatchDetentions). The lock is held only for this one query.
        await db.SaveChangesAsync(ct);
        var matched = await MatchDetentions.HeldNowAsync(db, index, protectedPerson, person, ct);
        foreach (var detention in matched)
        {
            db.Add(MatchDetentions.Alert(protectedPerson, detention, now));
        }

        return Outcome<ProtectedPersonCreated>.Created(
            () => new ProtectedPersonCreated(id, protectedPerson.Pseudonym), $"/api/v1/protected-persons/{id}");
    }

    /// <summary>The birth date given, else the one the IIN encodes.</summary>
    internal static DateOnly? BirthDateOf(PersonInput person) => BirthDateOf(person.BirthDate, person.Iin);

    internal static DateOnly? BirthDateOf(DateOnly? birthDate, string? iin) =>
        birthDate ?? (iin?.Trim() is { Length: 12 } digits ? Iin.Check(digits).BirthDate : null);

    /// <summary>The identity as sealed: the person as a detention names them, and how to reach them.</summary>
    private static JsonObject Validate(Validation v, IdentityInput? input, DateTimeOffset now)
    {
        if (input?.Person is not { } p)
        {
            v.Add(input is null ? "identity" : "identity.person", "is required");
            return [];
        }

        var iin = Iin.Validate(v, "identity.person", p.Iin, p.BirthDate, now);
        if (string.IsNullOrWhiteSpace(p.Iin) && p.BirthDate is null)
        {
            // Without either, no registration could ever be recognised as theirs: the register would protect no one.
            v.Add("identity.person.birthDate", "is required when there is no IIN");
        }

        var person = new JsonObject
        {
            ["lastName"] = v.RequiredName("identity.person.lastName", p.LastName, 100),
            ["firstName"] = v.RequiredName("identity.person.firstName", p.FirstName, 100),
            ["patronymic"] = v.OptionalName("identity.person.patronymic", p.Patronymic, 100),
            ["birthDate"] = p.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["iin"] = iin,
        };
        return new JsonObject
        {
            ["person"] = person,
            ["phone"] = v.Optional("identity.phone", input.Phone, 40),
            ["email"] = v.Optional("identity.email", input.Email, 254),
            ["address"] = v.Optional("identity.address", input.Address, 500),
        };
    }

    /// <summary>The region of the first link that has one, else the one given, else the registering user's.</summary>
    private async Task<string?> RegionAsync(Validation v, RegisterProtectedPersonRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        string? region = null;
        if (r.ReportId is { } reportId)
        {
            region = await db.Set<Report>().Where(x => x.Id == reportId).Select(x => x.Region).FirstOrDefaultAsync(ct);
            if (region is null)
            {
                v.Add("reportId", "is not a received report");
            }
        }

        if (r.CaseId is { } caseId)
        {
            var caseRegion = await db.Set<Case>().Where(x => x.Id == caseId).Select(x => x.Region).FirstOrDefaultAsync(ct);
            region ??= caseRegion;
            if (caseRegion is null)
            {
                v.Add("caseId", "is not a registered case");
            }
        }

        if (r.DetentionId is { } detentionId)
        {
            var detentionRegion = await db.Set<Detention>().Where(x => x.Id == detentionId).Select(x => x.Region).FirstOrDefaultAsync(ct);
            region ??= detentionRegion;
            if (detentionRegion is null)
            {
                v.Add("detentionId", "is not a registered detention");
            }
        }

        v.Region("region", r.Region);
        region ??= string.IsNullOrEmpty(r.Region) ? user.RegionScope() : r.Region;
        if (region is null && v.IsValid)
        {
            v.Add("region", "is required when no report, case or detention is linked");
        }

        return region;
    }
}
