using System.Diagnostics;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.Facilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// The visit plan benchmark's database: facilities in all 20 regions, detentions over the two years before
/// <see cref="PlanBench.End"/> (so about half fall in the plan's 365-day window), the custody alerts raised on them and
/// reports naming a facility, all by binary COPY in the application's columns (migrated by the application's own
/// migrations). Places differ as they do: a few hold many people (the detentions pick a facility with a skew), and a
/// few are far riskier than the rest (each facility's alert rate is drawn with a long tail), so the ranking has something
/// to rank. No log entries: the plan does not read them.
/// </summary>
internal static class PlanBenchData
{
    private const int Chunk = 50_000;

    private static readonly string[] Codes =
    [
        "LateRegistration", "RightsNotExplained", "ProtocolOverdue", "CourtDeadlineExceeded", "DeliveryOverdue", "NoDefenderPresent",
        "NightInvestigativeAction", "InjuriesRecorded", "CourtDeadlineNear", "RegisteredOutsideRegion",
    ];

    /// <summary>
    /// Brings a database built by an earlier version of the bench to this version's schema, by the application's own
    /// migrations (so alerts get their detention's copies the way a deployed database would), and refreshes the
    /// statistics when anything was applied. For <c>--reuse 1</c>; a database that is up to date is left as it is.
    /// </summary>
    public static async Task MigrateAsync(string admin, string database)
    {
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, SslMode = SslMode.Disable, CommandTimeout = 0 }.ToString();
        await using var db = new PostgresAigaqDb(new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql(cs).Options);
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        Console.Error.WriteLine(JsonSerializer.Serialize(new { database, migrated = pending, seconds = Math.Round(clock.Elapsed.TotalSeconds, 1) }));
    }

    public static async Task BuildAsync(string admin, string database, int facilityCount, int detentionCount)
    {
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, SslMode = SslMode.Disable, CommandTimeout = 0 }.ToString();
        var clock = Stopwatch.StartNew();
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ToString()))
        {
            await server.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", server).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", server).ExecuteNonQueryAsync();
        }

        await using (var db = new PostgresAigaqDb(new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql(cs).Options))
        {
            await db.Database.MigrateAsync();
        }

        var random = new Random(17);
        var regions = Regions.All.Select(r => r.Code).ToArray();
        var facilities = Enumerable.Range(0, facilityCount).Select(i => (
            Id: Guid.CreateVersion7(PlanBench.End.AddDays(-800).AddSeconds(i)),
            Region: regions[i % regions.Length],
            // Alerts per detention: most places few, a long tail many.
            AlertRate: 0.02 + (0.6 * Math.Pow(random.NextDouble(), 6)))).ToArray();
        var staff = Guid.CreateVersion7(PlanBench.End.AddDays(-900));

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using (var w = await connection.BeginBinaryImportAsync(
            """COPY facilities ("Id","Name","Type","Region","Agency","Address","AcceptsMinors","CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < facilities.Length; i++)
            {
                await w.StartRowAsync();
                await w.WriteAsync(facilities[i].Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(FormattableString.Invariant($"ИВС № {i + 1}"), NpgsqlDbType.Varchar);
                await w.WriteAsync(i % 5 == 0 ? "PretrialDetention" : "PoliceHoldingCell", NpgsqlDbType.Varchar);
                await w.WriteAsync(facilities[i].Region, NpgsqlDbType.Varchar);
                await w.WriteAsync(i % 5 == 0 ? "Penitentiary" : "Police", NpgsqlDbType.Varchar);
                await w.WriteAsync("ул. Абая, 1", NpgsqlDbType.Varchar);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
                await w.WriteAsync(PlanBench.End.AddDays(-800), NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
        }

        var span = TimeSpan.FromDays(730).Ticks;
        long alerts = 0, reports = 0;
        for (var first = 1; first <= detentionCount; first += Chunk)
        {
            var rows = new List<(Guid Id, long Seq, DateTimeOffset At, int Facility)>();
            for (var seq = first; seq < first + Chunk && seq <= detentionCount; seq++)
            {
                var at = PlanBench.End.AddTicks(-random.NextInt64(span));
                rows.Add((Guid.CreateVersion7(at), seq, at, (int)(facilityCount * Math.Pow(random.NextDouble(), 2))));
            }

            await using (var w = await connection.BeginBinaryImportAsync(
                """COPY detentions ("Id","Number","Seq","LastName","FirstName","IsMinor","NameKey","DetainedAt","RecordedAt","RecordedBy","PlaceAddress","Region","Agency","GroundsKind","DestinationFacilityId","RulePackId","CourtBy","ProtocolBy","DeliveryBy","Status","CurrentFacilityId","Version","Officers") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var (id, seq, at, f) in rows)
                {
                    var place = facilities[f];
                    await w.StartRowAsync();
                    await w.WriteAsync(id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(FormattableString.Invariant($"D-{seq:D8}"), NpgsqlDbType.Varchar);
                    await w.WriteAsync((long)seq, NpgsqlDbType.Bigint);
                    await w.WriteAsync("Серикбаев", NpgsqlDbType.Varchar);
                    await w.WriteAsync("Нурлан", NpgsqlDbType.Varchar);
                    await w.WriteAsync(false, NpgsqlDbType.Boolean);
                    await w.WriteAsync("СЕРИКБАЕВ|НУРЛАН", NpgsqlDbType.Varchar);
                    await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(at.AddMinutes(30), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(staff, NpgsqlDbType.Uuid);
                    await w.WriteAsync("ул. Абая, 1", NpgsqlDbType.Varchar);
                    await w.WriteAsync(place.Region, NpgsqlDbType.Varchar);
                    await w.WriteAsync("police", NpgsqlDbType.Varchar);
                    await w.WriteAsync("Suspicion", NpgsqlDbType.Varchar);
                    await w.WriteAsync(place.Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync("kz-2024-03-01", NpgsqlDbType.Varchar);
                    await w.WriteAsync(at.AddHours(48), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(at.AddHours(3), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(at.AddHours(3), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync("Released", NpgsqlDbType.Varchar);
                    await w.WriteAsync(place.Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(0, NpgsqlDbType.Integer);
                    await w.WriteAsync("[]", NpgsqlDbType.Jsonb);
                }

                await w.CompleteAsync();
            }

            await using (var w = await connection.BeginBinaryImportAsync(
                """COPY alerts ("Id","Code","Key","DetentionId","DetentionFacilityId","DetainedAt","Region","RaisedAt","Status") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var (id, _, at, f) in rows)
                {
                    if (random.NextDouble() >= facilities[f].AlertRate)
                    {
                        continue;
                    }

                    var code = Codes[random.Next(Codes.Length)];
                    await w.StartRowAsync();
                    await w.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                    await w.WriteAsync(code, NpgsqlDbType.Varchar);
                    await w.WriteAsync($"{code}:{id}", NpgsqlDbType.Varchar);
                    await w.WriteAsync(id, NpgsqlDbType.Uuid);
                    // The copies an alert keeps of its detention (as AlertFactory sets them).
                    await w.WriteAsync(facilities[f].Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(facilities[f].Region, NpgsqlDbType.Varchar);
                    await w.WriteAsync(at.AddHours(1), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync("Open", NpgsqlDbType.Varchar);
                    alerts++;
                }

                await w.CompleteAsync();
            }

            // A report naming the place for one detention in 50 at the riskiest places, one in 500 elsewhere.
            await using (var w = await connection.BeginBinaryImportAsync(
                """COPY reports ("Id","Seq","Number","ReceivedAt","ReceivedYear","RecordedAt","RecordedBy","Source","Narrative","Region","FacilityId","Anonymous","RulePackId","Status","RegistrationDueBy","Version","Victims") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var (_, _, at, f) in rows)
                {
                    if (random.Next(facilities[f].AlertRate > 0.2 ? 50 : 500) != 0)
                    {
                        continue;
                    }

                    reports++;
                    var received = at.AddDays(2);
                    await w.StartRowAsync();
                    await w.WriteAsync(Guid.CreateVersion7(received), NpgsqlDbType.Uuid);
                    await w.WriteAsync(reports, NpgsqlDbType.Bigint);
                    await w.WriteAsync(FormattableString.Invariant($"R-{reports:D8}"), NpgsqlDbType.Varchar);
                    await w.WriteAsync(received, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(received.Year, NpgsqlDbType.Integer);
                    await w.WriteAsync(received, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(staff, NpgsqlDbType.Uuid);
                    await w.WriteAsync("Lawyer", NpgsqlDbType.Varchar);
                    await w.WriteAsync("Подзащитного избивали в ИВС.", NpgsqlDbType.Varchar);
                    await w.WriteAsync(facilities[f].Region, NpgsqlDbType.Varchar);
                    await w.WriteAsync(facilities[f].Id, NpgsqlDbType.Uuid);
                    await w.WriteAsync(false, NpgsqlDbType.Boolean);
                    await w.WriteAsync("kz-2024-03-01", NpgsqlDbType.Varchar);
                    await w.WriteAsync("Received", NpgsqlDbType.Varchar);
                    await w.WriteAsync(received.AddHours(24), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(0, NpgsqlDbType.Integer);
                    await w.WriteAsync("[]", NpgsqlDbType.Jsonb);
                }

                await w.CompleteAsync();
            }
        }

        // As autovacuum would leave the tables after the load: statistics and the visibility map.
        await new NpgsqlCommand("VACUUM ANALYZE", connection).ExecuteNonQueryAsync();
        Console.Error.WriteLine(JsonSerializer.Serialize(new
        {
            database,
            facilities = facilityCount,
            detentions = detentionCount,
            alerts,
            reports,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        }));
    }
}
