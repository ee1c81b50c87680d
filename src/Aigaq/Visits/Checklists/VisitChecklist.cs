using Aigaq.Facilities;

namespace Aigaq.Visits;

/// <summary>A standard or a law an item rests on: <see cref="Id"/> is what an item's reference names.</summary>
public sealed record ChecklistSource(string Id, string Title);

/// <summary>Where in a <see cref="ChecklistSource"/> an item rests: a rule, a principle, an article, a paragraph.</summary>
public sealed record ChecklistRef(string Source, string? At = null);

/// <summary>
/// A kind of place (issue 17, item 6) and the facilities of the register it covers: those of <see cref="FacilityType"/>
/// and, when given, of <see cref="Agency"/> only (a social care home is a facility of type <c>other</c> run by social care).
/// </summary>
public sealed record PlaceKind(string Id, string FacilityType, string? Agency = null);

/// <summary>
/// A question of the checklist: its theme, the kinds of place it is asked at (all when <see cref="Kinds"/> is absent), the
/// answer it takes (<c>yesNo</c>, <c>yesNoNa</c>, <c>number</c>, <c>text</c>, or <c>choice</c> among <see cref="Options"/>),
/// the answer that is a finding (<see cref="Concern"/>, for yes/no items), the evidence expected with the answer
/// (<c>photo</c> or <c>document</c>) and the standards or laws it rests on.
/// </summary>
public sealed record ChecklistItem(
    string Id,
    string Theme,
    string Answer,
    string[]? Kinds = null,
    string[]? Options = null,
    string? Concern = null,
    string? Evidence = null,
    ChecklistRef[]? Refs = null)
{
    public bool AppliesTo(string kind) => Kinds is null || Kinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// Whether an answer (<paramref name="value"/>, as stored) still lacks the evidence the item asks for (<see cref="Evidence"/>),
    /// given the media types of the files attached to the item on the visit: a photograph is an image (JPEG or PNG), a
    /// document any file the evidence path takes (a photographed page is one). An item that asks for none lacks none, nor
    /// does an answer "not applicable". The answer is accepted without it (a place may forbid photographs); the visit page
    /// and the full visit report say what is missing.
    /// </summary>
    public bool LacksEvidence(System.Text.Json.Nodes.JsonNode? value, IEnumerable<string> mediaTypes) =>
        Evidence is { } asked
        && !(value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var answer) && answer == "na")
        && !mediaTypes.Any(t => asked != "photo" || t.StartsWith("image/", StringComparison.Ordinal));
}

/// <summary>A theme of the checklist for one kind of place, with the items asked there, in the document's order.</summary>
public sealed record ChecklistTheme(string Id, ChecklistItem[] Items);

/// <summary>What a visit to one kind of place asks, by the version it was taken from.</summary>
public sealed record KindChecklist(string Id, int Version, string Kind, ChecklistTheme[] Themes);

/// <summary>
/// A version of the monitoring-visit checklist, as data (ADR 0028): the kinds of place, the themes shared by every kind,
/// the items (shared, or of some kinds only) and the sources they rest on. A visit keeps the version (<see cref="Id"/>,
/// <see cref="Version"/>) it was answered under: a new version changes what new visits ask, never what an old one was
/// checked against.
/// </summary>
public sealed partial record VisitChecklist
{
    public static readonly string[] AnswerTypes = ["yesNo", "yesNoNa", "number", "text", "choice"];
    public static readonly string[] EvidenceKinds = ["photo", "document"];

    public required string Id { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ValidFrom { get; init; }
    public string? Note { get; init; }
    public required ChecklistSource[] Sources { get; init; }
    public required PlaceKind[] Kinds { get; init; }
    public required string[] Themes { get; init; }
    public required ChecklistItem[] Items { get; init; }

    public string Name => $"{Id} v{Version}";

    public ChecklistItem? Item(string? id) => Array.Find(Items, i => i.Id == id);

    public PlaceKind? Kind(string? id) => Array.Find(Kinds, k => k.Id == id);

    /// <summary>
    /// The kind of place a facility of the register is: the kind of its type and agency, else the kind of its type for
    /// any agency; null when the checklist has none (a facility of type <c>other</c> that is no social care home).
    /// </summary>
    public string? KindOf(FacilityType type, Agency agency)
    {
        bool Is<T>(string? text, T value)
            where T : struct, Enum => Parse<T>(text) is { } parsed && parsed.Equals(value);

        return (Array.Find(Kinds, k => Is(k.FacilityType, type) && k.Agency is not null && Is(k.Agency, agency))
            ?? Array.Find(Kinds, k => Is(k.FacilityType, type) && k.Agency is null))?.Id;
    }

    /// <summary>The themes in the document's order, each with the items asked at <paramref name="kind"/>; null for a kind the checklist does not know.</summary>
    public KindChecklist? For(string? kind)
    {
        if (Kind(kind) is null)
        {
            return null;
        }

        var themes = Themes
            .Select(t => new ChecklistTheme(t, [.. Items.Where(i => i.Theme == t && i.AppliesTo(kind!))]))
            .Where(t => t.Items.Length > 0);
        return new KindChecklist(Id, Version, kind!, [.. themes]);
    }

    /// <summary>An enum's member named by <paramref name="text"/> in any case; numbers are no name.</summary>
    internal static T? Parse<T>(string? text)
        where T : struct, Enum =>
        text is not null && !text.Any(char.IsAsciiDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;
}
