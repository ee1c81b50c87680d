using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>The facts a person answers for the qualification aid (CONTRACT.md leaves their shape to us).</summary>
public sealed record QualificationInput(bool? OfficialCapacity, List<string>? Purposes, List<string>? Aggravating);

/// <summary><c>{ "erdrNumber", "registeredAt", "part" }</c>, with the aid's answers and the reason for the part chosen.</summary>
public sealed record RegisterReportRequest(
    string? ErdrNumber, DateTimeOffset? RegisteredAt, int? Part, bool? Torture, QualificationInput? Qualification, string? Reason);

public sealed record RefuseReportRequest(string? Grounds);

public sealed record RegisteredView(Guid ReportId, Guid CaseId, string ErdrNumber, int Part, bool Torture, BodyView ResponsibleBody, QualificationSuggestion? Suggestion);

/// <summary>
/// The supervisory prosecutor's decision on a report: register it in ERDR, which opens a case
/// routed to the competent body, or refuse it with grounds. A report is decided once; a refusal
/// can be overturned only by an independent review.
/// </summary>
public sealed class RegisterReport(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<RegisteredView>> RegisterAsync(Guid reportId, RegisterReportRequest request, ClaimsPrincipal user, CancellationToken ct)
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
        var registeredAt = v.Required("registeredAt", request.RegisteredAt);
        if (request.RegisteredAt is not null)
        {
            v.Moment("registeredAt", registeredAt, now, pack, report.ReceivedAt, "the report was received");
        }

        var part = Part(v, pack, request.Part);
        var suggestion = Suggest(v, pack, request.Qualification);
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

        var torture = Torture(pack, chosen, request.Torture, suggestion);
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

        var qualified = CaseRouting.Event(db, c, CaseEventTypes.Qualified, registeredAt, userId, Qualification(chosen, torture, c.ResponsibleKind, request.Qualification, suggestion), reason, now);
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

        return Outcome<RegisteredView>.Created(
            () => new RegisteredView(report.Id, c.Id, erdr, chosen, torture, BodyView.Of(c.ResponsibleKind, c.ResponsibleRegion), suggestion),
            $"/api/v1/cases/{c.Id}");
    }

    public async Task<Outcome<ReportView>> RefuseAsync(Guid reportId, RefuseReportRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var report = await db.Set<Report>().Visible(user).Include(r => r.Alleged).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The report"));
        }

        if (report.Status != ReportStatus.Received)
        {
            return new ProblemResult(AlreadyDecided(report));
        }

        var v = new Validation();
        var grounds = v.Required("grounds", request.Grounds, 4000);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var decision = new ReportDecision
        {
            Id = Guid.CreateVersion7(now),
            ReportId = report.Id,
            Kind = ReportDecisionKind.Refused,
            At = now,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            Reason = grounds,
        };
        db.Add(decision);
        LedgerWriter.Append(db, CaseLedger.ReportDecision, decision.Id, now, CaseLedger.Content(decision));
        report.Status = ReportStatus.Refused;
        report.Version++;
        return Outcome<ReportView>.Created(() => ReportView.From(report, [decision], []), $"/api/v1/reports/{report.Id}");
    }

    /// <summary>Torture as stated, else by the part, else by the aid's finding of a purpose.</summary>
    internal static bool Torture(RulePack pack, int part, bool? stated, QualificationSuggestion? suggestion) =>
        stated ?? (Jurisdiction.IsTorturePart(pack, part) || suggestion?.Torture == true);

    /// <summary>A part of the article the pack knows, named in the error when not.</summary>
    internal static int? Part(Validation v, RulePack pack, int? part)
    {
        if (part is null)
        {
            v.Add("part", "is required");
            return null;
        }

        if (pack.Cases.Part(part.Value) is null)
        {
            v.Add("part", $"must be one of {string.Join(", ", pack.Cases.Parts.Keys.Order())} (parts of art. {pack.Cases.Article})");
            return null;
        }

        return part;
    }

    /// <summary>The aid's suggestion from the answers given, if any; unknown purposes and features are named.</summary>
    internal static QualificationSuggestion? Suggest(Validation v, RulePack pack, QualificationInput? input)
    {
        if (input is null)
        {
            return null;
        }

        var q = pack.Cases.Qualification;
        var purposes = input.Purposes ?? [];
        var aggravating = input.Aggravating ?? [];
        foreach (var unknown in QualificationAid.Unknown(purposes, q.Purposes))
        {
            v.Add("qualification.purposes", $"'{unknown}' is not one of {string.Join(", ", q.Purposes)}");
        }

        foreach (var unknown in QualificationAid.Unknown(aggravating, q.Aggravating.Keys))
        {
            v.Add("qualification.aggravating", $"'{unknown}' is not one of {string.Join(", ", q.Aggravating.Keys.Order(StringComparer.Ordinal))}");
        }

        var official = v.Required("qualification.officialCapacity", input.OfficialCapacity);
        return QualificationAid.Suggest(pack, new QualificationAnswers(official, purposes, aggravating));
    }

    internal static JsonObject Qualification(int part, bool torture, Rules.BodyKind body, QualificationInput? answers, QualificationSuggestion? suggestion)
    {
        var data = new JsonObject { ["part"] = part, ["torture"] = torture, ["routedTo"] = body.ToString() };
        if (answers is not null && suggestion is not null)
        {
            data["answers"] = new JsonObject
            {
                ["officialCapacity"] = answers.OfficialCapacity,
                ["purposes"] = new JsonArray([.. (answers.Purposes ?? []).Select(p => (JsonNode)p)]),
                ["aggravating"] = new JsonArray([.. (answers.Aggravating ?? []).Select(a => (JsonNode)a)]),
            };
            data["suggestion"] = new JsonObject
            {
                ["part"] = suggestion.Part,
                ["torture"] = suggestion.Torture,
                ["reasons"] = new JsonArray([.. suggestion.Reasons.Select(r => (JsonNode)r)]),
            };
        }

        return data;
    }

    private static IResult AlreadyDecided(Report report) =>
        ProblemTypes.ConflictProblem(report.Status == ReportStatus.Registered
            ? "The report is already registered; a report opens one case."
            : "The report was refused; only an independent review can reopen it.");
}
