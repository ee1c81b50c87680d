using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aigaq.Visits;

/// <summary>
/// The checklist versions: those shipped (embedded from Rules/Checklists) and any in the directory
/// <c>Aigaq:Visits:ChecklistsDir</c>, so that a new version is a file, not a release. Checked when built: a broken
/// document stops start-up with a one-line reason.
/// </summary>
public sealed class VisitChecklists
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly VisitChecklist[] _versions;

    public VisitChecklists(IEnumerable<VisitChecklist> versions)
    {
        _versions = [.. versions.OrderBy(c => c.ValidFrom)];
        var errors = _versions.SelectMany(c => c.Problems().Select(p => $"{c.Name}: {p}")).ToList();
        if (_versions.Length == 0)
        {
            errors.Add("no checklist is given");
        }

        errors.AddRange(_versions.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} is given twice"));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid visit checklists: " + string.Join("; ", errors));
        }
    }

    public IReadOnlyList<VisitChecklist> All => _versions;

    /// <summary>The version in force at an instant (the latest valid from then); before the first, the first.</summary>
    public VisitChecklist At(DateTimeOffset instant) => _versions.LastOrDefault(c => c.ValidFrom <= instant) ?? _versions[0];

    /// <summary>The version a visit was answered under.</summary>
    public VisitChecklist? Version(string id, int version) => Array.Find(_versions, c => c.Id == id && c.Version == version);

    /// <summary>What a visit at <paramref name="at"/> asks at a kind of place; null for a kind the version in force does not know.</summary>
    public KindChecklist? For(string? kind, DateTimeOffset at) => At(at).For(kind);

    public static VisitChecklists Load(string? directory)
    {
        var assembly = typeof(VisitChecklists).Assembly;
        var versions = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Rules.Checklists.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
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

        return new VisitChecklists(versions);
    }

    public static VisitChecklist Parse(Stream json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<VisitChecklist>(json, JsonOptions) ?? throw new InvalidOperationException($"visit checklist {name} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"visit checklist {name} is not valid: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }
}

/// <summary><c>Aigaq:Visits</c>: where further checklist versions are read from, if anywhere.</summary>
public sealed class VisitChecklistOptions
{
    public string? ChecklistsDir { get; set; }
}

/// <summary>The checklists, for the visits area that will ask them (issue 17); built when the services are.</summary>
internal static class VisitChecklistsModule
{
    public static IServiceCollection AddVisitChecklists(this IServiceCollection services, IConfiguration configuration)
    {
        // Built eagerly so that a broken checklist (shipped or in the directory) fails start-up, not a visit.
        var options = configuration.GetSection("Aigaq:Visits").Get<VisitChecklistOptions>() ?? new VisitChecklistOptions();
        services.AddSingleton(VisitChecklists.Load(options.ChecklistsDir));
        return services;
    }
}
