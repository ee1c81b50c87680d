namespace Aigaq.Web;

/// <summary>
/// The headers every answer carries (issue 13, item 7): a content security policy with no inline script or style and no
/// framing, no MIME sniffing, no referrer (a detention's address names it), and no camera or microphone. Pages hold no
/// inline script, style or event handler, so the policy needs no exception; a test loads every kind of page under it.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
                return Task.CompletedTask;
            });
            return next(context);
        });

        // HSTS on HTTPS only, and not in development (a developer's localhost would be pinned to HTTPS).
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
