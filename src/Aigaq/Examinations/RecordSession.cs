using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

public sealed record InterpreterInput(string? Name, string? Language);

public sealed record PresentInput(string? Name, string? Affiliation);

/// <summary><c>POST /api/v1/examinations/{id}/session</c>: where and when, the interpreter, everyone present, police, restrictions.</summary>
public sealed record RecordSessionRequest(
    string? Place, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, InterpreterInput? Interpreter, List<PresentInput>? Present, bool? PolicePresent,
    bool? PoliceAskedToLeave = null, string? Restrictions = null);

public sealed record SessionRecorded(Guid Id, Guid ExaminationId);

/// <summary>
/// The examiner records the session (issue 16, item 3), once: from then on the examination is in progress. Police present
/// raise <see cref="AlertCodes.PolicePresentAtExamination"/> (IP 2022: in private, without security agents); whether they
/// were asked to leave is then required.
/// </summary>
public sealed class RecordSession(AigaqDb db, RulePackCatalog rules, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public const int MaxPresent = 30;

    public async Task<Outcome<SessionRecorded>> HandleAsync(Guid id, RecordSessionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "session", ct);
        if (open is null)
        {
            return problem;
        }

        if (await db.Set<ExaminationSession>().AnyAsync(s => s.ExaminationId == id, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"The session of examination {open.Exam.Number} is already recorded.", "session"));
        }

        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        var place = v.Required("place", request.Place, 500);
        var startedAt = v.Required("startedAt", request.StartedAt);
        if (request.StartedAt is not null)
        {
            v.Moment("startedAt", startedAt, now, pack, open.Exam.RequestedAt, "the request");
        }

        if (request.EndedAt is { } endedAt)
        {
            v.Moment("endedAt", endedAt, now, pack, startedAt, "the start");
        }

        var interpreter = v.OptionalName("interpreter.name", request.Interpreter?.Name, 200);
        var language = v.Optional("interpreter.language", request.Interpreter?.Language, 40);
        if (request.Present is null or { Count: 0 })
        {
            v.Add("present", "is required: at least the examiner and the person examined");
        }
        else if (request.Present.Count > MaxPresent)
        {
            v.Add("present", $"must list at most {MaxPresent} people");
        }

        var present = (request.Present ?? []).Take(MaxPresent).Select((p, i) => new PresentPerson(
            v.RequiredName($"present[{i}].name", p?.Name, 200), v.Required($"present[{i}].affiliation", p?.Affiliation, 200))).ToList();
        var police = v.Required("policePresent", request.PolicePresent);
        if (request.PolicePresent is true && request.PoliceAskedToLeave is null)
        {
            v.Add("policeAskedToLeave", "is required when police were present");
        }

        var restrictions = v.Optional("restrictions", request.Restrictions, 2000);
        var presentJson = JsonSerializer.Serialize(present, Json.Options);
        if (presentJson.Length > ExaminationRecordsConfiguration.MaxText && !v.Has("present"))
        {
            // The list is stored as one text of the column's length: refused as a whole, never cut or a 500.
            v.Add("present", $"is too long together: at most {ExaminationRecordsConfiguration.MaxText} characters as stored; shorten the names or affiliations");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var session = new ExaminationSession
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            Place = place,
            StartedAt = startedAt,
            EndedAt = request.EndedAt,
            Interpreter = interpreter,
            InterpreterLanguage = language,
            Present = presentJson,
            PolicePresent = police,
            PoliceAskedToLeave = police ? request.PoliceAskedToLeave : null,
            Restrictions = restrictions,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(session);
        LedgerWriter.Append(db, ExaminationLedger.SessionRecorded, session.Id, now, ExaminationLedger.Content(session));
        if (police)
        {
            await ExaminationAlerts.RaiseAsync(db, open.Exam, AlertCodes.PolicePresentAtExamination, startedAt,
                $"{open.Exam.Number} · {(request.PoliceAskedToLeave is true ? "askedToLeave" : "notAskedToLeave")}", now, ct);
        }

        log.Add(user, "examination.session", id.ToString(), "allowed");
        return Outcome<SessionRecorded>.Created(() => new SessionRecorded(session.Id, id), $"/api/v1/examinations/{id}");
    }
}
