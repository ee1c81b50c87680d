using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>A field of a form's section: its id and its type (text, longText, bool, date).</summary>
public sealed record FormField(string Id, string Type);

public sealed record FormSection(string Id, string Heading, FormField[] Fields);

/// <summary>
/// A consent item: <c>consent</c> (the person authorises, or refuses with a reason) or <c>fact</c> (a proxy signed for a
/// minor); <see cref="Roles"/> are the roles that a share item opens the medical record to. <see cref="Optional"/>: a
/// consent item that may be left out (it is then a no), so that a form's new item does not refuse every client that
/// states the old ones; <see cref="IntimateRoles"/>: the roles it shows intimate photographs to (ReadExaminationPhoto).
/// </summary>
public sealed record ConsentItem(string Id, string Kind, string[]? Roles = null, bool Optional = false, string[]? IntimateRoles = null);

/// <summary>
/// A version of the national examination form (issue 16, item 8), as data: the Istanbul Protocol's annex IV sections and
/// their fields, the consent items, the five levels of consistency, and the body diagram's regions per view. An
/// examination keeps the version it was requested under (<see cref="Examination.FormId"/>): a new version changes what
/// new examinations record, never what an old one was checked against.
/// </summary>
public sealed record ExaminationForm
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset EffectiveFrom { get; init; }
    public string? Source { get; init; }
    public required FormSection[] Sections { get; init; }
    public required ConsentItem[] Consent { get; init; }
    public required string[] Consistency { get; init; }

    /// <summary>
    /// The level below which no finding supports the allegation: when every finding is below it (or there is none), the
    /// sealed opinion carries the statement that absence of findings does not prove absence of torture (IP 2022, para 388).
    /// </summary>
    public required string AbsenceStatementBelow { get; init; }
    public required Dictionary<string, string[]> BodyRegions { get; init; }

    /// <summary>
    /// The form's own labels, per id (a section's, a field's, a consent item's, a region's), in kk, ru and en: used where
    /// SharedResource has none, so that a version added as a file names what it adds without a release
    /// (<see cref="ExaminationFormLabels"/>).
    /// </summary>
    public Dictionary<string, Dictionary<string, string>>? Labels { get; init; }

    public FormSection? Section(string? id) => Array.Find(Sections, s => s.Id == id);

    public ConsentItem? ConsentItemOf(string id) => Array.Find(Consent, c => c.Id == id);

    /// <summary>The rank of a level (0 = not consistent), or -1 for a level the form does not know.</summary>
    public int Rank(string? level) => level is null ? -1 : Array.IndexOf(Consistency, level);

    public IEnumerable<string> Problems()
    {
        if (Sections.Length == 0 || Sections.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != Sections.Length)
        {
            yield return "sections must be named, each once";
        }

        foreach (var field in Sections.SelectMany(s => s.Fields).Where(f => f.Type is not ("text" or "longText" or "bool" or "date")))
        {
            yield return $"field {field.Id} has an unknown type {field.Type}";
        }

        if (ConsentItemOf("examination") is not { Kind: "consent" } || Consent.Any(c => c.Kind is not ("consent" or "fact")))
        {
            yield return "consent must hold the examination item, and each item is a consent or a fact";
        }

        if (Consistency.Length == 0 || Rank(AbsenceStatementBelow) < 0)
        {
            yield return "consistency must list the levels, and absenceStatementBelow must be one of them";
        }

        if (BodyRegions.Count == 0 || BodyRegions.Values.Any(r => r.Length == 0))
        {
            yield return "bodyRegions must give the regions of every view";
        }

        foreach (var label in (Labels ?? []).Where(l => ExaminationFormLabels.Languages.Any(lang => string.IsNullOrWhiteSpace(l.Value.GetValueOrDefault(lang)))))
        {
            yield return $"label {label.Key} must be given in kk, ru and en";
        }
    }
}

/// <summary>
/// The form versions: those shipped (embedded from Rules/Forms) and any in the directory <c>Aigaq:Examinations:FormsDir</c>,
/// so that a new version is a file, not a release. Checked when built: a broken form stops start-up.
/// </summary>
public sealed class ExaminationForms
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly ExaminationForm[] _forms;

    public ExaminationForms(IEnumerable<ExaminationForm> forms)
    {
        _forms = [.. forms.OrderBy(f => f.EffectiveFrom)];
        var errors = _forms.SelectMany(f => f.Problems().Select(p => $"{f.Id}: {p}")).ToList();
        if (_forms.Length == 0 || _forms.DistinctBy(f => f.Id).Count() != _forms.Length)
        {
            errors.Add("at least one form, each id once");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid examination forms: " + string.Join("; ", errors));
        }
    }

    public IReadOnlyList<ExaminationForm> All => _forms;

    /// <summary>The version in force at an instant; before the first, the first.</summary>
    public ExaminationForm At(DateTimeOffset instant) => _forms.LastOrDefault(f => f.EffectiveFrom <= instant) ?? _forms[0];

    public ExaminationForm? ById(string id) => Array.Find(_forms, f => f.Id == id);

    public static ExaminationForms Load(IOptions<ExaminationFormOptions> options)
    {
        var assembly = typeof(ExaminationForms).Assembly;
        var forms = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Rules.Forms.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Parse(stream, n);
            })
            .ToList();
        if (options.Value.FormsDir is { Length: > 0 } dir && Directory.Exists(dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                forms.Add(Parse(stream, Path.GetFileName(file)));
            }
        }

        return new ExaminationForms(forms);
    }

    public static ExaminationForm Parse(Stream json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<ExaminationForm>(json, JsonOptions) ?? throw new InvalidOperationException($"form {name} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"examination form {name} is not valid: {ex.Message}", ex);
        }
    }
}

/// <summary><c>Aigaq:Examinations</c>: where further form versions are read from, if anywhere.</summary>
public sealed class ExaminationFormOptions
{
    public string? FormsDir { get; set; }
}
