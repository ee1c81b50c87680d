using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Recommendations;

/// <summary>
/// Every problem the recommendation page's forms can be answered with (assess, correct, add a measure, change its status),
/// as the API words it, with its wording in the reader's language: recommendations.js shows the translation beside the
/// field the problem names. The field errors and the 409 conflicts that name a field; a conflict that names none is
/// shown by its status. A recommendation's id in a message stands as <c>{id}</c>.
/// </summary>
internal static class RecommendationErrors
{
    /// <summary>The messages whose wording does not depend on the request (their translations are "Error: " resources).</summary>
    public static readonly IReadOnlyList<string> Fixed =
    [
        "is required",
        "is in the future",
        "is before the recommendation was adopted",
        "is before the measure's latest status",
        "names an institution twice",
        "names the lead institution",
        "names an item twice",
        "may hold letters, digits and '-' only, such as custody-safeguards",
        "names a recommendation twice",
        CorrectRecommendation.NotFollowedUp,
        CorrectRecommendation.BeforeAdoption,
        CorrectRecommendation.NamesItself,
        CorrectRecommendation.NothingChanged,
        "{id} is not a registered recommendation",
    ];

    /// <summary>The page's forms' text limits: "must be at most N characters" for each (the lists' from the rule pack).</summary>
    private static readonly int[] Limits =
    [
        AddMeasure.MaxTitle, AddMeasure.MaxNote, AssessRecommendation.MaxRationale, RegisterRecommendation.MaxSummary, CorrectRecommendation.MaxReason,
    ];

    /// <summary>Each message the page may be answered with, and its wording in the reader's language.</summary>
    public static Dictionary<string, string> Messages(IStringLocalizer<SharedResource> t, AssessmentScaleSet scales, Rules.RecommendationListRules lists)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in Fixed)
        {
            map[message] = FormErrors.Message(t, message);
        }

        foreach (var limit in Limits.Concat([lists.MaxNameLength, lists.MaxTagLength]).Distinct())
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"must be at most {limit} characters");
            map[message] = FormErrors.Message(t, message);
        }

        map[string.Create(CultureInfo.InvariantCulture, $"has more than {lists.MaxEntries} items")] = Plurals.Count(t, "error.moreThanItems", lists.MaxEntries);

        map[string.Create(CultureInfo.InvariantCulture, $"has more than {RegisterRecommendation.MaxRelated} recommendations")] =
            Plurals.Count(t, "error.moreThanRecommendations", RegisterRecommendation.MaxRelated);

        // 409 naming status: the measure has that status already (ChangeMeasureStatus).
        foreach (var status in Enum.GetValues<MeasureStatus>())
        {
            var name = Json.Name(status);
            map[$"The measure is already {name}."] = t["Error.MeasureAlready", t["MeasureStatus." + name].Value].Value;
        }

        // A scale no longer in force, a grade not on its scale (a page opened before the scales changed), a grade that
        // needs its reasoning (AssessmentScales.Validate).
        map["must be one of " + string.Join(", ", scales.Scales.Select(s => s.Id))] = t["Error.ScaleNotInForce"].Value;
        foreach (var scale in scales.Scales)
        {
            map[$"is not on scale {scale.Id}: one of " + string.Join(", ", scale.Grades.Select(g => g.Id))] = t["Error.GradeNotOnScale", AssessmentScales.Label(t, scale)].Value;
            foreach (var grade in scale.Grades.Where(g => g.ReasonRequired))
            {
                map[$"is required for grade {grade.Id} of scale {scale.Id}"] = t["Error.RationaleForGrade", AssessmentScales.Label(t, scale, grade)].Value;
            }
        }

        return map;
    }
}
