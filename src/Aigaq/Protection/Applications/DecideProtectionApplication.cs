using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>A measure granted: its code, who implements it, from when (the decision's moment by default), until when and when to review it.</summary>
public sealed record GrantedMeasureInput(string? Code, string? ImplementingBody, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? ReviewBy);

/// <summary>
/// CONTRACT.md: <c>POST /api/v1/protection-applications/{id}/decide</c>, and the same body for an appeal's outcome
/// (<c>POST /api/v1/protection-appeals/{id}/decide</c>). <see cref="DecidedAt"/> defaults to now.
/// </summary>
public sealed record DecideProtectionApplicationRequest(
    ProtectionDecisionKind? Decision, IReadOnlyList<GrantedMeasureInput>? Measures, string? Reason, DateTimeOffset? DecidedAt);

/// <summary>
/// Records the decision on an application, once (a second is a 409: it is appealed, not replaced), or the outcome of an
/// appeal, once per appeal. A grant names the measures granted (those asked or others of the pack), each brought in force
/// as a row of its own; a refusal grants none. Either way a reason is required.
/// </summary>
public sealed class DecideProtectionApplication(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ProtectionApplicationView>> HandleAsync(
        Guid applicationId, DecideProtectionApplicationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var application = await ProtectionApplications.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protection application"));
        }

        if (await db.Set<ProtectionDecision>().AnyAsync(d => d.ApplicationId == applicationId && d.Round == 0, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                "The application is already decided; a decision is taken once, and challenged by an appeal (POST .../appeals)."));
        }

        return await DecideAsync(application, 0, null, application.ReceivedAt, "the application was received", request, user, ct);
    }

    /// <summary>The outcome of an appeal: the decision of the appeal's round.</summary>
    public async Task<Outcome<ProtectionApplicationView>> HandleAppealAsync(
        Guid appealId, DecideProtectionApplicationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var appeal = await db.Set<ProtectionAppeal>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, ct);
        var application = appeal is null
            ? null
            : await ProtectionApplications.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == appeal.ApplicationId, ct);
        if (appeal is null || application is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The appeal"));
        }

        if (await db.Set<ProtectionDecision>().AnyAsync(d => d.AppealId == appealId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The appeal is already decided."));
        }

        return await DecideAsync(application, appeal.Round, appeal.Id, appeal.FiledAt, "the appeal was filed", request, user, ct);
    }

    private async Task<Outcome<ProtectionApplicationView>> DecideAsync(
        ProtectionApplication application, int round, Guid? appealId, DateTimeOffset earliest, string earliestIs,
        DecideProtectionApplicationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var decision = v.Required("decision", request.Decision);
        var reason = v.Required("reason", request.Reason, 4000);
        var decidedAt = request.DecidedAt ?? now;
        var pack = rules.At(decidedAt);
        v.Moment("decidedAt", decidedAt, now, pack, earliest, earliestIs);
        var granted = v.Has("decision") ? [] : Granted(v, decision, request.Measures, decidedAt, pack.ProtectionMeasures);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        var row = new ProtectionDecision
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = application.Id,
            Round = round,
            AppealId = appealId,
            Decision = decision,
            Reason = reason,
            DecidedAt = decidedAt,
            RecordedAt = now,
            RecordedBy = userId,
        };
        db.Add(row);
        LedgerWriter.Append(db, ProtectionLedger.DecisionRecorded, row.Id, now, ProtectionLedger.Content(row));
        foreach (var g in granted)
        {
            var measure = new ProtectionMeasure
            {
                Id = Guid.CreateVersion7(now),
                DecisionId = row.Id,
                ApplicationId = application.Id,
                PersonId = application.PersonId,
                Region = application.Region,
                Code = g.Code!,
                ImplementingBody = g.ImplementingBody!,
                StartsAt = g.StartsAt ?? decidedAt,
                EndsAt = g.EndsAt,
                ReviewBy = g.ReviewBy,
                RecordedAt = now,
                RecordedBy = userId,
            };
            db.Add(measure);
            LedgerWriter.Append(db, ProtectionLedger.MeasureInForce, measure.Id, now, ProtectionLedger.Content(measure));
        }

        log.Add(user, appealId is null ? "protection.application.decide" : "protection.appeal.decide", row.Id.ToString(), "allowed");
        var before = await ProtectionApplications.OneAsync(db, application.Id, ct);
        var view = before with
        {
            Status = ProtectionApplications.Status([.. before.Decisions.Select(d => d.Decision), decision]),
            Decisions = [.. before.Decisions, Added(row, db)],
        };
        return Outcome<ProtectionApplicationView>.Created(() => view, $"/api/v1/protection-applications/{application.Id}");
    }

    /// <summary>The decision just added, with its measures, as the view shows it (the rows are not saved yet when the view is read).</summary>
    private static ProtectionDecisionView Added(ProtectionDecision d, AigaqDb db) => new(
        d.Id, d.Round, d.AppealId, d.Decision, d.Reason, d.DecidedAt, d.RecordedAt,
        [.. db.ChangeTracker.Entries<ProtectionMeasure>().Select(e => e.Entity).Where(m => m.DecisionId == d.Id)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Code, StringComparer.Ordinal).Select(m => ProtectionApplications.Measure(m, []))]);

    /// <summary>A grant names its measures; a refusal none.</summary>
    private static List<GrantedMeasureInput> Granted(
        Validation v, ProtectionDecisionKind decision, IReadOnlyList<GrantedMeasureInput>? measures, DateTimeOffset decidedAt, ProtectionMeasureRules pack)
    {
        if (decision == ProtectionDecisionKind.Refused)
        {
            if (measures is { Count: > 0 })
            {
                v.Add("measures", "must be empty when the application is refused");
            }

            return [];
        }

        if (measures is null || measures.Count == 0)
        {
            v.Add("measures", "must name at least one measure granted");
            return [];
        }

        if (measures.Count > FileProtectionApplication.MaxMeasures)
        {
            v.Add("measures", $"must name at most {FileProtectionApplication.MaxMeasures} measures");
            return [];
        }

        for (var i = 0; i < measures.Count; i++)
        {
            var field = $"measures[{i}]";
            if (measures[i] is not { } m)
            {
                v.Add(field, "is required");
                continue;
            }

            var code = v.Required(field + ".code", m.Code, 40);
            if (code.Length > 0 && !pack.IsMeasure(code))
            {
                v.Add(field + ".code", "is not a measure of the rule pack; known: " + string.Join(", ", pack.Measures));
            }

            v.Required(field + ".implementingBody", m.ImplementingBody, 300);
            var starts = m.StartsAt ?? decidedAt;
            if (m.EndsAt is { } end && end <= starts)
            {
                v.Add(field + ".endsAt", "must be after the measure starts");
            }

            if (m.ReviewBy is { } review && review <= starts)
            {
                v.Add(field + ".reviewBy", "must be after the measure starts");
            }
        }

        if (measures.Where(m => m is not null).Select(m => m.Code).Distinct(StringComparer.Ordinal).Count() != measures.Count(m => m is not null))
        {
            v.Add("measures", "names a measure twice");
        }

        return [.. measures.Where(m => m is not null).Select(m => m with { ImplementingBody = m.ImplementingBody?.Trim(), Code = m.Code?.Trim() })];
    }
}
