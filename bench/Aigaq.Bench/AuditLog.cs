using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>
/// <c>auditlog</c> mode: builds a PostgreSQL database holding a log of <c>--entries</c> entries (default
/// 1,000,000) for <c>aigaq log audit</c> to check (bench/audit/run.sh, bench/AUDIT.md). Facilities are
/// added through EF; detentions with their contacts, custody events and ledger entries go in by
/// Npgsql binary COPY, with salts, commitments, entries and leaf hashes made by the application's own
/// functions (<see cref="LedgerWriter.Commit(ReadOnlySpan{byte}, Action{CanonicalJsonWriter})"/>, <see cref="DetentionLedger.Content(CanonicalJsonWriter, Detention)"/>).
/// Then the application's integrator signs checkpoints in its own batches of
/// <see cref="LedgerIntegrator.MaxBatch"/> until it has caught up, storing tiles as it goes.
/// </summary>
internal static partial class AuditLog
{
    private const int Facilities = 200;
    private const int Chunk = 30_000;
    private const int EventsPerDetention = 2;

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] LastNames = ["Ахметов", "Серикбаев", "Иванов", "Нурланов", "Жумабаев", "Ким", "Омаров", "Касымов", "Абенов", "Тулегенов"];
    private static readonly string[] FirstNames = ["Айдос", "Ерлан", "Дмитрий", "Нурсултан", "Асхат", "Виктор", "Бауыржан", "Данияр", "Марат", "Олжас"];
    private static readonly string[] Regions = ["KZ-71", "KZ-75", "KZ-79", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27"];

    public static async Task RunAsync(Options options)
    {
        var admin = options.Get("pg", "Host=127.0.0.1;Username=aigaq;Password=aigaq");
        var database = options.Get("db", "aigaq_auditbench");
        var dataDir = Path.GetFullPath(options.Get("datadir", "bench/results/auditbench-data"));
        var total = options.Int("entries", 1_000_000);
        var origin = options.Get("origin", new AigaqOptions().Ledger.Origin);
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, SslMode = SslMode.Disable, CommandTimeout = 0 }.ToString();

        var clock = Stopwatch.StartNew();
        await RecreateAsync(admin, database);
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        var dbOptions = new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql(cs).Options;
        await using (var db = new PostgresAigaqDb(dbOptions))
        {
            await db.Database.MigrateAsync();
        }

        var migrate = clock.Elapsed.TotalSeconds;

        // Facilities: entries 0..Facilities-1, through EF like the admin page.
        clock.Restart();
        var facilities = new List<Facility>();
        var ledger = new List<LedgerEntry>();
        for (var i = 0; i < Math.Min(Facilities, total); i++)
        {
            var created = Start.AddMinutes(i);
            var f = new Facility
            {
                Id = Guid.CreateVersion7(created),
                Name = $"ИВС №{i + 1}",
                Type = (FacilityType)(i % 3),
                Region = Regions[i % Regions.Length],
                Agency = Agency.Police,
                Address = $"ул. Абая, {i + 1}",
                AcceptsMinors = i % 4 == 0,
                CreatedAt = created,
            };
            facilities.Add(f);
            ledger.Add(Entry(i, FacilityLedger.Registered, f.Id, created, w => FacilityLedger.Content(w, f)));
        }

        await using (var db = new PostgresAigaqDb(dbOptions))
        {
            db.AddRange(facilities);
            db.AddRange(ledger);
            await db.SaveChangesAsync();
        }

        // Detentions, each with its registration and up to two events (arrival, protocol) with the state each leaves, chunk by chunk.
        long index = facilities.Count;
        var seq = 0L;
        var user = Guid.CreateVersion7(Start);
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        while (index < total)
        {
            var batch = new List<(Detention D, List<DetentionEvent> Events, long First)>();
            while (batch.Count < Chunk && index < total)
            {
                // Each event moves the custody state, so the application logs the state after it: two entries an event.
                var events = (int)Math.Min(EventsPerDetention, (total - index - 1) / 2);
                var d = NewDetention(++seq, facilities[(int)(seq % facilities.Count)].Id, user);
                var list = new List<DetentionEvent>();
                for (var k = 0; k < events; k++)
                {
                    list.Add(NewEvent(d, k, user));
                }

                batch.Add((d, list, index));
                index += 1 + (2 * events);
            }

            var rows = new LedgerEntry[batch.Sum(b => 1 + (2 * b.Events.Count))];
            var firstIndex = batch[0].First;
            Parallel.For(0, batch.Count, i =>
            {
                var (d, events, first) = batch[i];
                var at = first - firstIndex;
                rows[at] = Entry(first, DetentionLedger.Registered, d.Id, d.RecordedAt, w => DetentionLedger.Content(w, d));
                for (var k = 0; k < events.Count; k++)
                {
                    var e = events[k];
                    var state = StateAfter(d, k);
                    rows[at + 1 + (2 * k)] = Entry(first + 1 + (2 * k), DetentionLedger.Event, e.Id, e.RecordedAt, w => DetentionLedger.Content(w, e));
                    rows[at + 2 + (2 * k)] = Entry(first + 2 + (2 * k), DetentionLedger.State.Kind, d.Id, e.RecordedAt, w => DetentionLedger.State.Content(w, state));
                }

                // A detention whose log was cut short by the entry count is stored as its entries leave it.
                if (events.Count < EventsPerDetention)
                {
                    var state = events.Count == 0 ? null : StateAfter(d, events.Count - 1);
                    d.Status = state?.Status ?? CustodyStatus.InTransit;
                    d.ArrivedAt = state?.ArrivedAt;
                    d.ProtocolAt = state?.ProtocolAt;
                }
            });

            await CopyDetentionsAsync(connection, batch.Select(b => b.D));
            await CopyContactsAsync(connection, batch.SelectMany(b => b.D.Contacts));
            await CopyEventsAsync(connection, batch.SelectMany(b => b.Events));
            await CopyEntriesAsync(connection, rows);
            Console.Error.WriteLine($"auditlog: {index} entries written");
        }

        await using (var cmd = new NpgsqlCommand($"UPDATE ledger_state SET \"NextIndex\" = {total} WHERE \"Id\" = 1; ANALYZE;", connection))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var generate = clock.Elapsed.TotalSeconds;

        // The integrator, as the app runs it: batches of MaxBatch, one signed checkpoint each.
        clock.Restart();
        using var signer = LedgerKeys.LoadOrCreate(Path.Combine(dataDir, "keys", LedgerKeys.FileName), origin);
        var tree = new IntegratorTree();
        var checkpoints = 0;
        await using (var db = new PostgresAigaqDb(dbOptions))
        {
            while (true)
            {
                var step = await LedgerIntegrator.IntegrateOnceAsync(db, signer, "auditbench", TimeProvider.System, tree);
                if (!step.Leader)
                {
                    throw new InvalidOperationException("the bench lost the integrator lease");
                }

                checkpoints++;
                if (step.Integrated == 0 || step.TreeSize >= total)
                {
                    break;
                }

                if (checkpoints % 400 == 0)
                {
                    Console.Error.WriteLine($"auditlog: integrated {step.TreeSize}");
                }
            }
        }

        var integrate = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "auditlog",
            entries = total,
            detentions = seq,
            facilities = facilities.Count,
            checkpoints,
            migrateSeconds = Math.Round(migrate, 1),
            generateSeconds = Math.Round(generate, 1),
            integrateSeconds = Math.Round(integrate, 1),
        }));
    }

    private static async Task RecreateAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>A ledger entry made as <see cref="LedgerWriter.Append(AigaqDb, string, Guid, DateTimeOffset, Action{CanonicalJsonWriter})"/> makes it, with its index already given.</summary>
    private static LedgerEntry Entry(long index, string kind, Guid recordId, DateTimeOffset recordedAt, Action<CanonicalJsonWriter> content)
    {
        var salt = RandomNumberGenerator.GetBytes(LedgerWriter.SaltBytes);
        var commitment = LedgerWriter.Commit(salt, content);
        var bytes = JsonCanonicalizer.Canonicalize(new JsonObject
        {
            ["kind"] = kind,
            ["recordId"] = recordId.ToString(),
            ["recordedAt"] = LedgerWriter.Instant(recordedAt),
            ["commitment"] = commitment,
        });
        return new LedgerEntry
        {
            Id = Guid.CreateVersion7(recordedAt),
            Index = index,
            Kind = kind,
            RecordId = recordId,
            RecordedAt = recordedAt,
            Commitment = commitment,
            Salt = Convert.ToBase64String(salt),
            Entry = Encoding.UTF8.GetString(bytes),
            LeafHash = Convert.ToBase64String(MerkleHash.Leaf(bytes)),
        };
    }

    private static Detention NewDetention(long seq, Guid facility, Guid user)
    {
        // Three registrations a minute, at whole milliseconds (PostgreSQL keeps microseconds).
        var recorded = Start.AddMilliseconds(seq * 20_000 + seq % 997);
        var detained = recorded.AddMinutes(-(seq % 50) - 5);
        var last = LastNames[seq % LastNames.Length];
        var first = FirstNames[seq / LastNames.Length % FirstNames.Length];
        var minor = seq % 40 == 0;
        var id = Guid.CreateVersion7(recorded);
        var birth = new DateOnly(1960, 1, 1).AddDays((int)(seq * 7919 % 18_000));
        return new Detention
        {
            Id = id,
            Number = $"KZ-B-{seq:D9}",
            Seq = seq,
            LastName = last,
            FirstName = first,
            Patronymic = seq % 3 == 0 ? null : "Серикович",
            BirthDate = birth,
            Iin = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + (seq % 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
            Sex = "M",
            Citizenship = "KZ",
            Language = seq % 2 == 0 ? "kk" : "ru",
            IsMinor = minor,
            NameKey = RegisterDetention.NameKey(last, first),
            DetainedAt = detained,
            RecordedAt = recorded,
            RecordedBy = user,
            PlaceAddress = $"г. Астана, пр. Республики, {seq % 300}",
            Latitude = 51.1 + (seq % 1000) / 10_000.0,
            Longitude = 71.4 + (seq % 777) / 10_000.0,
            Region = Regions[seq % Regions.Length],
            Agency = "Police",
            Officers = [new Officer { Badge = $"B{seq % 9000:D4}", Name = "Сержант Бекова" }],
            GroundsKind = (GroundsKind)(seq % 4),
            GroundsArticle = "188-2",
            GroundsDescription = "Кража из магазина",
            RightsExplainedAt = detained.AddMinutes(2),
            RightsLanguage = "ru",
            DestinationFacilityId = facility,
            Route = "патрульный автомобиль",
            ExpectedArrival = recorded.AddMinutes(40),
            Contacts =
            [
                new DetentionContact { DetentionId = id, Role = ContactRole.Relative, Name = "Ахметова Гульнара", Phone = $"+7701{seq % 10_000_000:D7}", Language = "kk" },
                new DetentionContact { DetentionId = id, Role = ContactRole.Defender, Name = "Адвокат Ким", Email = "defender@example.kz", EmailNormalized = "DEFENDER@EXAMPLE.KZ", Language = "ru" },
            ],
            RulePackId = "kz-2024-03-01",
            CourtBy = detained.AddHours(48),
            ProtocolBy = detained.AddHours(3),
            DeliveryBy = detained.AddHours(1),
            Status = CustodyStatus.InCustody,
            CurrentFacilityId = facility,
            ArrivedAt = recorded.AddMinutes(35),
            ProtocolAt = recorded.AddMinutes(90),
            Version = 3,
        };
    }

    /// <summary>The custody state after the detention's event <paramref name="k"/>: arrived, then the protocol drawn.</summary>
    private static Detention StateAfter(Detention d, int k) => new()
    {
        Id = d.Id,
        Number = d.Number,
        LastName = d.LastName,
        FirstName = d.FirstName,
        NameKey = d.NameKey,
        PlaceAddress = d.PlaceAddress,
        Region = d.Region,
        Agency = d.Agency,
        RulePackId = d.RulePackId,
        Status = CustodyStatus.InCustody,
        CurrentFacilityId = d.CurrentFacilityId,
        ArrivedAt = d.ArrivedAt,
        ProtocolAt = k == 0 ? null : d.ProtocolAt,
    };

    private static DetentionEvent NewEvent(Detention d, int k, Guid user)
    {
        var at = k == 0 ? d.ArrivedAt!.Value : d.ProtocolAt!.Value;
        var data = k == 0
            ? new JsonObject { ["facilityId"] = d.CurrentFacilityId.ToString() }
            : new JsonObject { ["protocolNumber"] = "P-" + d.Seq.ToString(CultureInfo.InvariantCulture) };
        return new DetentionEvent
        {
            Id = Guid.CreateVersion7(at),
            DetentionId = d.Id,
            Type = k == 0 ? EventTypes.ArrivedAtFacility : EventTypes.ProtocolDrawn,
            At = at,
            RecordedAt = at.AddSeconds(30),
            RecordedBy = user,
            Data = data.ToJsonString(),
        };
    }
}
