namespace Aigaq.Access;

/// <summary>The role names of CONTRACT.md.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Officer = nameof(Officer);
    public const string CustodyOfficer = nameof(CustodyOfficer);
    public const string Investigator = nameof(Investigator);
    public const string Prosecutor = nameof(Prosecutor);
    public const string SpecialProsecutor = nameof(SpecialProsecutor);
    public const string Defender = nameof(Defender);
    public const string Reviewer = nameof(Reviewer);
    public const string ProtectionOfficer = nameof(ProtectionOfficer);
    public const string ForensicExpert = nameof(ForensicExpert);
    public const string Monitor = nameof(Monitor);
    public const string Analyst = nameof(Analyst);

    public static readonly IReadOnlyList<string> All =
    [
        Administrator, Officer, CustodyOfficer, Investigator, Prosecutor, SpecialProsecutor,
        Defender, Reviewer, ProtectionOfficer, ForensicExpert, Monitor, Analyst,
    ];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
