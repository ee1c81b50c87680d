using Aigaq.Access;

namespace Aigaq.Examinations;

/// <summary>
/// <c>GET /examinations/shared/{token}/photos/{photoId}</c> (issue 16, item 9): a shared examination's photograph, through
/// the share's token, with no sign-in, no address kept and no cache (<see cref="ReadSharedPhoto"/>). Registered by
/// <see cref="ExaminationsModule"/>.
/// </summary>
internal static class SharedPhotoEndpoints
{
    public static IServiceCollection AddSharedPhotos(this IServiceCollection services)
    {
        services.AddScoped<ReadSharedPhoto>();
        return services;
    }

    public static IEndpointRouteBuilder MapSharedPhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet(ShareExamination.PathPrefix + "{token}/photos/{photoId:guid}", async (string token, Guid photoId, HttpContext http, ReadSharedPhoto handler, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["X-Robots-Tag"] = "noindex";
                return await handler.HandleAsync(token, photoId, ExaminationReportSource.Language(null)!, ct);
            })
            .AllowAnonymous()
            .WithMetadata(new NoClientAddressAttribute())
            .ExcludeFromDescription();
        return app;
    }
}
