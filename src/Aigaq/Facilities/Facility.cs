namespace Aigaq.Facilities;

public enum FacilityType
{
    PoliceHoldingCell,
    PretrialDetention,
    Penitentiary,
    SpecialReception,
    PsychiatricHospital,
    JuvenileCentre,
    MilitaryGuardhouse,
    Other,
}

/// <summary>The agency codes of CONTRACT.md; police and penitentiary both belong to internal affairs.</summary>
public enum Agency
{
    Police,
    Penitentiary,
    NationalSecurity,
    Prosecutor,
    AntiCorruption,
    FinancialMonitoring,
    Military,
    Medical,
    Education,
    SocialCare,
    Other,
}

public sealed class Facility
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public FacilityType Type { get; init; }
    public required string Region { get; init; }
    public Agency Agency { get; init; }
    public required string Address { get; init; }
    public bool AcceptsMinors { get; init; }

    /// <summary>The facility's public telephone (international form), told to relatives by the public lookup.</summary>
    public string? Phone { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid? CreatedBy { get; init; }
}
