using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>
/// A person a monitoring team interviewed in private and found at risk of reprisal (issue 17, item 7): known to the visit by
/// a code only. <paramref name="Region"/> is the visit's; <paramref name="FollowUpBy"/> the first follow-up contact's date.
/// </summary>
public sealed record IntervieweeAtRisk(
    AigaqDb Db, string VisitNumber, string Region, string Code, RiskLevel Risk, Guid? ReportId, DateTimeOffset InterviewedAt, DateTimeOffset FollowUpBy,
    DateTimeOffset RecordedAt);

/// <summary>The protected person the interviewee became.</summary>
public sealed record ProtectedInterviewee(Guid PersonId, string Pseudonym);

/// <summary>The protection area's seam for the visits area's interviews, in the interview's transaction.</summary>
public interface IIntervieweeProtection
{
    /// <summary>The person registered, or a problem (protection not configured, too few custodians) and nothing added.</summary>
    Task<(ProtectedInterviewee? Person, IResult? Problem)> ProtectAsync(IntervieweeAtRisk interviewee, ClaimsPrincipal user, CancellationToken ct);

    /// <summary>
    /// Why an interviewee at risk could not be protected now (protection not configured, too few custodians), or null:
    /// asked before anything of the interview is written, so a refusal opens no report and spends no number.
    /// </summary>
    Task<IResult?> RefusalAsync(CancellationToken ct);
}

/// <summary>
/// Registers an interviewee at risk as a protected person (role <see cref="ProtectedRole.Interviewee"/>, disclosure
/// anonymous) with the interview as their first follow-up contact and its <c>nextContactBy</c> the follow-up date, so that the
/// protection scan raises <c>FollowUpContactDue</c> when it passes, and a reprisal recorded against the pseudonym raises
/// <c>ReprisalReported</c> (ADR 0030, addendum). The team gives no name: the sealed identity holds no name, only the visit's number and
/// the interview's code (where an address would be), for the custodians to join to the team's paper record; without names, no blind index is kept, so
/// a detention of the person is not recognised until an identity is given (a later decision).
/// </summary>
internal sealed class ProtectInterviewee(Custodians custodians, ProtectionKeys keys, NumberAllocator numbers, AccessLog log) : IIntervieweeProtection
{
    public async Task<IResult?> RefusalAsync(CancellationToken ct) =>
        keys.Recovery is null ? NotConfigured() : TooFew((await custodians.RecipientsAsync(ct)).Count);

    public async Task<(ProtectedInterviewee? Person, IResult? Problem)> ProtectAsync(IntervieweeAtRisk interviewee, ClaimsPrincipal user, CancellationToken ct)
    {
        if (keys.Recovery is not { } recovery)
        {
            return (null, NotConfigured());
        }

        var holders = await custodians.RecipientsAsync(ct);
        if (TooFew(holders.Count) is { } tooFew)
        {
            return (null, tooFew);
        }

        var db = interviewee.Db;
        var recordedAt = interviewee.RecordedAt;
        var id = Guid.CreateVersion7(recordedAt);
        var seq = await numbers.NextAsync(RegisterProtectedPerson.Series, ct);
        // The shape every sealed identity has (ViewIdentity reads it), with no names: the way to the person is the visit's
        // team, so the visit's number and the interview's code stand where an address would.
        var sealedIdentity = new JsonObject
        {
            ["person"] = new JsonObject { ["lastName"] = "", ["firstName"] = "" },
            ["address"] = $"{interviewee.VisitNumber} · {interviewee.Code}",
        };
        var plaintext = Encoding.UTF8.GetBytes(sealedIdentity.ToJsonString());
        var envelope = IdentityEnvelope.Seal(plaintext, id.ToByteArray(), [.. holders, recovery]);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        var userId = user.RequiredUserId();
        var person = new ProtectedPerson
        {
            Id = id,
            Seq = seq,
            Pseudonym = Pseudonyms.Of(seq),
            Role = ProtectedRole.Interviewee,
            Disclosure = Disclosure.Anonymous,
            Risk = interviewee.Risk,
            Region = interviewee.Region,
            ReportId = interviewee.ReportId,
            Identity = envelope.ToJson(),
            RecordedAt = recordedAt,
            RecordedBy = userId,
        };
        db.Add(person);
        LedgerWriter.Append(db, ProtectionLedger.ProtectedPersonRegistered, id, recordedAt, ProtectionLedger.Content(person));
        var contact = new FollowUpContact
        {
            Id = Guid.CreateVersion7(recordedAt),
            PersonId = id,
            Region = interviewee.Region,
            At = interviewee.InterviewedAt,
            Channel = ContactChannel.InPerson,
            NextContactBy = interviewee.FollowUpBy,
            RecordedAt = recordedAt,
            RecordedBy = userId,
        };
        db.Add(contact);
        LedgerWriter.Append(db, ProtectionLedger.ContactRecorded, contact.Id, recordedAt, ProtectionLedger.Content(contact));
        log.Add(user, "protected.register", id.ToString(), "allowed");
        return (new ProtectedInterviewee(id, person.Pseudonym), null);
    }

    // Not a 5xx: the visit page's queue would hold every later entry behind a refusal it takes for a passing fault.
    // What is missing in the configuration is the operator's to read in the settings, not the team's.
    private static IResult NotConfigured() => ProblemTypes.ConflictProblem(
        "An interviewee at risk cannot be protected: protection is not configured on this server. Ask the administrator.",
        "reprisalRisk");

    private IResult? TooFew(int holders) => holders < keys.MinCustodians
        ? ProblemTypes.ConflictProblem(
            $"An interviewee at risk is protected with an identity sealed for at least {keys.MinCustodians} custodians; {holders} hold a verified key.",
            "reprisalRisk")
        : null;
}
