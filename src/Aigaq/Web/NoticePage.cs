using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Aigaq.Web;

/// <summary>
/// A small page in the reader's language for an answer written outside the pages (the rate limiter's 429, the 503 of a
/// request that got no database connection): a heading, one message and a link back. The culture is taken from the
/// request's features, since an exception handler runs outside request localization; the application's encoder writes
/// Kazakh and Russian as they are (WebModule).
/// </summary>
internal static class NoticePage
{
    public static async Task WriteAsync(HttpContext http, string title, string message, string href, string link, CancellationToken ct)
    {
        if (http.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            CultureInfo.CurrentCulture = culture.Culture;
            CultureInfo.CurrentUICulture = culture.UICulture;
        }

        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var h = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var lang = CultureInfo.CurrentUICulture.Name;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{h.Encode(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{h.Encode(t[title])}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{h.Encode(t[title])}</h1><p role="alert" class="notice error">{h.Encode(t[message])}</p>
            <p><a href="{h.Encode(href)}">{h.Encode(t[link])}</a></p></main></body></html>
            """,
            ct);
    }
}
