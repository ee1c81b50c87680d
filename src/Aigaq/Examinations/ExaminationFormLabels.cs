using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Aigaq.Examinations;

/// <summary>
/// The label of a form's id in the current UI culture: SharedResource's entry (<c>FormSection.</c>, <c>FormField.</c>,
/// <c>ConsentItem.</c>, <c>BodyRegion.</c> + id) where there is one, else the form version's own label
/// (<see cref="ExaminationForm.Labels"/>), else, for a section, its heading, else the id itself. A version added from the
/// forms folder thus prints its new sections, fields and items by name without a release.
/// </summary>
public static class ExaminationFormLabels
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    public static string Section(IStringLocalizer t, ExaminationForm? form, string id) =>
        Of(t, form, "FormSection.", id) ?? form?.Section(id)?.Heading ?? id;

    public static string Field(IStringLocalizer t, ExaminationForm? form, string id) => Of(t, form, "FormField.", id) ?? id;

    public static string ConsentItem(IStringLocalizer t, ExaminationForm? form, string id) => Of(t, form, "ConsentItem.", id) ?? id;

    public static string BodyRegion(IStringLocalizer t, ExaminationForm? form, string id) => Of(t, form, "BodyRegion.", id) ?? id;

    /// <summary>Whether the id reads in every language, from SharedResource or from the form itself.</summary>
    public static bool Has(IStringLocalizer t, ExaminationForm form, string prefix, string id) =>
        !t[prefix + id].ResourceNotFound || form.Labels?.ContainsKey(id) == true;

    private static string? Of(IStringLocalizer t, ExaminationForm? form, string prefix, string id)
    {
        var shared = t[prefix + id];
        if (!shared.ResourceNotFound)
        {
            return shared.Value;
        }

        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return form?.Labels is { } labels && labels.TryGetValue(id, out var byLanguage)
            ? byLanguage.GetValueOrDefault(language) ?? byLanguage.GetValueOrDefault("en")
            : null;
    }
}
