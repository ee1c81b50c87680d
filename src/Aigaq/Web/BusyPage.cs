using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Aigaq.Web;

/// <summary>
/// The 503 answer to a browser when the database had no connection for its request (ConnectionBudget): a small page in
/// the reader's language saying that nothing was saved and to try again, instead of problem+json. The exception handler
/// runs outside request localization, so the culture that middleware chose is taken from the request's features.
/// </summary>
internal static class BusyPage
{
    /// <summary>Whether <paramref name="http"/> comes from a page (a browser asking for HTML), not an API client.</summary>
    public static bool Wanted(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static async Task WriteAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            CultureInfo.CurrentCulture = culture.Culture;
            CultureInfo.CurrentUICulture = culture.UICulture;
        }

        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        // The application's encoder, which writes Kazakh and Russian as they are (WebModule).
        var h = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var lang = CultureInfo.CurrentUICulture.Name;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{h.Encode(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{h.Encode(t["The service is busy"])}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{h.Encode(t["The service is busy"])}</h1><p role="alert" class="notice error">{h.Encode(t["Too many requests are being handled right now, and nothing of yours was saved. Go back and send it again in a moment."])}</p>
            <p><a href="/">{h.Encode(t["Home"])}</a></p></main></body></html>
            """,
            ct);
    }
}
