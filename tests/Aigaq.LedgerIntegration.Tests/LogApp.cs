using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>Where a test app keeps its data: a SQLite file in a temp DataDir, or a fresh PostgreSQL database.</summary>
public sealed class LogStore : IAsyncDisposable
{
    private LogStore(bool postgres, string dataDir, string? connection, string? database)
    {
        Postgres = postgres;
        DataDir = dataDir;
        Connection = connection;
        Database = database;
    }

    public bool Postgres { get; }
    public string DataDir { get; }
    public string? Connection { get; }
    private string? Database { get; }

    public static string AdminConnection =>
        Environment.GetEnvironmentVariable("AIGAQ_TEST_PG") ?? "Host=127.0.0.1;Username=aigaq;Password=aigaq";

    private static string Admin() => new NpgsqlConnectionStringBuilder(AdminConnection) { Database = "postgres" }.ToString();

    public static async Task<LogStore> CreateAsync(bool postgres)
    {
        var dir = Path.Combine(Path.GetTempPath(), "aigaq-log-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (!postgres)
        {
            return new LogStore(false, dir, null, null);
        }

        var name = "aigaq_logtest_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(Admin()))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(AdminConnection) { Database = name }.ToString();
        return new LogStore(true, dir, cs, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Admin());
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One app instance (node) on a <see cref="LogStore"/>, with workers off so tests drive the integrator.</summary>
public sealed class LogApp : WebApplicationFactory<Program>
{
    private readonly LogStore _store;
    private readonly string _node;
    private readonly Dictionary<string, string?> _extra;

    public LogApp(LogStore store, string node = "node-a", Dictionary<string, string?>? extra = null)
    {
        _store = store;
        _node = node;
        _extra = extra ?? [];
    }

    public IntegratorTree Tree { get; } = new();
    public string Node => _node;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Aigaq:DataDir", _store.DataDir);
        builder.UseSetting("Aigaq:Workers", "false");
        builder.UseSetting("Aigaq:NodeName", _node);
        if (_store.Postgres)
        {
            builder.UseSetting("Aigaq:Database:Provider", "Postgres");
            builder.UseSetting("Aigaq:Database:AutoMigrate", "true");
            builder.UseSetting("ConnectionStrings:Aigaq", _store.Connection);
        }

        foreach (var (k, v) in _extra)
        {
            builder.UseSetting(k, v);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AigaqDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AigaqDb>());
    }

    public Task ExecAsync(string sql) => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    public LedgerKeys Keys => Services.GetRequiredService<LedgerKeys>();

    /// <summary>One integration step as this node.</summary>
    public Task<IntegrationResult> IntegrateOnceAsync(TimeProvider? clock = null, int maxBatch = LedgerIntegrator.MaxBatch) =>
        WithDbAsync(db => LedgerIntegrator.IntegrateOnceAsync(db, Keys.Signer, _node, clock ?? TimeProvider.System, Tree, maxBatch));

    /// <summary>Integrates until every sequenced entry is in a checkpoint.</summary>
    public async Task<long> IntegrateAllAsync(int maxBatch = LedgerIntegrator.MaxBatch)
    {
        while (true)
        {
            var r = await IntegrateOnceAsync(maxBatch: maxBatch);
            Assert.True(r.Leader, $"{_node} should lead");
            if (r.Integrated == 0)
            {
                return r.TreeSize;
            }
        }
    }

    private string? _officerToken;
    private Guid _facility;

    /// <summary>A facility (as Administrator, through the API) and an officer's bearer token.</summary>
    public async Task<HttpClient> OfficerAsync()
    {
        if (_officerToken is null)
        {
            await using var scope = Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var admin = await UserAccounts.CreateAsync(sp, $"admin-{suffix}@example.kz", Roles.Administrator, null, null, "admin-password-1", "Admin", "en");
            var adminToken = await sp.GetRequiredService<ApiTokens>().IssueAsync(admin.Id, TimeSpan.FromDays(1), CancellationToken.None);
            using var ac = CreateClient();
            ac.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            var res = await ac.PostAsJsonAsync("/api/v1/facilities", new
            {
                name = "ИВС УП г. Алматы " + suffix,
                type = "policeHoldingCell",
                region = "KZ-75",
                agency = "police",
                address = "Алматы, ул. Абая 1",
                acceptsMinors = false,
            });
            Assert.Equal(HttpStatusCode.Created, res.StatusCode);
            _facility = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var officer = await UserAccounts.CreateAsync(sp, $"officer-{suffix}@example.kz", Roles.Officer, "KZ-75", null, "officer-password-1", "Officer", "ru");
            _officerToken = await sp.GetRequiredService<ApiTokens>().IssueAsync(officer.Id, TimeSpan.FromDays(1), CancellationToken.None);
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
