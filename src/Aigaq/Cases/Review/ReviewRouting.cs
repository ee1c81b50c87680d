using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.Extensions.Options;

namespace Aigaq.Cases;

/// <summary>
/// Where a complaint goes, as pure functions: the body complained of, the reviewer named in
/// configuration, and the guard that the reviewer never belongs to the agency complained of.
/// </summary>
public static class ReviewRouting
{
    /// <summary>
    /// The body a complaint is about when the complainant does not name it: a refusal is the
    /// supervisory prosecutor's; an investigator's action that of the body responsible for the
    /// case; an inquiry officer's that of internal affairs.
    /// </summary>
    public static ComplainedBody BodyComplainedOf(ComplaintKind kind, ComplainedActor actor, BodyKind? responsible) => (kind, actor) switch
    {
        (ComplaintKind.Refusal, _) => ComplainedBody.SupervisoryProsecutor,
        (_, ComplainedActor.Prosecutor) => ComplainedBody.SupervisoryProsecutor,
        (_, ComplainedActor.Investigator) when responsible == BodyKind.SpecialProsecutor => ComplainedBody.SpecialProsecutor,
        _ => ComplainedBody.InternalAffairs,
    };

    /// <summary>The agencies a complained-of body belongs with: its own and every agency of its group in the pack.</summary>
    public static IReadOnlySet<Agency> AgenciesOf(RulePack pack, ComplainedBody body)
    {
        var kind = body == ComplainedBody.InternalAffairs ? BodyKind.InternalAffairs : BodyKind.SpecialProsecutor;
        var agencies = new HashSet<Agency>(pack.Cases.AgencyGroups.GetValueOrDefault(pack.Cases.Bodies[kind].AgencyGroup) ?? []);
        if (body != ComplainedBody.InternalAffairs)
        {
            agencies.Add(Agency.Prosecutor);
        }

        return agencies;
    }

    /// <summary>
    /// Whether the configured reviewer is independent of the body complained of. Investigating
    /// judges and the Commissioner belong to no agency that registers or investigates; another
    /// body must name its agency, and it must not be one of the body's.
    /// </summary>
    public static bool IsIndependent(RulePack pack, ReviewOptions reviewer, ComplainedBody body) =>
        reviewer.Reviewer != ReviewerKind.Other ||
        (reviewer.Agency is { } agency && !AgenciesOf(pack, body).Contains(agency));

    /// <summary>The reviewer's name as stored with a complaint (pages show the kind in the reader's language).</summary>
    public static string ReviewerName(ReviewOptions reviewer, string? region)
    {
        var place = region is null ? null : Regions.Find(region)?.En ?? region;
        var name = reviewer.Reviewer switch
        {
            ReviewerKind.InvestigatingJudge => "Investigating judge",
            ReviewerKind.HumanRightsCommissioner => "Human Rights Commissioner",
            _ => reviewer.Name ?? "Reviewer",
        };
        return place is null ? name : $"{name}, {place}";
    }

    /// <summary>Complaints a reviewer decides: those of their region and the national ones; a reviewer with no region only the national ones.</summary>
    public static IQueryable<Complaint> ForReviewer(this IQueryable<Complaint> query, ClaimsPrincipal user)
    {
        var region = user.RegionScope();
        return region is null
            ? query.Where(c => c.ReviewerRegion == null)
            : query.Where(c => c.ReviewerRegion == null || c.ReviewerRegion == region);
    }

    /// <summary>
    /// Who reads a complaint: the reviewer it is addressed to, the supervisory prosecutors of its
    /// region, and whoever entered it.
    /// </summary>
    public static IQueryable<Complaint> Visible(this IQueryable<Complaint> query, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Reviewer))
        {
            return query.ForReviewer(user);
        }

        var userId = user.UserId();
        if (userId is null)
        {
            return query.Where(_ => false);
        }

        if (user.IsInRole(Roles.Prosecutor) && user.RegionScope() is { } region)
        {
            return query.Where(c => c.Region == region || c.RecordedBy == userId);
        }

        return query.Where(c => c.RecordedBy == userId);
    }
}

/// <summary>Refuses to start with a reviewer that is not independent of every body a complaint can be about, under every rule pack.</summary>
internal sealed class ReviewOptionsValidation(RulePackCatalog rules) : IValidateOptions<ReviewOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewOptions options)
    {
        if (options.Reviewer == ReviewerKind.Other)
        {
            if (string.IsNullOrWhiteSpace(options.Name))
            {
                return ValidateOptionsResult.Fail("Aigaq:Review:Name is required when Aigaq:Review:Reviewer is Other.");
            }

            if (options.Agency is null)
            {
                return ValidateOptionsResult.Fail("Aigaq:Review:Agency is required when Aigaq:Review:Reviewer is Other, so that its independence can be checked.");
            }
        }

        foreach (var pack in rules.All)
        {
            foreach (var body in Enum.GetValues<ComplainedBody>())
            {
                if (!ReviewRouting.IsIndependent(pack, options, body))
                {
                    return ValidateOptionsResult.Fail(
                        $"Aigaq:Review:Agency {options.Agency} belongs with {body} under rule pack {pack.Id}: a complaint must never go to the body complained of.");
                }
            }
        }

        return ValidateOptionsResult.Success;
    }
}
