namespace Aigaq.Rules;

/// <summary>
/// Monitoring-visit teams (issue 17, item 3): which agency an account of a role works for when its account has no facility
/// that says so, so that a team member from the agency (or agency group, <see cref="CaseRules.AgencyGroups"/>) running the
/// place is refused. Roles not named belong to no agency (monitors, defenders, reviewers, analysts). And the policy of the
/// fieldwork (issue 17, items 3-4): whether an unannounced visit may start before its team is approved, how long before
/// its plan was recorded anything of a visit may have happened, how far ahead a visit is planned, and the longest refusal
/// of access that is not a typing mistake.
/// </summary>
public sealed record VisitTeamRules
{
    public required Dictionary<string, Facilities.Agency> RoleAgencies { get; init; }

    /// <summary>When true, an unannounced visit's arrival, checks and denials are taken before its team is approved.</summary>
    public required bool UnannouncedWithoutApproval { get; init; }

    /// <summary>
    /// A visit planned after the fact (an urgent visit recorded on the way) may say it was planned for up to this many hours
    /// before it was recorded; nothing of the visit (arrival, checks, denials) happened earlier than that.
    /// </summary>
    public required int PlanBackdateHours { get; init; }

    /// <summary>How many days ahead a visit is planned at most.</summary>
    public required int PlanAheadDays { get; init; }

    /// <summary>The longest refusal of access recorded in minutes; more is a typing mistake or a place closed to monitoring.</summary>
    public required int AccessDenialMaxMinutes { get; init; }

    public IEnumerable<string> Problems()
    {
        foreach (var role in RoleAgencies.Keys.Where(r => !Access.Roles.IsKnown(r)))
        {
            yield return $"visitTeams.roleAgencies names an unknown role {role}";
        }

        if (PlanBackdateHours is < 0 or > 24 * 31)
        {
            yield return "visitTeams.planBackdateHours must be from 0 to 744";
        }

        if (PlanAheadDays is < 1 or > 3660)
        {
            yield return "visitTeams.planAheadDays must be from 1 to 3660";
        }

        if (AccessDenialMaxMinutes < 1)
        {
            yield return "visitTeams.accessDenialMaxMinutes must be positive";
        }
    }
}
