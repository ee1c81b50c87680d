using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Protection;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Interviews;

/// <summary>
/// The request of CONTRACT.md (<c>POST /api/v1/visits/{id}/interviews</c>), with the interview's time (<c>at</c>, the
/// recording's when not given) and its vulnerability flags.
/// </summary>
public sealed record RecordInterviewRequest(
    string? Code, bool? Consent, bool? Private, bool? Allegation, RiskLevel? ReprisalRisk, DateTimeOffset? FollowUpBy = null,
    DateTimeOffset? At = null, List<string?>? Vulnerabilities = null);

public sealed record InterviewRecorded(Guid Id, Guid? ReportId, string? ReportNumber, Guid? ProtectedPersonId, string? Pseudonym);

/// <summary>
/// Records a private interview of a visit (issue 17, item 7; ADR 0030, addendum), after the team's approval and arrival.
/// An allegation opens a torture report from the visit through the cases area's seam (<see cref="Cases.IInterviewReports"/>);
/// a reprisal risk of medium or high makes the person a protected person with a first follow-up contact due by
/// <c>followUpBy</c> (else the pack's <see cref="VisitInterviewRules.FollowUpWithinDays"/>) through the protection area's
/// seam (<see cref="IIntervieweeProtection"/>). All in one transaction: a refusal of either keeps nothing.
/// </summary>
public sealed class RecordInterview(
    AigaqDb db, RulePackCatalog rules, FacilityDirectory facilities, Cases.IInterviewReports reports, IIntervieweeProtection protection,
    AccessLog log, TimeProvider clock)
{
    public const int MaxCode = 20;
    public const int MaxFlags = 20;

    public async Task<Outcome<InterviewRecorded>> HandleAsync(Guid visitId, RecordInterviewRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        if (request.Consent != true)
        {
            v.Add("consent", "must be true: no interview is recorded without the person's consent");
        }

        var code = Code(v, request.Code);
        var isPrivate = v.Required("private", request.Private);
        var allegation = v.Required("allegation", request.Allegation);
        var risk = v.Required("reprisalRisk", request.ReprisalRisk);
        var at = request.At ?? now;
        var atValid = v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned");
        if (atValid && await VisitFieldwork.ArrivedAtAsync(db, visitId, ct) is { } arrived && at < arrived)
        {
            v.Add("at", "is before the team arrived");
        }

        var flags = Flags(v, request.Vulnerabilities, pack.VisitInterviews);
        var atRisk = request.ReprisalRisk is RiskLevel.Medium or RiskLevel.High;
        var followUpBy = request.FollowUpBy;
        if (followUpBy is { } by)
        {
            if (!atRisk)
            {
                v.Add("followUpBy", "is set only for a reprisal risk of medium or high");
            }
            else if (atValid && (by <= at || by - at > TimeSpan.FromDays(pack.VisitInterviews.FollowUpAtMostDays)))
            {
                v.Add("followUpBy", $"must be after the interview and at most {pack.VisitInterviews.FollowUpAtMostDays} days after it");
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.UnapprovedAsync(db, visit, pack, ct) is { } unapproved)
        {
            return unapproved;
        }

        if (await VisitFieldwork.NotArrivedAsync(db, visit, ct) is { } notArrived)
        {
            return notArrived;
        }

        if (await db.Set<VisitInterview>().AnyAsync(i => i.VisitId == visitId && i.Code == code, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"An interview under this code is already recorded for visit {visit.Number}.", "code"));
        }

        // A person at risk who cannot be protected now is refused before anything is written: no report opened, no number spent.
        if (atRisk && await protection.RefusalAsync(ct) is { } unprotected)
        {
            return new ProblemResult(unprotected);
        }

        var userId = user.RequiredUserId();
        Cases.HeldOffRegisterReport? report = null;
        if (allegation)
        {
            var facility = (await facilities.FindAsync(db, visit.FacilityId, ct))!;
            report = await reports.OpenAsync(new Cases.AllegationAtInterview(db, visit.Number, visit.Region, facility, at, now, userId), ct);
        }

        ProtectedInterviewee? person = null;
        if (atRisk)
        {
            var due = followUpBy ?? at.AddDays(pack.VisitInterviews.FollowUpWithinDays);
            var (protectedPerson, refused) = await protection.ProtectAsync(
                new IntervieweeAtRisk(db, visit.Number, visit.Region, code, risk, report?.ReportId, at, due, now), user, ct);
            if (refused is not null)
            {
                return new ProblemResult(refused);
            }

            (person, followUpBy) = (protectedPerson, due);
        }

        var interview = new VisitInterview
        {
            Id = Guid.CreateVersion7(now),
            VisitId = visitId,
            Code = code,
            At = at,
            Consent = true,
            Private = isPrivate,
            Allegation = allegation,
            ReprisalRisk = risk,
            Vulnerabilities = string.Join(' ', flags),
            FollowUpBy = followUpBy,
            ReportId = report?.ReportId,
            ProtectedPersonId = person?.PersonId,
            RecordedAt = now,
            RecordedBy = userId,
        };
        db.Add(interview);
        LedgerWriter.Append(db, InterviewLedger.Interviewed, interview.Id, now, InterviewLedger.Content(interview));
        log.Add(user, "visit.interview", visitId.ToString(), "allowed");
        return Outcome<InterviewRecorded>.Created(
            () => new InterviewRecorded(interview.Id, report?.ReportId, report?.Number, person?.PersonId, person?.Pseudonym),
            $"/api/v1/visits/{visitId}/interviews");
    }

    /// <summary>
    /// A code, not a name: letters, digits and hyphens, with at least one digit, so that a surname typed into the field is
    /// refused rather than stored.
    /// </summary>
    private static string Code(Validation v, string? value)
    {
        var code = v.Required("code", value, MaxCode);
        if (code.Length > 0 && (!code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !code.Any(char.IsAsciiDigit)))
        {
            v.Add("code", "must be a code of Latin letters, digits and hyphens with at least one digit, never the person's name");
        }

        return code;
    }

    private static List<string> Flags(Validation v, List<string?>? given, VisitInterviewRules r)
    {
        var flags = new List<string>();
        if (given is { Count: > MaxFlags })
        {
            v.Add("vulnerabilities", $"must hold at most {MaxFlags} flags");
            return flags;
        }

        for (var i = 0; i < (given?.Count ?? 0); i++)
        {
            var flag = given![i];
            if (!r.IsVulnerability(flag))
            {
                v.Add($"vulnerabilities[{i}]", "must be one of " + string.Join(", ", r.Vulnerabilities));
            }
            else if (flags.Contains(flag!))
            {
                v.Add($"vulnerabilities[{i}]", "is given twice");
            }
            else
            {
                flags.Add(flag!);
            }
        }

        return flags;
    }
}
