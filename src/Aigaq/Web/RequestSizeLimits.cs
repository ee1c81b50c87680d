using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Aigaq.Web;

/// <summary>
/// Applies an endpoint's <see cref="IRequestSizeLimitMetadata"/>. Minimal API routing does not act
/// on it by itself (only MVC does), so without this a 100 kB body reached the handler. A declared
/// length over the limit is refused at once; the server's own limit stops a body that lies.
/// </summary>
internal static class RequestSizeLimits
{
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit)
        {
            if (http.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        return next(http);
    });
}

/// <summary>An endpoint's body size limit, applied by <see cref="RequestSizeLimits"/>.</summary>
internal sealed class BodyLimit(long limit) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => limit;
}
