using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>Who asks for the examination (CONTRACT.md) and their reference, if any.</summary>
public sealed record RequesterInput(string? Kind, string? Reference);

/// <summary>
/// The request of CONTRACT.md (<c>POST /api/v1/examinations</c>). <c>person</c> may be left out when a detention is
/// linked (the detained person is examined); <c>region</c> is used only where no link gives one.
/// </summary>
public sealed record RequestExaminationRequest(
    DateTimeOffset? RequestedAt, RequesterInput? RequestedBy, PersonInput? Person, Guid? ReportId, Guid? CaseId, Guid? DetentionId, string? Region = null);

public sealed record ExaminationCreated(Guid Id, string Number, DateTimeOffset DueBy);

/// <summary>
/// Registers a request for an Istanbul Protocol examination (issue 16, item 1): numbered, due by the rule pack's hours
/// from the request, in the region of its first link (report, case, detention) or else the one given or the user's, on
/// the national form in force. The register's own requests (<see cref="ExaminationFromCustody"/>,
/// <see cref="ExaminationFromCase"/>) go through <see cref="NewAsync"/> too.
/// </summary>
public sealed class RequestExamination(AigaqDb db, RulePackCatalog rules, ExaminationForms forms, NumberAllocator numbers, AccessLog log, TimeProvider clock)
{
    public const string Series = NumberAllocator.Examinations;

    /// <summary>The kinds of requester of CONTRACT.md; <see cref="RegisterKind"/> is the register's own.</summary>
    public static readonly string[] Kinds = ["investigator", "specialProsecutor", "prosecutor", "court", "defender", "examinedPerson", "monitor", "ngo"];

    public const string RegisterKind = "register";

    /// <summary>
    /// The user id of the register's own requests (from custody events and cases): no account has it, so no one reads such
    /// a request as its requester; those of the region who may read examinations do.
    /// </summary>
    public static readonly Guid Register = Guid.Empty;

    public async Task<Outcome<ExaminationCreated>> HandleAsync(RequestExaminationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        var requestedAt = v.Required("requestedAt", request.RequestedAt);
        if (request.RequestedAt is not null)
        {
            v.Moment("requestedAt", requestedAt, now, pack, now.AddYears(-1), "a year ago");
        }

        string kind = "";
        if (request.RequestedBy is null)
        {
            v.Add("requestedBy", "is required");
        }
        else if (string.IsNullOrWhiteSpace(request.RequestedBy.Kind) || !Kinds.Contains(request.RequestedBy.Kind, StringComparer.Ordinal))
        {
            v.Add("requestedBy.kind", "must be one of " + string.Join(", ", Kinds));
        }
        else
        {
            kind = request.RequestedBy.Kind;
        }

        var reference = v.Optional("requestedBy.reference", request.RequestedBy?.Reference, 200);
        var (region, detention) = await LinksAsync(v, request, user, ct);
        var person = Person(v, request.Person, detention, now);
        if (!v.IsValid || region is null || person is null)
        {
            return new ProblemResult(v.Problem());
        }

        var exam = await NewAsync(db, pack, forms, numbers, person, region, kind, reference, requestedAt, request.ReportId, request.CaseId,
            request.DetentionId, null, user.RequiredUserId(), now, ct);
        log.Add(user, "examination.request", exam.Id.ToString(), "allowed");
        return Outcome<ExaminationCreated>.Created(() => new ExaminationCreated(exam.Id, exam.Number, exam.DueBy), $"/api/v1/examinations/{exam.Id}");
    }

    /// <summary>The person to examine, as the contract's person; who is detained when only a detention is linked.</summary>
    public sealed record Examined(string LastName, string FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin);

    /// <summary>Adds a request with its log entry to the caller's transaction.</summary>
    public static async Task<Examination> NewAsync(
        AigaqDb db, RulePack pack, ExaminationForms forms, NumberAllocator numbers, Examined person, string region, string kind, string? reference,
        DateTimeOffset requestedAt, Guid? reportId, Guid? caseId, Guid? detentionId, Guid? detentionEventId, Guid recordedBy, DateTimeOffset now,
        CancellationToken ct)
    {
        var seq = await numbers.NextAsync(Series, ct);
        var exam = new Examination
        {
            Id = Guid.CreateVersion7(now),
            Seq = seq,
            Number = FormattableString.Invariant($"E{region[3..]}-{seq:D6}"),
            Region = region,
            FormId = forms.At(now).Id,
            RulePackId = pack.Id,
            RequestedAt = requestedAt,
            RequestedByKind = kind,
            RequestedByReference = reference,
            LastName = person.LastName,
            FirstName = person.FirstName,
            Patronymic = person.Patronymic,
            BirthDate = person.BirthDate,
            Iin = person.Iin,
            ReportId = reportId,
            CaseId = caseId,
            DetentionId = detentionId,
            DetentionEventId = detentionEventId,
            DueBy = requestedAt.AddHours(pack.Examinations.SessionWithinHours),
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
        db.Add(exam);
        LedgerWriter.Append(db, ExaminationLedger.Requested, exam.Id, now, ExaminationLedger.Content(exam));
        return exam;
    }

    private static Examined? Person(Validation v, PersonInput? p, Held? detention, DateTimeOffset now)
    {
        if (p is null)
        {
            if (detention is not null)
            {
                return detention.Person;
            }

            v.Add("person", "is required when no detention is linked");
            return null;
        }

        var lastName = v.RequiredName("person.lastName", p.LastName, 100);
        var firstName = v.RequiredName("person.firstName", p.FirstName, 100);
        var patronymic = v.OptionalName("person.patronymic", p.Patronymic, 100);
        var iin = Iin.Validate(v, "person", p.Iin, p.BirthDate, now);
        return new Examined(lastName, firstName, patronymic, p.BirthDate, iin);
    }

    /// <summary>The region of the first link that has one, else the one given, else the user's; and the linked detention.</summary>
    private sealed record Held(string Region, Examined Person);

    private async Task<(string? Region, Held? Detention)> LinksAsync(Validation v, RequestExaminationRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        string? region = null;
        if (r.ReportId is { } reportId)
        {
            // Only a link the user may read: a link is not a way to read a record one may not (nor to learn that it exists).
            region = await db.Set<Report>().Visible(user).Where(x => x.Id == reportId).Select(x => x.Region).FirstOrDefaultAsync(ct);
            if (region is null)
            {
                v.Add("reportId", "is not a received report you may read");
            }
        }

        if (r.CaseId is { } caseId)
        {
            var caseRegion = await db.Set<Case>().Visible(user, db.Set<Referral>()).Where(x => x.Id == caseId).Select(x => x.Region).FirstOrDefaultAsync(ct);
            region ??= caseRegion;
            if (caseRegion is null)
            {
                v.Add("caseId", "is not a registered case you may read");
            }
        }

        Held? detention = null;
        if (r.DetentionId is { } detentionId)
        {
            detention = await db.Set<Detention>().Visible(user).Where(x => x.Id == detentionId)
                .Select(x => new Held(x.Region, new Examined(x.LastName, x.FirstName, x.Patronymic, x.BirthDate, x.Iin))).FirstOrDefaultAsync(ct);
            region ??= detention?.Region;
            if (detention is null)
            {
                v.Add("detentionId", "is not a registered detention you may read");
            }
        }

        v.Region("region", r.Region);
        region ??= string.IsNullOrEmpty(r.Region) ? user.RegionScope() : r.Region;
        if (region is null && v.IsValid)
        {
            v.Add("region", "is required when no report, case or detention is linked");
        }

        return (region, detention);
    }
}
