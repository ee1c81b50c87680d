namespace Aigaq.Facilities;

/// <summary>
/// The region select, and the facility select where one is offered, that scope an account, a record or a list:
/// drawn by _ScopeFields.cshtml, so that every page offers the same choices under the same names.
/// </summary>
/// <param name="Region">The region chosen, by its ISO 3166-2:KZ code.</param>
public sealed record ScopeFields(string? Region)
{
    /// <summary>
    /// The bound form the fields post to (Form.Region); null for a filter sent in the query string (region), where
    /// choosing no region means all of them.
    /// </summary>
    public string? Form { get; init; } = "Form";

    /// <summary>Whether a region must be chosen.</summary>
    public bool Required { get; init; }

    /// <summary>The facilities to choose from; null leaves the facility select out.</summary>
    public IReadOnlyList<FacilityView>? Facilities { get; init; }

    public string? FacilityId { get; init; }

    /// <summary>The name a field is sent under.</summary>
    public string NameOf(string field) => Form is { } form ? form + "." + field : char.ToLowerInvariant(field[0]) + field[1..];

    /// <summary>The id of a field's select, which its label and its error are tied to.</summary>
    public string IdOf(string field) => Form is null ? NameOf(field) : field;
}
