using Aigaq.Web;

namespace Aigaq.Recommendations;

/// <summary>Labels a document gives a grade itself, by language (<c>en</c>, <c>kk</c>, <c>ru</c>); they win over SharedResource.</summary>
public sealed record ScaleLabels(string En, string Kk, string Ru)
{
    public string For(string culture) => culture switch
    {
        "kk" => Kk,
        "ru" => Ru,
        _ => En,
    };
}

/// <summary>
/// A step of an <see cref="AssessmentScale"/>. <see cref="Rank"/> orders the steps that say how far a recommendation is
/// implemented (higher is further), so that two actors' grades on one scale can be compared; a step that says no such
/// thing ("n/a", "no reply") has none. <see cref="ReasonRequired"/>: a grade given without a rationale is refused.
/// </summary>
public sealed record ScaleGrade(string Id, int? Rank = null, bool ReasonRequired = false, ScaleLabels? Labels = null);

/// <summary>
/// A scale on which an actor assesses a recommendation's implementation: the coalition's 1-3 with "n/a", the
/// Committee against Torture's follow-up words, the Human Rights Committee's A-E (ADR 0031). <see cref="Provisional"/>:
/// its owner has not yet fixed its labels, and the pages say so.
/// </summary>
public sealed record AssessmentScale(string Id, string Source, ScaleGrade[] Grades, bool Provisional = false, ScaleLabels? Labels = null)
{
    public ScaleGrade? Grade(string? id) => id is null ? null : Array.Find(Grades, g => g.Id == id);
}

/// <summary>What <see cref="AssessmentScales.Validate"/> accepted: the scale, the grade on it, and the version they were taken from.</summary>
public sealed record ScaledGrade(string ScalesId, int Version, AssessmentScale Scale, ScaleGrade Grade);

/// <summary>
/// A version of the assessment scales, as data (ADR 0031): which scales there are and their grades. An assessment keeps
/// the version (<see cref="Id"/>, <see cref="Version"/>) its grade was given on, so a later version never changes what an
/// earlier grade meant.
/// </summary>
public sealed record AssessmentScaleSet
{
    /// <summary>The longest id of a scale or a grade: ids are label keys and stored with each assessment.</summary>
    public const int MaxId = 40;

    public required string Id { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ValidFrom { get; init; }
    public string? Note { get; init; }
    public required AssessmentScale[] Scales { get; init; }

    public string Name => $"{Id} v{Version}";

    public AssessmentScale? Scale(string? id) => id is null ? null : Array.Find(Scales, s => s.Id == id);

    /// <summary>What is wrong with the document, one short reason each; none when it is sound.</summary>
    public IEnumerable<string> Problems()
    {
        if (Version < 1)
        {
            yield return "version must be 1 or more";
        }

        if (Scales.Length == 0)
        {
            yield return "no scale is given";
        }

        foreach (var id in Scales.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"scale {id} is given twice";
        }

        foreach (var scale in Scales)
        {
            if (!IsId(scale.Id))
            {
                yield return $"scale id '{scale.Id}' must be letters, digits or '-' (at most {MaxId})";
            }

            if (scale.Grades.Length < 2)
            {
                yield return $"scale {scale.Id} has fewer than two grades";
            }

            foreach (var id in scale.Grades.GroupBy(g => g.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                yield return $"scale {scale.Id} gives grade {id} twice";
            }

            foreach (var grade in scale.Grades.Where(g => !IsId(g.Id)))
            {
                yield return $"scale {scale.Id} has a grade id '{grade.Id}' that is not letters, digits or '-' (at most {MaxId})";
            }

            foreach (var rank in scale.Grades.Where(g => g.Rank is not null).GroupBy(g => g.Rank).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                yield return $"scale {scale.Id} gives rank {rank} to more than one grade";
            }
        }
    }

    private static bool IsId(string id) =>
        id.Length is > 0 and <= MaxId && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

public sealed partial class AssessmentScales
{
    /// <summary>
    /// Checks a grade as an assessment gives it, on the scales in force at <paramref name="at"/>: the scale and grade, or
    /// null with an error added to <paramref name="v"/> naming <paramref name="scaleField"/> (a scale not in force),
    /// <paramref name="gradeField"/> (a grade not on that scale) or <paramref name="rationaleField"/> (a grade such as
    /// "n/a" that needs a reason, given none).
    /// </summary>
    public ScaledGrade? Validate(
        Validation v, string? scale, string? grade, string? rationale, DateTimeOffset at,
        string scaleField = "scale", string gradeField = "grade", string rationaleField = "rationale")
    {
        var set = At(at);
        if (string.IsNullOrWhiteSpace(scale))
        {
            v.Add(scaleField, "is required");
            return null;
        }

        if (set.Scale(scale) is not { } found)
        {
            v.Add(scaleField, "must be one of " + string.Join(", ", set.Scales.Select(s => s.Id)));
            return null;
        }

        if (string.IsNullOrWhiteSpace(grade))
        {
            v.Add(gradeField, "is required");
            return null;
        }

        if (found.Grade(grade) is not { } step)
        {
            v.Add(gradeField, $"is not on scale {found.Id}: one of " + string.Join(", ", found.Grades.Select(g => g.Id)));
            return null;
        }

        if (step.ReasonRequired && string.IsNullOrWhiteSpace(rationale))
        {
            v.Add(rationaleField, $"is required for grade {step.Id} of scale {found.Id}");
            return null;
        }

        return new ScaledGrade(set.Id, set.Version, found, step);
    }
}
