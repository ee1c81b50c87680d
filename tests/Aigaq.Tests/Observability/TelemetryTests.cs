using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Detentions;
using Aigaq.Observability;
using Aigaq.Tests.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aigaq.Tests.Observability;

/// <summary>A host of its own, with mail and SMS delivering, for the telemetry tests.</summary>
public sealed class TelemetryHost : MailHost;

/// <summary>
/// Observability (issue 19, item 6): write commands, deliveries, log integration and scanner passes are counted on the
/// "Aigaq" meter and traced on the "Aigaq" activity source, with nothing personal in a tag; an OTLP endpoint receives
/// both; and /health/backlog turns 503 while the log integrator or the outbox falls behind.
/// </summary>
public sealed class TelemetryTests(TelemetryHost fixture) : IClassFixture<TelemetryHost>
{
    private const string Relative = "Айгуль Ахметова";
    private const string Mail = "aigul.telemetry@example.kz";

    [Fact]
    public async Task Commands_deliveries_log_steps_and_scans_are_measured_and_traced_with_nothing_personal()
    {
        var host = fixture.Host;
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == AigaqTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, value, tags, _) => measured.Enqueue((i.Name, value, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((i, _, tags, _) => measured.Enqueue((i.Name, 1, Tags(tags))));
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AigaqTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, host.Now.AddMinutes(-20),
            contacts: new JsonArray(Requests.Contact("relative", Relative, phone: "+77011234599", email: Mail)));
        var key = Guid.NewGuid().ToString("N");
        await (await officer.Client.PostJsonAsync("/api/v1/detentions", body, key)).ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync("/api/v1/detentions", body, key)).ExpectAsync(HttpStatusCode.Created);
        await host.Dispatcher.RunOnceAsync(CancellationToken.None);
        var integrator = host.Services.GetServices<IHostedService>().OfType<LedgerIntegrator>().Single();
        while (await integrator.StepAsync(CancellationToken.None))
        {
        }

        await host.Services.GetServices<IHostedService>().OfType<ClockScanner>().Single().RunPassAsync(CancellationToken.None);

        long Sum(string instrument, params (string Key, string Value)[] tags) => measured
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value))
            .Sum(m => m.Value);
        Assert.Equal(1, Sum("aigaq.commands", ("operation", "detentions.register"), ("outcome", "stored")));
        Assert.Equal(1, Sum("aigaq.commands", ("operation", "detentions.register"), ("outcome", "replayed")));
        Assert.True(Sum("aigaq.notifications.attempts", ("channel", "Email"), ("outcome", "sent")) >= 1, "the relative's e-mail was attempted");
        Assert.Single(fixture.Smtp.To(Mail));
        Assert.True(Sum("aigaq.log.integrated") >= 2, "the registration's entries were integrated");
        Assert.Equal(1, Sum("aigaq.scanner.passes", ("scanner", "clocks"), ("outcome", "ok")));
        Assert.Equal(1, Sum("aigaq.scanner.duration", ("scanner", "clocks")));

        var names = spans.Select(s => s.DisplayName).ToHashSet();
        Assert.Contains("command detentions.register", names);
        Assert.Contains("outbox deliver", names);
        Assert.Contains("log integrate", names);
        Assert.Contains("scan clocks", names);
        Assert.Contains(spans, s => s.DisplayName == "command detentions.register" && (string?)s.GetTagItem("aigaq.outcome") == "replayed");

        // Nothing that names or reaches the person leaves the node in a tag.
        var said = string.Join("\n", spans.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}")
            .Concat(measured.SelectMany(m => m.Tags).Select(t => $"{t.Key}={t.Value}")));
        foreach (var personal in new[] { Relative, Mail, "+77011234599", "Ерлан" })
        {
            Assert.DoesNotContain(personal, said, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_otlp_collector_receives_the_spans_and_the_metrics()
    {
        var traces = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var metrics = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = collector.Build();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            // OTLP/HTTP protobuf: the span and metric names are there as UTF-8 strings.
            var text = Encoding.UTF8.GetString(copy.ToArray());
            if (signal == "traces" && text.Contains("command detentions.register", StringComparison.Ordinal))
            {
                traces.TrySetResult();
            }

            if (signal == "metrics" && text.Contains("aigaq.commands", StringComparison.Ordinal))
            {
                metrics.TrySetResult();
            }

            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Urls.Single();

        await using var store = await TestDatabase.CreateAsync(postgres: false);
        await using var host = store.NewHost(new Dictionary<string, string?>
        {
            ["Aigaq:Telemetry:OtlpEndpoint"] = address,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "30000",
        });
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);

        // Exports are periodic (every 100-200 ms here); each wait ends as soon as both have arrived. A batch whose export
        // failed on a loaded machine is dropped, as OpenTelemetry does: another registration makes another span.
        var both = Task.WhenAll(traces.Task, metrics.Task);
        for (var attempt = 0; attempt < 5 && !both.IsCompleted; attempt++)
        {
            await (await officer.Client.PostJsonAsync("/api/v1/detentions", Requests.Detention(facility.Id, host.Now.AddMinutes(-20), birthDate: $"1990-01-0{attempt + 1}"), Guid.NewGuid().ToString("N")))
                .ExpectAsync(HttpStatusCode.Created);
            await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(20)));
        }

        Assert.True(both.IsCompletedSuccessfully, $"the collector received traces: {traces.Task.IsCompleted}, metrics: {metrics.Task.IsCompleted}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_backlog_probe_fails_while_the_log_integrator_or_the_outbox_falls_behind(bool postgres)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var host = store.NewHost(new Dictionary<string, string?>
        {
            ["Aigaq:Smtp:Host"] = "127.0.0.1",
            ["Aigaq:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aigaq:Smtp:From"] = "aigaq@test.aigaq.kz",
            ["Aigaq:Smtp:Tls"] = "None",
            ["Aigaq:Health:IntegratorMaxLagSeconds"] = "60",
            ["Aigaq:Health:OutboxMaxLagSeconds"] = "300",
        });
        var integrator = host.Services.GetServices<IHostedService>().OfType<LedgerIntegrator>().Single();
        async Task IntegrateAsync()
        {
            while (await integrator.StepAsync(CancellationToken.None))
            {
            }
        }

        async Task<HttpStatusCode> ReadyAsync()
        {
            // Readiness stays the database's: the backlogs are every node's, so they have their own probe.
            Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().GetAsync("/health/ready")).StatusCode);
            return (await host.Anonymous().GetAsync("/health/backlog")).StatusCode;
        }

        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        await IntegrateAsync();
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());

        // A registration whose log entries no checkpoint has taken for over a minute: the integrator is behind.
        await (await officer.Client.PostJsonAsync("/api/v1/detentions", Requests.Detention(facility.Id, host.Now.AddMinutes(-20),
            contacts: new JsonArray(Requests.Contact("relative", Relative, email: Mail))), Guid.NewGuid().ToString("N"))).ExpectAsync(HttpStatusCode.Created);
        host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync());
        // The same backlogs as gauges: the log entry and the relative's e-mail have each waited 61 s.
        var waiting = await GaugesAsync(host);
        Assert.Equal(61, waiting["aigaq.log.lag"]);
        Assert.Equal(61, waiting["aigaq.outbox.lag"]);
        Assert.True(waiting["aigaq.outbox.due"] >= 1, $"{waiting["aigaq.outbox.due"]} due");
        await IntegrateAsync();
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());

        // The relative's e-mail due for five minutes and never attempted: the outbox is behind, until it delivers.
        host.Clock.Advance(TimeSpan.FromSeconds(300));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync());
        Assert.True(await host.Dispatcher.RunOnceAsync(CancellationToken.None) >= 1);
        await IntegrateAsync();
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());
        Assert.Single(smtp.To(Mail));
        var caughtUp = await GaugesAsync(host);
        Assert.Equal((0d, 0d), (caughtUp["aigaq.log.lag"], caughtUp["aigaq.outbox.lag"]));
        Assert.Equal(0, caughtUp["aigaq.outbox.due"]);
    }

    /// <summary>The backlog gauges of one host, measured now and collected as an exporter would.</summary>
    private static async Task<Dictionary<string, double>> GaugesAsync(AigaqHost host)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        _ = host.Services.GetRequiredService<AigaqMetrics>();
        await host.Services.GetRequiredService<BacklogGauges>().MeasureAsync(CancellationToken.None);
        var seen = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name is "aigaq.log.lag" or "aigaq.outbox.due" or "aigaq.outbox.lag")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => seen[i.Name] = value);
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => seen[i.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(3, seen.Count);
        return seen;
    }

    private static Dictionary<string, string> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, string>();
        foreach (var t in tags)
        {
            d[t.Key] = t.Value?.ToString() ?? "";
        }

        return d;
    }
}
