using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary><c>{ "erdrNumber", "registeredAt", "part" }</c>, with the aid's answers and the reason for the part chosen.</summary>
public sealed record RegisterReportRequest(
    string? ErdrNumber, DateTimeOffset? RegisteredAt, int? Part, bool? Torture, QualificationInput? Qualification, string? Reason);

public sealed record RegisteredView(Guid ReportId, Guid CaseId, string ErdrNumber, int Part, bool Torture, BodyView ResponsibleBody, QualificationSuggestion? Suggestion);

/// <summary>
/// The supervisory prosecutor's decision to register a report in ERDR, which opens a case routed to the competent
/// body. A report is decided once (see <see cref="RefuseReport"/> for the other decision).
/// </summary>
public sealed class RegisterReport(AigaqDb db, RulePackCatalog rules, TimeProvider clock, IEnumerable<ICaseSubscriber>? subscribers = null)
{
    public async Task<Outcome<RegisteredView>> HandleAsync(Guid reportId, RegisterReportRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var report = await db.Set<Report>().Visible(user).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The report"));
        }

        if (report.Status != ReportStatus.Received)
        {
            return new ProblemResult(AlreadyDecided(report));
        }

        var now = clock.GetUtcNow();
        var pack = rules.ById(report.RulePackId) ?? rules.At(report.ReceivedAt);
        var v = new Validation();
        var erdr = v.Required("erdrNumber", request.ErdrNumber, 40);
        if (!v.Has("erdrNumber") && !pack.Reports.IsErdrNumber(erdr))
        {
            v.Add("erdrNumber", $"must be the ERDR number: {pack.Reports.ErdrNumberDigits} digits");
        }

        var registeredAt = v.Required("registeredAt", request.RegisteredAt);
        if (request.RegisteredAt is not null)
        {
            v.Moment("registeredAt", registeredAt, now, pack, report.ReceivedAt, "the report was received");
        }

        var part = SuggestQualification.Part(v, pack, request.Part);
        var suggestion = SuggestQualification.Suggest(v, pack, request.Qualification);
        var reason = v.Optional("reason", request.Reason, 4000);
        if (suggestion is not null && part is not null && suggestion.Part != part && reason is null)
        {
            v.Add("reason", "is required when the part differs from the aid's suggestion");
        }

        if (erdr.Length > 0 && await db.Set<Case>().AnyAsync(c => c.ErdrNumber == erdr, ct))
        {
            v.Add("erdrNumber", "is already the number of another case");
        }

        if (!v.IsValid || part is not { } chosen)
        {
            return new ProblemResult(v.Problem());
        }

        var torture = SuggestQualification.Torture(pack, chosen, request.Torture, suggestion);
        var userId = user.RequiredUserId();
        var alleged = await CaseRouting.AllegedAsync(db, report.Id, ct);
        var c = new Case
        {
            Id = Guid.CreateVersion7(now),
            ErdrNumber = erdr,
            ReportId = report.Id,
            Region = report.Region,
            RegisteredAt = registeredAt,
            RecordedAt = now,
            RecordedBy = userId,
            RulePackId = pack.Id,
            ReceivedYear = report.ReceivedYear,
            HoursToRegistration = Math.Max(0, (registeredAt - report.ReceivedAt).TotalHours),
            RegisteredInTime = registeredAt <= report.RegistrationDueBy,
            Part = chosen,
            Torture = torture,
            ResponsibleRegion = report.Region,
        };
        c.ResponsibleKind = CaseRouting.Target(pack, c, alleged);
        db.Add(c);
        LedgerWriter.Append(db, CaseLedger.CaseOpened, c.Id, now, CaseLedger.Content(c));

        var qualified = CaseRouting.Event(db, c, CaseEventTypes.Qualified, registeredAt, userId, SuggestQualification.Qualification(chosen, torture, c.ResponsibleKind, request.Qualification, suggestion), reason, now);
        await CaseRouting.CheckConflictAsync(db, pack, c, c.ResponsibleKind, alleged, qualified.Id, now, ct);

        var decision = new ReportDecision
        {
            Id = Guid.CreateVersion7(now),
            ReportId = report.Id,
            Kind = ReportDecisionKind.Registered,
            At = registeredAt,
            RecordedAt = now,
            RecordedBy = userId,
            ErdrNumber = erdr,
            Part = chosen,
            CaseId = c.Id,
            Reason = reason,
        };
        db.Add(decision);
        LedgerWriter.Append(db, CaseLedger.ReportDecision, decision.Id, now, CaseLedger.Content(decision));
        report.Status = ReportStatus.Registered;
        report.CaseId = c.Id;
        report.Version++;
        foreach (var subscriber in subscribers ?? [])
        {
            await subscriber.OnRegisteredAsync(new CaseRegistered(db, c, report, now), ct);
        }

        return Outcome<RegisteredView>.Created(
            () => new RegisteredView(report.Id, c.Id, erdr, chosen, torture, BodyView.Of(c.ResponsibleKind, c.ResponsibleRegion), suggestion),
            $"/api/v1/cases/{c.Id}");
    }

    internal static IResult AlreadyDecided(Report report) =>
        ProblemTypes.ConflictProblem(report.Status == ReportStatus.Registered
            ? "The report is already registered; a report opens one case."
            : "The report was refused; only an independent review can reopen it.");
}
