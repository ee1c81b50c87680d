using System.Threading.RateLimiting;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aigaq.Web;

internal static class WebModule
{
    public static readonly string[] Cultures = ["kk", "ru", "en"];

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Keys that protect cookies and antiforgery tokens live with the data, not in a home folder.
        var dataDir = configuration.GetValue("Aigaq:DataDir", "./data")!;
        var protection = services.AddDataProtection().SetApplicationName("aigaq")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDir), "keys")));
        if (configuration.GetSection("Aigaq:DataProtection").Get<DataProtectionKeyOptions>() is { CertificateFile: { Length: > 0 } certificate } keys)
        {
            // The keys are encrypted with the certificate before they are written (ADR 0014).
            protection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, keys.CertificatePassword));
        }
        services.AddOptions<AigaqOptions>().Bind(configuration.GetSection(AigaqOptions.Section))
            .Validate(o => o.Smtp.IsSafe(), "Aigaq:Smtp:Tls=None is allowed only for a relay on this machine (a loopback Aigaq:Smtp:Host).")
            .Validate(o => o.PublicLookup.IsValid(), "Aigaq:PublicLookup limits must be positive.")
            .Validate(o => o.Database.MaxPoolSize > 0 && o.Database.ConnectionTimeoutSeconds > 0, "Aigaq:Database:MaxPoolSize and ConnectionTimeoutSeconds must be positive.")
            .ValidateOnStart();
        services.Configure<JsonOptions>(o =>
        {
            Json.Configure(o.SerializerOptions);
            // Each member once: a repeated one is refused, not silently the last.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Type ??= ctx.ProblemDetails.Status switch
            {
                401 => ProblemTypes.Unauthenticated,
                403 => ProblemTypes.Forbidden,
                404 => ProblemTypes.NotFound,
                429 => ProblemTypes.RateLimited,
                _ => ctx.ProblemDetails.Type,
            };
        });
        services.AddExceptionHandler<ErrorHandling>();
        services.AddScoped<CommandRunner>();
        services.AddSingleton<LocalClock>();
        services.AddOpenApi("v1", OpenApiConventions.Apply);
        services.AddHealthChecks().AddCheck<DatabaseHealth>("database", tags: ["ready"]);
        services.AddLocalization();
        // Kazakh and Russian text is written as is, not as numeric entities: pages stay small on a slow line.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o => o.RootDirectory = "/")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("kk").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        var publicLimit = configuration.GetValue("Aigaq:PublicLookup:PermitPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                if (!ctx.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await RateLimitPage.WriteAsync(ctx.HttpContext, ct);
                    return;
                }

                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Type = ProblemTypes.RateLimited, Title = "Too many lookups; try again in a minute." },
                });
            };
            o.AddPolicy(PublicCustodyLookup.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = publicLimit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // Behind a reverse proxy the client's address is in X-Forwarded-For; it is believed only from the proxies
        // ForwardedHeadersOptions knows (loopback by default), so that the sign-in throttle and the public lookup's limit
        // count clients, not the proxy.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestSizeLimits();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<Access.SecondFactorGate>();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health/backlog", new() { Predicate = c => c.Tags.Contains("backlog") });
        app.MapRazorPages();
        return app;
    }

    private sealed class DatabaseHealth(AigaqDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
    }
}

/// <summary>Marker for the shared UI resources (Web/Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
