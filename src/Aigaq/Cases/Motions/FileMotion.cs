using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;

namespace Aigaq.Cases;

public sealed record FileMotionRequest(string? Evidence, MotionGrounds? Grounds, MotionParty? FiledBy, DateTimeOffset? FiledAt, string? Note);

/// <summary>Files a motion to exclude evidence on a case (see <see cref="MotionCase"/>).</summary>
public sealed class FileMotion(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<MotionRecordedView>> HandleAsync(Guid caseId, FileMotionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, problem) = await MotionCase.FindAsync(db, caseId, user, ct);
        if (c is null)
        {
            return new ProblemResult(problem!);
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var evidence = v.Required("evidence", request.Evidence, 4000);
        var grounds = v.Required("grounds", request.Grounds);
        var filedBy = v.Required("filedBy", request.FiledBy);
        var note = v.Optional("note", request.Note, 4000);
        var filedAt = request.FiledAt ?? now;
        MotionCase.When(rules, v, "filedAt", filedAt, c.RegisteredAt, "the case was registered", c, now);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var data = new JsonObject
        {
            ["kind"] = "excludeEvidence",
            ["evidence"] = evidence,
            ["grounds"] = Json.Name(grounds),
            ["filedBy"] = Json.Name(filedBy),
        };
        var e = CaseRouting.Event(db, c, CaseEventTypes.MotionFiled, filedAt, user.RequiredUserId(), data, note, now);
        return Outcome<MotionRecordedView>.Created(
            () => new MotionRecordedView(c.Id, MotionView.From([e]).Single()), $"/api/v1/cases/{c.Id}");
    }
}
