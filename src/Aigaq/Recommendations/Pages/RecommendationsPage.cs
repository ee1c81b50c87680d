using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Recommendations;

/// <summary>What the recommendations' pages share: labels of actors and grades, a paragraph's reference.</summary>
internal static class RecommendationsPage
{
    /// <summary>The value a handler answered, or null when it answered a problem.</summary>
    public static T? Value<T>(TypedAnswer answer)
        where T : class => answer.Result is IValueHttpResult<T> ok ? ok.Value : null;

    public static string Actor(IStringLocalizer<SharedResource> t, AssessmentActor actor) => t["FollowUp.Actor." + Json.Name(actor)].Value;

    /// <summary>A grade's label on the scales version it was made under ("2", "Initial steps taken"), else its id.</summary>
    public static string Grade(IStringLocalizer<SharedResource> t, AssessmentScales scales, AssessmentView a) =>
        scales.Version(a.Scales, a.ScalesVersion)?.Scale(a.Scale) is { } scale
            ? AssessmentScales.Label(t, scale, scale.Grade(a.Grade))
            : a.Grade;

    public static string ScaleName(IStringLocalizer<SharedResource> t, AssessmentScales scales, AssessmentView a) =>
        scales.Version(a.Scales, a.ScalesVersion)?.Scale(a.Scale) is { } scale ? AssessmentScales.Label(t, scale) : a.Scale;

    /// <summary>"CAT/C/KAZ/CO/4 ¶ 10 (a)".</summary>
    public static string Reference(string document, int paragraph, string? sub) =>
        string.Create(CultureInfo.InvariantCulture, $"{document} ¶ {paragraph}") + (sub is null ? "" : $" ({sub})");

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>Actors whose latest grades part (<see cref="AssessmentsView.Disagreements"/>).</summary>
    public static bool Disputed(AssessmentsView view, AssessmentActor actor) => view.Disagreements.Any(d => d.Actors.Contains(actor));
}
