namespace Aigaq.Web;

/// <summary>
/// The 429 answer of the rate limiter to a web form (the receipt check; the lookup page has limits of its own and keeps
/// what was typed): a small page in the reader's language rather than problem+json.
/// </summary>
internal static class RateLimitPage
{
    public static Task WriteAsync(HttpContext http, CancellationToken ct) => NoticePage.WriteAsync(
        http, "Too many lookups", "Too many lookups were made from your address. Please wait a minute and try again.", "/lookup", "Back to the lookup", ct);
}
