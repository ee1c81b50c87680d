using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aigaq.Web;

namespace Aigaq.Detentions;

/// <summary>
/// An event of the custody timeline, <c>{ "type", "at", ...fields }</c>: <c>type</c> says which, and each type takes its
/// own fields; a correction names the event it corrects and says why.
/// </summary>
// One derived record per type of CONTRACT.md, its discriminator name given here. A field the wire requires is
// [JsonRequired], and nullable in C# so that a page can build the record from a form that left it out; each record
// checks its fields in CheckFields. CustodyEventJson reads a request body into these records and writes what is stored.
// (The summaries of these types and members are the API's: the OpenAPI document shows them.)
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ArrivedAtFacility), EventTypes.ArrivedAtFacility)]
[JsonDerivedType(typeof(ProtocolDrawn), EventTypes.ProtocolDrawn)]
[JsonDerivedType(typeof(RightsExplained), EventTypes.RightsExplained)]
[JsonDerivedType(typeof(DefenderArrived), EventTypes.DefenderArrived)]
[JsonDerivedType(typeof(MedicalExamination), EventTypes.MedicalExamination)]
[JsonDerivedType(typeof(InvestigativeActionStarted), EventTypes.InvestigativeActionStarted)]
[JsonDerivedType(typeof(InvestigativeActionEnded), EventTypes.InvestigativeActionEnded)]
[JsonDerivedType(typeof(Transferred), EventTypes.Transferred)]
[JsonDerivedType(typeof(CourtDecision), EventTypes.CourtDecision)]
[JsonDerivedType(typeof(Released), EventTypes.Released)]
[JsonDerivedType(typeof(VideoRecorded), EventTypes.VideoRecorded)]
[JsonDerivedType(typeof(IllTreatmentComplaint), EventTypes.IllTreatmentComplaint)]
public abstract record CustodyEvent
{
    /// <summary>The longest text any field takes.</summary>
    public const int MaxText = 2000;

    // The common members come first on the wire and in the stored fields (the note leads them, as it always has).
    [JsonPropertyOrder(-1)]
    public required DateTimeOffset At { get; init; }

    /// <summary>The event of the same detention that this one corrects; a correction says why in <c>reason</c>.</summary>
    [JsonPropertyOrder(-1)]
    public Guid? Corrects { get; init; }

    [JsonPropertyOrder(-1)]
    public string? Reason { get; init; }

    [JsonPropertyOrder(-1)]
    public string? Note { get; init; }

    // The type's name (one of EventTypes), as the discriminator attributes above give it; not a member of its own on the
    // wire, where the discriminator is (a summary here would describe the discriminator in the OpenAPI document).
    [JsonIgnore]
    public string Type => CustodyEventJson.NameOf(GetType());

    /// <summary>
    /// The event checked field by field, as it is stored: text trimmed (blank text is absent) and at most
    /// <see cref="MaxText"/> characters, instants in UTC. Each error names the field as the API spells it.
    /// </summary>
    public CustodyEvent Checked(Validation v)
    {
        var reason = Text(v, Reason);
        if (Corrects is not null && reason is null)
        {
            v.Add("reason", "is required when an event corrects another");
        }

        return CheckFields(v) with { Reason = reason, Note = Text(v, Note) };
    }

    /// <summary>This type's own fields, checked; the record with them as they are stored.</summary>
    protected abstract CustodyEvent CheckFields(Validation v);

    // The helpers name the field after the property passed, as the API's camelCase names it, so that a field's
    // error cannot name another field.
    protected static string? Text(Validation v, string? value, [CallerArgumentExpression(nameof(value))] string property = "") =>
        v.Optional(Field(property), value, MaxText);

    protected static string RequiredText(Validation v, string? value, [CallerArgumentExpression(nameof(value))] string property = "") =>
        v.Required(Field(property), value, MaxText);

    protected static T Required<T>(Validation v, T? value, [CallerArgumentExpression(nameof(value))] string property = "")
        where T : struct => v.Required(Field(property), value);

    protected static string Field(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);
}
