namespace Aigaq.Web;

/// <summary>
/// The 503 answer to a browser when the database had no connection for its request (ConnectionBudget): a small page in
/// the reader's language saying that nothing was saved and to try again, instead of problem+json.
/// </summary>
internal static class BusyPage
{
    /// <summary>Whether <paramref name="http"/> comes from a page (a browser asking for HTML), not an API client.</summary>
    public static bool Wanted(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static Task WriteAsync(HttpContext http, CancellationToken ct) => NoticePage.WriteAsync(
        http, "The service is busy",
        "Too many requests are being handled right now, and nothing of yours was saved. Go back and send it again in a moment.", "/", "Home", ct);
}
