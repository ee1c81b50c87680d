namespace Aigaq.Rules;

/// <summary>
/// Monitoring-visit teams (issue 17, item 3): which agency an account of a role works for when its account has no facility
/// that says so, so that a team member from the agency (or agency group, <see cref="CaseRules.AgencyGroups"/>) running the
/// place is refused. Roles not named belong to no agency (monitors, defenders, reviewers, analysts).
/// </summary>
public sealed record VisitTeamRules
{
    public required Dictionary<string, Facilities.Agency> RoleAgencies { get; init; }

    public IEnumerable<string> Problems()
    {
        foreach (var role in RoleAgencies.Keys.Where(r => !Access.Roles.IsKnown(r)))
        {
            yield return $"visitTeams.roleAgencies names an unknown role {role}";
        }
    }
}
