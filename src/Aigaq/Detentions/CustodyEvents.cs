using System.Text.Json.Serialization;
using Aigaq.Web;

namespace Aigaq.Detentions;

// The event types of CONTRACT.md, one record each; the discriminator names are on CustodyEvent. A field's JSON name is
// its property's name in camelCase; the order of the properties is the order of the stored fields.

/// <summary>Arrival at a facility, which may name it (the destination when it does not).</summary>
public sealed record ArrivedAtFacility : CustodyEvent
{
    public Guid? FacilityId { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this;
}

public sealed record ProtocolDrawn : CustodyEvent
{
    public string? ProtocolNumber { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { ProtocolNumber = Text(v, ProtocolNumber) };
}

/// <summary>Rights explained after the registration, in a language.</summary>
public sealed record RightsExplained : CustodyEvent
{
    public string? Language { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { Language = Text(v, Language) };
}

public sealed record DefenderArrived : CustodyEvent
{
    public string? DefenderName { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { DefenderName = Text(v, DefenderName) };
}

/// <summary>A medical examination, which must say whether it found injuries.</summary>
public sealed record MedicalExamination : CustodyEvent
{
    [JsonRequired]
    public bool? InjuriesFound { get; init; }

    public string? Examiner { get; init; }

    protected override CustodyEvent CheckFields(Validation v) =>
        this with { InjuriesFound = Required(v, InjuriesFound), Examiner = Text(v, Examiner) };
}

/// <summary>An interrogation or other investigative action begins; who was present decides its alerts.</summary>
public sealed record InvestigativeActionStarted : CustodyEvent
{
    public string? Action { get; init; }

    public bool? DefenderPresent { get; init; }

    public bool? LegalRepresentativePresent { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { Action = Text(v, Action) };
}

public sealed record InvestigativeActionEnded : CustodyEvent
{
    [JsonRequired]
    public bool? DefenderPresent { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { DefenderPresent = Required(v, DefenderPresent) };
}

/// <summary>A transfer to another facility, which it must name.</summary>
public sealed record Transferred : CustodyEvent
{
    [JsonRequired]
    public Guid? FacilityId { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { FacilityId = Required(v, FacilityId) };
}

public sealed record CourtDecision : CustodyEvent
{
    [JsonRequired]
    public string? Decision { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { Decision = RequiredText(v, Decision) };
}

public sealed record Released : CustodyEvent
{
    public string? Grounds { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { Grounds = Text(v, Grounds) };
}

/// <summary>A video recording of the custody, sent by a device: its digest, when it ran, and which device made it.</summary>
public sealed record VideoRecorded : CustodyEvent
{
    [JsonRequired]
    public string? Sha256 { get; init; }

    [JsonRequired]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonRequired]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonRequired]
    public string? DeviceId { get; init; }

    protected override CustodyEvent CheckFields(Validation v)
    {
        var digest = Sha256?.ToLowerInvariant();
        if (digest is null)
        {
            v.Add(Field(nameof(Sha256)), "is required");
        }
        else if (digest.Length != 64 || !digest.All(char.IsAsciiHexDigit))
        {
            v.Add(Field(nameof(Sha256)), "must be 64 hexadecimal digits");
        }

        var started = Required(v, StartedAt).ToUniversalTime();
        var ended = Required(v, EndedAt).ToUniversalTime();
        if (StartedAt is not null && EndedAt is not null && started > ended)
        {
            v.Add(Field(nameof(EndedAt)), "is before startedAt");
        }

        return this with { Sha256 = digest, StartedAt = started, EndedAt = ended, DeviceId = RequiredText(v, DeviceId) };
    }
}

public sealed record IllTreatmentComplaint : CustodyEvent
{
    public string? By { get; init; }

    protected override CustodyEvent CheckFields(Validation v) => this with { By = Text(v, By) };
}
