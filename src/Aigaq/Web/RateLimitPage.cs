using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Web;

/// <summary>
/// The 429 answer of the rate limiter to a web form (the receipt check; the lookup page has limits of its own and keeps
/// what was typed): a small page in the reader's language rather
/// than problem+json. The request's culture is already set, since localization runs first.
/// </summary>
internal static class RateLimitPage
{
    public static async Task WriteAsync(HttpContext http, CancellationToken ct)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var h = HtmlEncoder.Default;
        var lang = CultureInfo.CurrentUICulture.Name;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{h.Encode(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{h.Encode(t["Too many lookups"])}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{h.Encode(t["Too many lookups"])}</h1><p role="alert" class="notice error">{h.Encode(t["Too many lookups were made from your address. Please wait a minute and try again."])}</p>
            <p><a href="/lookup">{h.Encode(t["Back to the lookup"])}</a></p></main></body></html>
            """,
            ct);
    }
}
