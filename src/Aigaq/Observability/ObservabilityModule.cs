using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aigaq.Observability;

/// <summary>
/// Metrics, traces and the backlog health check (issue 19, item 6; ADR 0029). The instruments always exist and cost
/// nothing unheard; OpenTelemetry's SDK and its OTLP exporter start only when an endpoint is configured
/// (<c>Aigaq:Telemetry:OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), with OpenTelemetry's own
/// settings (<c>OTEL_*</c>, such as export intervals) read from configuration as usual.
/// </summary>
internal static class ObservabilityModule
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<AigaqMetrics>();
        services.AddSingleton<BacklogGauges>();
        services.Configure<HealthOptions>(configuration.GetSection("Aigaq:Health"));
        services.AddHealthChecks().AddCheck<BacklogHealth>("backlog", tags: ["backlog"]);

        var endpoint = configuration["Aigaq:Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var url))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aigaq", serviceInstanceId: new AigaqOptions { NodeName = configuration["Aigaq:NodeName"] }.ResolveNodeName()))
            .WithTracing(t => t
                .AddSource(AigaqTelemetry.Name)
                // Npgsql's spans name the statement, never its parameters' values.
                .AddSource("Npgsql")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                    // The public lookup and the forms put names in query strings: no query leaves the node.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                }))
            .WithMetrics(m => m
                .AddMeter(AigaqTelemetry.Name)
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter(Protocol(configuration), url);
        return services;
    }

    /// <summary><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c>, else HTTP with protobuf (what collectors accept on 4318).</summary>
    private static OtlpExportProtocol Protocol(IConfiguration configuration) =>
        string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc
            : OtlpExportProtocol.HttpProtobuf;
}
