using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// One node of the app on a <see cref="TestDatabase"/>, on the system clock with workers off, and the log's steps:
/// the tests drive the integrator, register detentions as an officer and run the audit.
/// </summary>
public sealed class LogNode(TestDatabase database, string node = "node-a", Dictionary<string, string?>? extra = null)
    : AigaqHost(database, new HostOptions { NodeName = node, Settings = extra ?? [], SystemClock = true, Environment = "Development" })
{
    private string? _officerToken;
    private Guid _facility;

    public string Node => node;

    /// <summary>This node's own cache of the tree, as each integrator keeps one.</summary>
    public IntegratorTree Tree { get; } = new();

    public LedgerKeys Keys => Services.GetRequiredService<LedgerKeys>();

    public Task ExecAsync(string sql) => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>One integration step as this node.</summary>
    public Task<IntegrationResult> IntegrateOnceAsync(TimeProvider? clock = null, int maxBatch = LedgerIntegrator.MaxBatch) =>
        WithDbAsync(db => LedgerIntegrator.IntegrateOnceAsync(db, Keys.Signer, node, clock ?? TimeProvider.System, Tree, maxBatch));

    /// <summary>Integrates until every sequenced entry is in a checkpoint.</summary>
    public async Task<long> IntegrateAllAsync(int maxBatch = LedgerIntegrator.MaxBatch)
    {
        while (true)
        {
            var r = await IntegrateOnceAsync(maxBatch: maxBatch);
            Assert.True(r.Leader, $"{node} should lead");
            if (r.Integrated == 0)
            {
                return r.TreeSize;
            }
        }
    }

    /// <summary>The witnesses the node's settings list.</summary>
    public IReadOnlyList<ConfiguredWitness> Witnesses =>
        ConfiguredWitness.From(Services.GetRequiredService<IOptions<AigaqOptions>>().Value.Ledger);

    /// <summary>One round of sending the latest checkpoint to the witnesses, as <paramref name="asNode"/> (default: this node).</summary>
    public async Task<int> DispatchOnceAsync(string? asNode = null, TimeProvider? clock = null)
    {
        using var toWitness = new HttpClient();
        var witnesses = Witnesses;
        return await WithDbAsync(db => WitnessDispatcher.DispatchOnceAsync(
            db, toWitness, witnesses, asNode ?? node, clock ?? TimeProvider.System, NullLogger.Instance));
    }

    /// <summary>
    /// The witness loops as the served node runs them, until <paramref name="stop"/>, with a client that never times out
    /// (the deadline of each request is the dispatcher's).
    /// </summary>
    public async Task RunWitnessLoopsAsync(TimeSpan deadline, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        await WitnessDispatcher.RunAsync(
            Services.GetRequiredService<IServiceScopeFactory>(), http, Witnesses, node, TimeProvider.System, deadline, NullLogger.Instance, stop);
    }

    /// <summary>A facility (as Administrator, through the API) and an officer's bearer token.</summary>
    public async Task<HttpClient> OfficerAsync()
    {
        if (_officerToken is null)
        {
            var admin = await UserAsync(Roles.Administrator, region: null, language: "en");
            var res = await admin.Client.PostAsJsonAsync("/api/v1/facilities", new
            {
                name = "ИВС УП г. Алматы " + Guid.NewGuid().ToString("N")[..8],
                type = "policeHoldingCell",
                region = "KZ-75",
                agency = "police",
                address = "Алматы, ул. Абая 1",
                acceptsMinors = false,
            });
            Assert.Equal(HttpStatusCode.Created, res.StatusCode);
            _facility = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            _officerToken = (await UserAsync(Roles.Officer, "KZ-75", language: "ru")).Token;
        }

        var c = CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _officerToken);
        return c;
    }

    public async Task<HttpResponseMessage> PostDetentionAsync(HttpClient officer, int n)
    {
        var detainedAt = DateTimeOffset.UtcNow.AddMinutes(-10 - n);
        return await officer.PostAsJsonAsync("/api/v1/detentions", new
        {
            person = new { lastName = "Исаев" + n, firstName = "Нурлан", birthDate = "1990-04-01", language = "kk" },
            detainedAt,
            place = new { address = "Алматы, пр. Достык " + n },
            region = "KZ-75",
            agency = "police",
            officers = new[] { new { badge = "A" + n, name = "Серик Ахметов" } },
            grounds = new { kind = "suspicion", article = "188" },
            destination = new { facilityId = _facility },
            contacts = Array.Empty<object>(),
        });
    }

    public async Task<Guid> RegisterDetentionAsync(HttpClient officer, int n)
    {
        var res = await PostDetentionAsync(officer, n);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public Task<long> LogIndexAsync(string kind, Guid recordId) => WithDbAsync(db =>
        db.Set<LedgerEntry>().Where(e => e.Kind == kind && e.RecordId == recordId).Select(e => e.Index).SingleAsync());

    public async Task<IReadOnlyList<string>> AuditAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await Aigaq.TransparencyLog.Audit.LedgerAudit.RunAsync(scope.ServiceProvider, Keys.Verifier, TextWriter.Null, CancellationToken.None);
    }
}
