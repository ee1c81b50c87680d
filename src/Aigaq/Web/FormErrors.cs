using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Aigaq.Web;

/// <summary>
/// Puts the field errors of a handler's validation problem into a page's ModelState, under the
/// form field each JSON path belongs to, with the message in the reader's language.
/// </summary>
public static partial class FormErrors
{
    public static IReadOnlyDictionary<string, string[]> Of(IResult problem) => problem switch
    {
        ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails v } => v.Errors.AsReadOnly(),
        ValidationProblem v => v.ProblemDetails.Errors.AsReadOnly(),
        ProblemHttpResult p => new Dictionary<string, string[]>(StringComparer.Ordinal) { [""] = [p.ProblemDetails.Title ?? "error"] },
        _ => new Dictionary<string, string[]>(StringComparer.Ordinal) { [""] = ["error"] },
    };

    public static void AddTo(
        ModelStateDictionary state, IResult problem, Func<string, string> fieldOf, IStringLocalizer localizer)
    {
        foreach (var (path, messages) in Of(problem))
        {
            foreach (var message in messages)
            {
                state.AddModelError(fieldOf(path), path.Length == 0 && problem is ProblemHttpResult p ? General(localizer, message, p.StatusCode) : Message(localizer, message));
            }
        }
    }

    /// <summary>
    /// A problem that names no field (a 404, a 409): its known title translated; otherwise, outside English, what the
    /// status means in the reader's language, with the handler's English words after it for whoever helps them.
    /// </summary>
    private static string General(IStringLocalizer localizer, string message, int status)
    {
        var text = Message(localizer, message);
        if (text != message || System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en")
        {
            return text;
        }

        var meaning = localizer["Problem.Status." + status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return meaning.ResourceNotFound ? message : $"{meaning.Value} ({message})";
    }

    /// <summary>The errors under a ModelState key as one text, or null when it has none.</summary>
    public static string? TextOf(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    /// <summary>Handler messages are English phrases; known ones are translated, others shown as they are.</summary>
    public static string Message(IStringLocalizer localizer, string message)
    {
        var known = localizer["Error: " + message];
        if (!known.ResourceNotFound)
        {
            return known.Value;
        }

        var limit = MaxLength().Match(message);
        return limit.Success ? Plurals.Count(localizer, "error.atMostCharacters", long.Parse(limit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) : message;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^must be at most ([0-9]+) characters$")]
    private static partial System.Text.RegularExpressions.Regex MaxLength();
}
