using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aigaq.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Recommendations;

/// <summary>
/// The assessment-scale versions: those shipped (embedded from Rules/Scales) and any in the directory
/// <c>Aigaq:Recommendations:ScalesDir</c>, so that a coalition's own labels or a new scale is a file, not a release.
/// Checked when built: a broken document stops start-up with a one-line reason.
/// </summary>
public sealed partial class AssessmentScales
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly AssessmentScaleSet[] _versions;

    public AssessmentScales(IEnumerable<AssessmentScaleSet> versions)
    {
        _versions = [.. versions.OrderBy(s => s.ValidFrom)];
        var errors = _versions.SelectMany(s => s.Problems().Select(p => $"{s.Name}: {p}")).ToList();
        if (_versions.Length == 0)
        {
            errors.Add("no scale set is given");
        }

        errors.AddRange(_versions.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} is given twice"));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid assessment scales: " + string.Join("; ", errors));
        }
    }

    public IReadOnlyList<AssessmentScaleSet> All => _versions;

    /// <summary>The version in force at an instant (the latest valid from then); before the first, the first.</summary>
    public AssessmentScaleSet At(DateTimeOffset instant) => _versions.LastOrDefault(s => s.ValidFrom <= instant) ?? _versions[0];

    /// <summary>The version a stored assessment was graded on.</summary>
    public AssessmentScaleSet? Version(string id, int version) => Array.Find(_versions, s => s.Id == id && s.Version == version);

    /// <summary>
    /// A scale's or grade's label in the current UI culture: the document's own when it gives one (a coalition's labels
    /// in a file of the folder), else SharedResource's <c>Scale.&lt;scale&gt;</c> or <c>Scale.&lt;scale&gt;.&lt;grade&gt;</c>,
    /// else the id.
    /// </summary>
    public static string Label(IStringLocalizer<SharedResource> t, AssessmentScale scale, ScaleGrade? grade = null)
    {
        var own = grade is null ? scale.Labels : grade.Labels;
        if (own is not null)
        {
            return own.For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        }

        var key = grade is null ? $"Scale.{scale.Id}" : $"Scale.{scale.Id}.{grade.Id}";
        var found = t[key];
        return found.ResourceNotFound ? grade?.Id ?? scale.Id : found.Value;
    }

    public static AssessmentScales Load(string? directory)
    {
        var assembly = typeof(AssessmentScales).Assembly;
        var versions = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Rules.Scales.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Parse(stream, n);
            })
            .ToList();
        if (directory is { Length: > 0 } && Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                versions.Add(Parse(stream, Path.GetFileName(file)));
            }
        }

        return new AssessmentScales(versions);
    }

    public static AssessmentScaleSet Parse(Stream json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<AssessmentScaleSet>(json, JsonOptions) ?? throw new InvalidOperationException($"assessment scales {name} are empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"assessment scales {name} are not valid: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }
}

/// <summary><c>Aigaq:Recommendations</c>: where further scale versions are read from, if anywhere.</summary>
public sealed class AssessmentScaleOptions
{
    public string? ScalesDir { get; set; }
}
