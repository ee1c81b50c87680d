using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Web;

/// <summary>Remembers the chosen interface language in the culture cookie and goes back.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Safe(returnUrl));

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is not null && WebModule.Cultures.Contains(culture, StringComparer.Ordinal))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return LocalRedirect(Safe(StripCultureQuery(returnUrl)));
    }

    private string Safe(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";

    /// <summary>A <c>?culture=</c> in the address would override the cookie just set.</summary>
    private static string? StripCultureQuery(string? url)
    {
        if (url is null || !url.Contains('?', StringComparison.Ordinal))
        {
            return url;
        }

        var parts = url.Split('?', 2);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parts[1]);
        var kept = query.Where(q => !q.Key.Equals("culture", StringComparison.OrdinalIgnoreCase) && !q.Key.Equals("ui-culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(parts[0], kept);
    }
}
