using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>The body that must decide: a kind of the rule pack (<c>protectionMeasures.decidingBodies</c>) and its name.</summary>
public sealed record DecidingBodyInput(string? Kind, string? Name);

/// <summary>CONTRACT.md: <c>POST /api/v1/protected-persons/{id}/applications</c>.</summary>
public sealed record FileProtectionApplicationRequest(DateTimeOffset? ReceivedAt, IReadOnlyList<string?>? Measures, DecidingBodyInput? DecidingBody);

/// <summary>
/// Records an application for security measures made for a protected person: the measures asked (codes of the rule pack
/// in force when it was received), the deciding body, and the deadline for its decision, computed here from the pack
/// and stored, so that a later pack does not move it.
/// </summary>
public sealed class FileProtectionApplication(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxMeasures = 20;

    public async Task<Outcome<ProtectionApplicationView>> HandleAsync(
        Guid personId, FileProtectionApplicationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var person = await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user)
            .Where(p => p.Id == personId).Select(p => new { p.Id, p.Region }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protected person"));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var receivedAt = v.Required("receivedAt", request.ReceivedAt);
        var pack = rules.At(v.IsValid ? receivedAt : now);
        if (v.IsValid)
        {
            v.Moment("receivedAt", receivedAt, now, pack);
        }

        var measures = Measures(v, "measures", request.Measures, pack.ProtectionMeasures);
        string kind = "", name = "";
        if (request.DecidingBody is not { } body)
        {
            v.Add("decidingBody", "is required");
        }
        else
        {
            kind = v.Required("decidingBody.kind", body.Kind, 40);
            if (kind.Length > 0 && !v.Has("decidingBody.kind") && !pack.ProtectionMeasures.IsDecidingBody(kind))
            {
                v.Add("decidingBody.kind", "must be one of " + string.Join(", ", pack.ProtectionMeasures.DecidingBodies));
            }

            name = v.Required("decidingBody.name", body.Name, 300);
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var application = new ProtectionApplication
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            Region = person.Region,
            ReceivedAt = receivedAt,
            Measures = string.Join(',', measures),
            DecidingBodyKind = kind,
            DecidingBodyName = name,
            DecisionDueBy = receivedAt + TimeSpan.FromHours(pack.ProtectionMeasures.DecisionWithinHours),
            RulePackId = pack.Id,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(application);
        LedgerWriter.Append(db, ProtectionLedger.ApplicationReceived, application.Id, now, ProtectionLedger.Content(application));
        log.Add(user, "protection.application.file", application.Id.ToString(), "allowed");

        return Outcome<ProtectionApplicationView>.Created(
            () => new ProtectionApplicationView(
                application.Id, application.PersonId, application.ReceivedAt, measures, new DecidingBodyView(kind, name), application.DecisionDueBy,
                ProtectionApplicationStatus.Pending, [], [], now),
            $"/api/v1/protection-applications/{application.Id}");
    }

    /// <summary>At least one measure, at most <see cref="MaxMeasures"/>, each a code of the pack and named once; errors on <paramref name="field"/>.</summary>
    internal static List<string> Measures(Validation v, string field, IReadOnlyList<string?>? codes, ProtectionMeasureRules pack)
    {
        if (codes is null || codes.Count == 0)
        {
            v.Add(field, "must name at least one measure");
            return [];
        }

        if (codes.Count > MaxMeasures)
        {
            v.Add(field, $"must name at most {MaxMeasures} measures");
            return [];
        }

        var unknown = codes.Where(c => c is null || !pack.IsMeasure(c)).ToList();
        if (unknown.Count > 0)
        {
            v.Add(field, $"'{string.Join("', '", unknown.Select(u => u is null ? "null" : Clip(u)))}' is not a measure of the rule pack; known: {string.Join(", ", pack.Measures)}");
            return [];
        }

        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            v.Add(field, "names a measure twice");
        }

        return [.. codes.Select(c => c!)];
    }

    /// <summary>An unknown code is echoed, cut short: the problem must not carry a whole body back.</summary>
    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
