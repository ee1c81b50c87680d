using System.Globalization;
using Aigaq.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

/// <summary>What the protection pages share: reading a form's text into a handler's request, and a handler's answer into a page.</summary>
internal static class ProtectionForms
{
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An enum value by its name, or null (the handler then names the field as required).</summary>
    public static T? Enum<T>(string? name)
        where T : struct, System.Enum => System.Enum.TryParse<T>(name, ignoreCase: false, out var value) && System.Enum.IsDefined(value) ? value : null;

    /// <summary>A date typed as yyyy-MM-dd, or null; anything else is an error on <paramref name="key"/>.</summary>
    public static DateOnly? Day(ModelStateDictionary state, string key, string? text, IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        state.AddModelError(key, t["Enter the date as YYYY-MM-DD."]);
        return null;
    }

    /// <summary>A local date and time typed in a datetime-local field, or null; a required one missing or anything unreadable is an error.</summary>
    public static DateTimeOffset? Instant(ModelStateDictionary state, string key, string? text, bool required, LocalClock clock, IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                state.AddModelError(key, t["Error: is required"]);
            }

            return null;
        }

        var parsed = clock.ParseInput(text);
        if (parsed is null)
        {
            state.AddModelError(key, t["Enter a date and time."]);
        }

        return parsed;
    }

    /// <summary>A record's id pasted into a link field, or null; anything else is an error on <paramref name="key"/>.</summary>
    public static Guid? Id(ModelStateDictionary state, string key, string? text, IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            return id;
        }

        state.AddModelError(key, t["Paste the record's identifier from its address."]);
        return null;
    }

    /// <summary>The value a handler answered (<see cref="TypedAnswer.Result"/>), or null when it answered a problem.</summary>
    public static T? Value<T>(TypedAnswer answer)
        where T : class => answer.Result is IValueHttpResult<T> ok ? ok.Value : null;

    /// <summary>The status of a problem a handler answered (404, 409 ...), or 200 when it answered a value.</summary>
    public static int Status(TypedAnswer answer) => answer.Result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;

    /// <summary>A page's answer to a record the user may not read or that is not there: the same 404 either way.</summary>
    public static IActionResult NotFound(PageModel page) => page.NotFound();

    /// <summary>A problem's field errors into ModelState under "<paramref name="prefix"/>Field", a general one under <paramref name="general"/>.</summary>
    public static void Errors(PageModel page, IResult problem, string prefix, string general, IStringLocalizer t, IReadOnlyDictionary<string, string>? fields = null) =>
        FormErrors.AddTo(page.ModelState, problem, p => p.Length == 0 ? general : prefix + (fields is not null && fields.TryGetValue(p, out var f) ? f : Capitalize(p)), t);

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A problem+json of a typed result as an <see cref="IResult"/> (the identity's problems are answered through the page).</summary>
    public static bool IsProblem(IResult result) => result is ProblemHttpResult or ValidationProblem;
}
