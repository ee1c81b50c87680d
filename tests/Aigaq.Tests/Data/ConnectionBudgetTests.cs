using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aigaq.Tests.Data;

/// <summary>
/// Connections budgeted (issue 19, item 3): each node holds at most Aigaq:Database:MaxPoolSize PostgreSQL connections
/// and waits Aigaq:Database:ConnectionTimeoutSeconds for one; a request that gets none (the pool full, the server at
/// its limit, SQLite busy) is answered 503 with Retry-After and problem+json (a page: the localized busy page), never
/// 500, and nothing of it is written.
/// </summary>
public sealed class ConnectionBudgetTests
{
    private const string Url = "/api/v1/detentions";

    [Fact]
    public void The_pool_size_and_acquire_timeout_apply_unless_the_connection_string_sets_them()
    {
        var options = new DatabaseOptions { MaxPoolSize = 7, ConnectionTimeoutSeconds = 3 };
        var applied = new NpgsqlConnectionStringBuilder(ConnectionBudget.Apply("Host=db;Username=u", options));
        Assert.Equal((7, 3), (applied.MaxPoolSize, applied.Timeout));
        var own = new NpgsqlConnectionStringBuilder(ConnectionBudget.Apply("Host=db;maxpoolsize=50;timeout=9", options));
        Assert.Equal((50, 9), (own.MaxPoolSize, own.Timeout));
        Assert.Equal((30, 5), (new DatabaseOptions().MaxPoolSize, new DatabaseOptions().ConnectionTimeoutSeconds));
    }

    [Fact]
    public async Task Two_nodes_over_a_small_server_limit_answer_201_or_503_with_retry_after_and_lose_nothing()
    {
        var role = "aigaq_budget_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync($"CREATE ROLE {role} LOGIN PASSWORD 'budget' CONNECTION LIMIT 3");
        try
        {
            // Empty: the role owns the database and migrates it, so it owns the tables too.
            await using var store = await TestDatabase.CreateEmptyAsync(postgres: true);
            var database = new NpgsqlConnectionStringBuilder(store.ConnectionString).Database!;
            await AdminAsync($"ALTER DATABASE \"{database}\" OWNER TO {role}");
            var asRole = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Username = role, Password = "budget" };
            AigaqHost Node(string name) => store.NewHost(new HostOptions
            {
                NodeName = name,
                Settings = new Dictionary<string, string?>
                {
                    // Each node its own pool (Npgsql pools by connection string), as two processes would have.
                    ["ConnectionStrings:Aigaq"] = new NpgsqlConnectionStringBuilder(asRole.ConnectionString) { ApplicationName = name }.ConnectionString,
                    ["Aigaq:Database:MaxPoolSize"] = "2",
                    ["Aigaq:Database:ConnectionTimeoutSeconds"] = "1",
                },
            });
            await using var a = Node("node-a");
            await using var b = Node("node-b");
            // Through the API, as everything the audit checks at the end is written.
            var admin = await a.UserAsync(Roles.Administrator, region: null);
            var facility = Guid.Parse((await (await admin.Client.PostJsonAsync("/api/v1/facilities", new JsonObject
            {
                ["name"] = "ИВС " + role,
                ["type"] = "policeHoldingCell",
                ["region"] = "KZ-75",
                ["agency"] = "police",
                ["address"] = "Алматы, ул. Абая 1",
                ["acceptsMinors"] = false,
            })).ExpectAsync(HttpStatusCode.Created)).Str("id"));
            var officerA = await a.UserAsync(Roles.Officer);
            var officerB = await b.UserAsync(Roles.Officer);
            var sent = new List<(TestUser Officer, JsonObject Body, string Key)>();
            (TestUser, JsonObject, string) Registration(TestUser officer)
            {
                var n = sent.Count;
                var body = Requests.Detention(facility, a.Now.AddMinutes(-30), birthDate: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1990-01-{1 + (n % 28):00}"), firstName: "Ерлан" + new string('а', n / 28));
                sent.Add((officer, body, Guid.NewGuid().ToString("N")));
                return sent[^1];
            }

            // Node A's own pool full (both its connections held): a request waits a second for one, then is told to
            // come back. An API client gets problem+json; a page, the busy page in its language.
            var held = new List<AsyncServiceScope>();
            for (var i = 0; i < 2; i++)
            {
                var scope = a.Services.CreateAsyncScope();
                held.Add(scope);
                await scope.ServiceProvider.GetRequiredService<AigaqDb>().Database.OpenConnectionAsync();
            }

            var (_, body, key) = Registration(officerA);
            await ExpectBusyAsync(await officerA.Client.PostJsonAsync(Url, body, key));
            using (var page = new HttpRequestMessage(HttpMethod.Get, "/statistics?culture=ru"))
            {
                page.Headers.Accept.ParseAdd("text/html");
                var answer = await a.Anonymous().SendAsync(page);
                var html = await answer.Content.ReadAsStringAsync();
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)answer.StatusCode}: {html}");
                Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Сервис перегружен", html, StringComparison.Ordinal);
                Assert.Equal(TimeSpan.FromSeconds(ConnectionBudget.RetryAfterSeconds), answer.Headers.RetryAfter?.Delta);
            }

            foreach (var scope in held)
            {
                await scope.DisposeAsync();
            }

            // The role at its server limit (whatever the nodes hold now, the test takes the rest), then both nodes
            // take registrations at once: a node that needs one more connection is refused by the server (53300),
            // one whose pool is busy past the timeout gives up. Every answer is a 201 or a 503 to retry.
            var inUse = await AdminScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE usename = '{role}'");
            var taken = new List<NpgsqlConnection>();
            for (var i = inUse; i < 3; i++)
            {
                var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(asRole.ConnectionString) { Pooling = false }.ConnectionString);
                await c.OpenAsync();
                taken.Add(c);
            }

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var burst = Enumerable.Range(0, 32).Select(i => Registration(i % 2 == 0 ? officerA : officerB)).ToList();
            var answers = burst.Select(async r =>
            {
                await go.Task;
                return await r.Item1.Client.PostJsonAsync(Url, r.Item2, r.Item3);
            }).ToList();
            go.SetResult();
            var statuses = new List<HttpStatusCode>();
            foreach (var answer in await Task.WhenAll(answers))
            {
                statuses.Add(answer.StatusCode);
                if (answer.StatusCode != HttpStatusCode.Created)
                {
                    await ExpectBusyAsync(answer);
                }
            }

            Assert.True(statuses.Contains(HttpStatusCode.ServiceUnavailable), $"the limit was exceeded: {string.Join(", ", statuses)} with {inUse} in use");
            foreach (var c in taken)
            {
                await c.DisposeAsync();
            }

            // Room again: every request sent again with its key is stored once; those stored the first time answer
            // as they did. Each registration is there with its log entry, and nothing else is.
            var ids = new HashSet<Guid>();
            foreach (var (officer, request, requestKey) in sent)
            {
                // The server is shared with other tests: a 503 here is sent again at once, as a client would after Retry-After.
                var again = await officer.Client.PostJsonAsync(Url, request, requestKey);
                for (var tries = 1; again.StatusCode == HttpStatusCode.ServiceUnavailable && tries < 5; tries++)
                {
                    await ExpectBusyAsync(again);
                    again = await officer.Client.PostJsonAsync(Url, request, requestKey);
                }

                var stored = await again.ExpectAsync(HttpStatusCode.Created);
                Assert.True(ids.Add(Guid.Parse(stored.Str("id"))), "each registration is stored once");
            }

            var found = await a.WithDbAsync(db => db.Set<Detention>().Select(d => d.Id).ToListAsync());
            Assert.Equal(ids.Order(), found.Order());
            Assert.Equal(ids.Count, await b.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == DetentionLedger.Registered)));

            // What the nodes wrote under the limit is what the log holds: signed into checkpoints, `aigaq log audit` passes
            // (run as an operator would, with a pool of its own: the audit reads with several connections at once).
            await using var auditor = store.NewHost(new HostOptions { NodeName = "auditor" });
            var keys = auditor.Services.GetRequiredService<LedgerKeys>();
            await auditor.WithDbAsync(async db =>
            {
                var tree = new IntegratorTree();
                while ((await LedgerIntegrator.IntegrateOnceAsync(db, keys.Signer, "budget-test", TimeProvider.System, tree)).Integrated > 0)
                {
                }

                return 0;
            });
            await using var auditScope = auditor.Services.CreateAsyncScope();
            Assert.Empty(await Aigaq.TransparencyLog.Audit.LedgerAudit.RunAsync(auditScope.ServiceProvider, keys.ExistingVerifier(), TextWriter.Null, CancellationToken.None));
        }
        finally
        {
            await AdminAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task More_registrations_at_once_than_the_pool_holds_are_all_stored_without_a_503()
    {
        // Registrations are stored by the node's group-commit writer, which takes its connection from the same pool as
        // the requests. A request must not hold its own while it waits for the writer: with as many waiting as the pool
        // holds, the writer would get none and every request would wait out the timeout and be told to come back.
        await using var store = await TestDatabase.CreateAsync(postgres: true);
        var name = "node-small-pool-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = store.NewHost(new HostOptions
        {
            NodeName = name,
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Aigaq"] = new NpgsqlConnectionStringBuilder(store.ConnectionString) { ApplicationName = name }.ConnectionString,
                ["Aigaq:Database:MaxPoolSize"] = "2",
                ["Aigaq:Database:ConnectionTimeoutSeconds"] = "3",
            },
        });
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, 16).Select(async i =>
        {
            var body = Requests.Detention(facility.Id, host.Now.AddMinutes(-20), birthDate: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1992-03-{1 + i:00}"));
            await go.Task;
            using var answer = await officer.Client.PostJsonAsync(Url, body, Guid.NewGuid().ToString("N"));
            return (answer.StatusCode, Body: await answer.Content.ReadAsStringAsync());
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(sends);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode}: {a.Body}"));
        Assert.Equal(16, await host.CountAsync<Detention>());
    }

    [Fact]
    public void Failures_that_a_retry_mends_are_unavailable_and_bugs_are_not()
    {
        static PostgresException Server(string state) => new("message", "FATAL", "FATAL", state);
        Exception[] retry =
        [
            Server(PostgresErrorCodes.TooManyConnections),
            Server(PostgresErrorCodes.CannotConnectNow),
            Server(PostgresErrorCodes.AdminShutdown),
            Server(PostgresErrorCodes.CrashShutdown),
            Server(PostgresErrorCodes.ConnectionFailure),
            Server(PostgresErrorCodes.DiskFull),
            Server(PostgresErrorCodes.ReadOnlySqlTransaction),
            new NpgsqlException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)),
            new NpgsqlException("closed", new EndOfStreamException()),
            new NpgsqlException("pool", new TimeoutException()),
            new NpgsqlException("No suitable host was found."),
            new DbUpdateException("wrapped", Server(PostgresErrorCodes.AdminShutdown)),
            new SqliteException("busy", 5),
        ];
        Exception[] bug =
        [
            Server(PostgresErrorCodes.UniqueViolation),
            Server(PostgresErrorCodes.SyntaxError),
            new DbUpdateException("wrapped", Server(PostgresErrorCodes.ForeignKeyViolation)),
            new NpgsqlException("wrapped bug", new InvalidCastException()),
            new SqliteException("locked", 6),
            new InvalidOperationException("bug", new IOException("not the database")),
        ];
        Assert.All(retry, e => Assert.True(ConnectionBudget.IsUnavailable(e), e.ToString()));
        Assert.All(bug, e => Assert.False(ConnectionBudget.IsUnavailable(e), e.ToString()));
    }

    [Fact]
    public async Task A_server_that_drops_the_nodes_connections_is_answered_503_and_a_retry_stores_once()
    {
        await using var store = await TestDatabase.CreateAsync(postgres: true);
        var name = "node-dropped-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = store.NewHost(new HostOptions
        {
            NodeName = name,
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Aigaq"] = new NpgsqlConnectionStringBuilder(store.ConnectionString) { ApplicationName = name }.ConnectionString,
            },
        });
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        await (await officer.Client.PostJsonAsync(Url, Requests.Detention(facility.Id, host.Now.AddMinutes(-40)), Guid.NewGuid().ToString("N")))
            .ExpectAsync(HttpStatusCode.Created);

        // As when the primary dies or is shut down for a failover: every connection the node's pool holds is closed by
        // the server (57P01). Requests that meet a dead connection are answered 503 with Retry-After, never 500.
        var sent = new List<(JsonObject Body, string Key)>();
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 2; round++)
        {
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{name}'");
            for (var i = 0; i < 4; i++)
            {
                var body = Requests.Detention(facility.Id, host.Now.AddMinutes(-30), birthDate: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1991-02-{1 + sent.Count:00}"));
                sent.Add((body, Guid.NewGuid().ToString("N")));
                var answer = await officer.Client.PostJsonAsync(Url, body, sent[^1].Key);
                statuses.Add(answer.StatusCode);
                if (answer.StatusCode != HttpStatusCode.Created)
                {
                    await ExpectBusyAsync(answer);
                }
            }
        }

        // Sent again with their keys, every registration is stored exactly once, whether its first answer was lost or not.
        var ids = new HashSet<Guid>();
        foreach (var (body, key) in sent)
        {
            var again = await officer.Client.PostJsonAsync(Url, body, key);
            for (var tries = 1; again.StatusCode == HttpStatusCode.ServiceUnavailable && tries < 5; tries++)
            {
                again = await officer.Client.PostJsonAsync(Url, body, key);
            }

            Assert.True(ids.Add(Guid.Parse((await again.ExpectAsync(HttpStatusCode.Created)).Str("id"))), "each registration is stored once");
        }

        Assert.Equal(sent.Count + 1, await host.CountAsync<Detention>());
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
    }

    [Fact]
    public async Task A_sqlite_writer_busy_past_the_timeout_is_a_503_with_retry_after_and_nothing_written()
    {
        await using var store = await TestDatabase.CreateAsync(postgres: false);
        var file = Path.Combine(store.DataDir, "aigaq.db");
        // A one-second busy timeout, so that the test waits a second, not thirty.
        await using var host = store.NewHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aigaq"] = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 1 }.ToString(),
        });
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, host.Now.AddMinutes(-30));
        var key = Guid.NewGuid().ToString("N");

        // Another process holds the write lock.
        await using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await other.OpenAsync();
            await using var tx = await other.BeginTransactionAsync();
            await ExpectBusyAsync(await officer.Client.PostJsonAsync(Url, body, key));
        }

        Assert.Equal(0, await host.CountAsync<Detention>());
        await (await officer.Client.PostJsonAsync(Url, body, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, await host.CountAsync<Detention>());
    }

    private static async Task ExpectBusyAsync(HttpResponseMessage answer)
    {
        var problem = await answer.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(ProblemTypes.Unavailable, problem.Str("type"));
        Assert.Equal(TimeSpan.FromSeconds(ConnectionBudget.RetryAfterSeconds), answer.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task AdminAsync(string sql) => await AdminScalarAsync(sql);

    private static async Task<int> AdminScalarAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresDatabase.Server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync() ?? 0, System.Globalization.CultureInfo.InvariantCulture);
    }
}
