using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public enum VerdictOutcome
{
    Convicted,
    Acquitted,
}

/// <summary>
/// <c>{ "stage", "at", ... }</c> of CONTRACT.md: <c>kind</c> for an agreement, <c>outcome</c> and <c>suspended</c> for a
/// verdict, <c>grounds</c> for a discontinuance; <c>persons</c>, optional, for how many people the stage concerns: the
/// suspects identified, the persons sent to court, or the persons convicted.
/// </summary>
public sealed record RecordStageRequest(
    CaseStage? Stage, DateTimeOffset? At, AgreementKind? Kind, VerdictOutcome? Outcome, bool? Suspended, string? Grounds, string? Note,
    int? Persons = null);

public sealed record StageRecordedView(Guid CaseId, StageView Stage, IReadOnlyList<AlertView> Alerts);

/// <summary>How many people a stage concerns, as its fact records them.</summary>
public static class StagePersons
{
    /// <summary>The most people one stage of one case can name: a bound on typing errors, not a legal figure.</summary>
    public const int Most = 999;

    /// <summary>The persons a stage's stored fields name; one when not stated, since every such stage concerns someone.</summary>
    public static int Of(string data) => JsonNode.Parse(data)?["persons"]?.GetValue<int>() ?? 1;
}

/// <summary>The stage rules as a pure function, so that each can be tested with its legal reason.</summary>
public static class StageRules
{
    /// <summary>The field and message that refuse a stage, or null when it may be recorded.</summary>
    public static (string Field, string Message)? Check(IReadOnlyCollection<CaseStage> reached, CaseStage stage, bool closed)
    {
        if (closed)
        {
            return ("stage", "the case is closed");
        }

        bool Has(CaseStage s) => reached.Contains(s);
        return stage switch
        {
            CaseStage.AgreementProposed when !Has(CaseStage.SuspectIdentified) => ("stage", "an agreement needs an identified suspect"),
            CaseStage.AgreementProposed when Has(CaseStage.SentToCourt) => ("stage", "the case is before the court"),
            CaseStage.SentToCourt when !Has(CaseStage.SuspectIdentified) => ("stage", "a case goes to court against an identified suspect"),
            CaseStage.SentToCourt when Has(CaseStage.SentToCourt) => ("stage", "the case was sent to court already"),
            CaseStage.Verdict when !Has(CaseStage.SentToCourt) => ("stage", "a verdict needs the case sent to court first"),
            CaseStage.Discontinued when Has(CaseStage.SentToCourt) => ("stage", "a case before the court ends with a verdict"),
            _ => null,
        };
    }

    /// <summary>Whether a conviction in this case may not carry a suspended sentence.</summary>
    public static bool SuspendedSentenceBarred(RulePack pack, int part, bool torture) =>
        (pack.Cases.Part(part)?.SuspendedSentenceBarred ?? false) ||
        (torture && (pack.Cases.Part(pack.Cases.Qualification.TorturePart)?.SuspendedSentenceBarred ?? false));
}

/// <summary>
/// Records a stage of a case: by the responsible body or the region's supervisory prosecutor, in
/// an order the law allows. Barred agreements are refused (and the attempt raised for oversight);
/// every agreement and every suspended sentence for torture raises its alert.
/// </summary>
public sealed class RecordCaseStage(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    private Alert? _refusedAttempt;

    public async Task<Outcome<StageRecordedView>> HandleAsync(Guid caseId, RecordStageRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<Case>().Visible(user, db.Set<Referral>()).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The case"));
        }

        if (!CaseScope.MayRecordStages(user, c.Region, c.ResponsibleKind, c.ResponsibleRegion))
        {
            return new ProblemResult(Results.Problem(
                type: ProblemTypes.Forbidden, title: "Only the responsible body or the supervisory prosecutor records a case's stages.",
                statusCode: StatusCodes.Status403Forbidden));
        }

        var now = clock.GetUtcNow();
        var pack = rules.ById(c.RulePackId) ?? rules.At(c.RegisteredAt);
        var v = new Validation();
        var stage = v.Required("stage", request.Stage);
        var at = v.Required("at", request.At);
        var note = v.Optional("note", request.Note, 4000);
        var stages = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == c.Id && e.Type == CaseEventTypes.Stage)
            .Select(e => new { e.At, e.Data }).ToListAsync(ct);
        var reached = stages.Select(s => Enum.Parse<CaseStage>(JsonNode.Parse(s.Data)!["stage"]!.GetValue<string>(), ignoreCase: true)).ToList();
        if (request.At is not null && v.Moment("at", at, now, pack, c.RegisteredAt, "the case was registered") &&
            stages.Count > 0 && at < stages.Max(s => s.At))
        {
            v.Add("at", "is before the case's last recorded stage");
        }

        var data = new JsonObject { ["stage"] = Json.Name(stage) };
        if (request.Persons is { } persons)
        {
            // A count of people, kept with the fact so that the statistics count people as well as cases.
            if (request.Stage is not (null or CaseStage.SuspectIdentified or CaseStage.SentToCourt or CaseStage.Verdict) ||
                (request.Stage == CaseStage.Verdict && request.Outcome == VerdictOutcome.Acquitted))
            {
                v.Add("persons", "applies to suspects identified, persons sent to court or persons convicted only");
            }
            else if (persons is < 1 or > StagePersons.Most)
            {
                v.Add("persons", $"must lie between 1 and {StagePersons.Most}");
            }
            else
            {
                data["persons"] = persons;
            }
        }

        if (request.Stage is not null)
        {
            if (StageRules.Check(reached, stage, c.Closed) is { } refusal)
            {
                v.Add(refusal.Field, refusal.Message);
            }

            switch (stage)
            {
                case CaseStage.AgreementProposed:
                    var kind = v.Required("kind", request.Kind);
                    data["kind"] = Json.Name(kind);
                    if (request.Kind is not null && Jurisdiction.IsAgreementBarred(pack, c.Part, kind) && v.IsValid)
                    {
                        _refusedAttempt = AlertFactory.Create(
                            new AlertDue(AlertCodes.AgreementNotAllowed, $"{AlertCodes.AgreementNotAllowed}:{c.Id}:{Guid.CreateVersion7(now)}", at, $"{kind}, part {c.Part}"),
                            null, c.Region, now, new AlertSubject(CaseId: c.Id));
                        return new ProblemResult(Results.Problem(
                            type: ProblemTypes.AgreementNotAllowed,
                            title: $"A {Json.Name(kind)} agreement is barred in a case under part {c.Part} of art. {pack.Cases.Article}.",
                            statusCode: StatusCodes.Status422UnprocessableEntity,
                            extensions: new Dictionary<string, object?>
                            {
                                ["code"] = AlertCodes.AgreementNotAllowed,
                                ["errors"] = new Dictionary<string, string[]> { ["kind"] = [$"a {Json.Name(kind)} agreement is barred under part {c.Part}"] },
                            }));
                    }

                    break;
                case CaseStage.Verdict:
                    var outcome = v.Required("outcome", request.Outcome);
                    data["outcome"] = Json.Name(outcome);
                    data["suspended"] = request.Suspended == true;
                    if (request.Suspended == true && request.Outcome == VerdictOutcome.Acquitted)
                    {
                        v.Add("suspended", "applies to a conviction only");
                    }

                    break;
                case CaseStage.Discontinued:
                    data["grounds"] = v.Required("grounds", request.Grounds, 4000);
                    break;
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        var e = CaseRouting.Event(db, c, CaseEventTypes.Stage, at, userId, data, note, now);
        var due = new List<AlertDue>();
        if (stage == CaseStage.AgreementProposed)
        {
            due.Add(new(AlertCodes.AgreementInTortureCase, $"{AlertCodes.AgreementInTortureCase}:{e.Id}", at, $"{request.Kind}, part {c.Part}"));
        }

        if (stage == CaseStage.Verdict && request.Outcome == VerdictOutcome.Convicted && request.Suspended == true &&
            StageRules.SuspendedSentenceBarred(pack, c.Part, c.Torture))
        {
            due.Add(new(AlertCodes.SuspendedSentenceBarred, $"{AlertCodes.SuspendedSentenceBarred}:{e.Id}", at, $"part {c.Part}"));
        }

        var alerts = await AlertFactory.AddNewAsync(db, due, null, c.Region, now, ct, new AlertSubject(CaseId: c.Id));
        Project(c, stage, at, request.Outcome);
        return Outcome<StageRecordedView>.Created(
            () => new StageRecordedView(c.Id, new StageView(stage, at, now, userId, data), [.. alerts.Select(AlertView.From)]),
            $"/api/v1/cases/{c.Id}");
    }

    /// <summary>
    /// After a refused barred agreement: the attempt is raised for oversight in its own
    /// transaction, since the refused request itself writes nothing.
    /// </summary>
    public async Task RaiseRefusedAttemptAsync(CancellationToken ct)
    {
        if (_refusedAttempt is { } alert)
        {
            _refusedAttempt = null;
            db.ChangeTracker.Clear();
            db.Add(alert);
            await db.SaveChangesAsync(ct);
        }
    }

    private static void Project(Case c, CaseStage stage, DateTimeOffset at, VerdictOutcome? outcome)
    {
        c.Stage = stage;
        switch (stage)
        {
            case CaseStage.SentToCourt:
                c.SentToCourtAt = at;
                break;
            case CaseStage.Verdict:
                c.Convicted = outcome == VerdictOutcome.Convicted;
                c.Closed = true;
                break;
            case CaseStage.Discontinued:
                c.Closed = true;
                break;
        }

        c.Version++;
    }

}
