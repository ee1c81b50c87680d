using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aigaq;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

/// <summary>
/// <c>protection</c> mode (bench/PROTECTION.md, issue 15): what matching one detention registration against the
/// protected persons costs. (Since session 17 the match runs in the protection scan, not in the registration's
/// transaction, so it adds nothing to a registration's latency; this times the scan's work for one registration.) Builds, on PostgreSQL or SQLite, a database with <c>--persons</c> protected persons
/// (default 100,000) and a baseline database with none, both by the application's migrations; the persons have blind
/// indexes computed by <see cref="BlindIndex"/> over random names, birth dates and IINs (one in five without an IIN) and
/// a real sealed identity envelope (two custodians and the recovery key) as their identity. Then times
/// <see cref="MatchDetentions.RegisteredAsync"/> itself for a batch of one: a non-saved detention, a context from a pool
/// (as the application's), the matcher's two keyed hashes and its one query on a pooled connection.
/// Cases, each <c>--warmup</c> times unmeasured, then <c>--iterations</c> times measured in turns of 100, in each of
/// <c>--rounds</c> rounds: a new person against the empty table (baseline) and against the full one (a miss), a protected
/// person by IIN and by names spelled in Latin with no IIN (hits: the alert is computed, not saved), the two
/// hashes alone, and <c>SELECT 1</c> through the same context (one round trip). Prints one JSON line per case and round
/// with p50, p95 and p99 in microseconds.
/// </summary>
internal static class ProtectionBench
{
    private const int Chunk = 5_000;
    private const int Block = 100;
    private const string Admin = "Host=127.0.0.1;Username=aigaq;Password=aigaq";

    // Cyrillic spelling as a registration would write it, and the passport's Latin spelling.
    private static readonly (string Cyrillic, string Latin)[] LastNames =
    [
        ("Ахметов", "Akhmetov"), ("Нурланов", "Nurlanov"), ("Сейтжанов", "Seitzhanov"), ("Жумабаев", "Zhumabaev"),
        ("Касымов", "Kasymov"), ("Искаков", "Iskakov"), ("Абенов", "Abenov"), ("Тулегенов", "Tulegenov"),
        ("Омаров", "Omarov"), ("Байжанов", "Baizhanov"), ("Есенов", "Esenov"), ("Мукашев", "Mukashev"),
        ("Сулейменов", "Suleimenov"), ("Кенжебаев", "Kenzhebaev"), ("Садыков", "Sadykov"), ("Бекмуратов", "Bekmuratov"),
        ("Иванов", "Ivanov"), ("Петров", "Petrov"), ("Ким", "Kim"), ("Шевченко", "Shevchenko"),
        ("Юсупов", "Iusupov"), ("Исхаков", "Iskhakov"), ("Оспанов", "Ospanov"), ("Жаксылыков", "Zhaksylykov"),
        ("Рахимов", "Rakhimov"), ("Калиев", "Kaliev"), ("Ермеков", "Ermekov"), ("Тохтаров", "Tokhtarov"),
        ("Смагулов", "Smagulov"), ("Ниязов", "Niiazov"), ("Дюсенов", "Diusenov"), ("Алиев", "Aliev"),
    ];

    private static readonly (string Cyrillic, string Latin)[] FirstNames =
    [
        ("Бауыржан", "Bauyrzhan"), ("Ерлан", "Erlan"), ("Нурлан", "Nurlan"), ("Асхат", "Askhat"), ("Данияр", "Daniiar"),
        ("Ержан", "Erzhan"), ("Марат", "Marat"), ("Серик", "Serik"), ("Айдос", "Aidos"), ("Тимур", "Timur"),
        ("Жанна", "Zhanna"), ("Айгуль", "Aigul"), ("Гульнара", "Gulnara"), ("Динара", "Dinara"), ("Асель", "Asel"),
        ("Алия", "Aliia"), ("Сауле", "Saule"), ("Мадина", "Madina"), ("Дмитрий", "Dmitrii"), ("Сергей", "Sergei"),
        ("Ольга", "Olga"), ("Наталья", "Natalia"), ("Руслан", "Ruslan"), ("Арман", "Arman"), ("Берик", "Berik"),
        ("Канат", "Kanat"), ("Азамат", "Azamat"), ("Дарига", "Dariga"), ("Камила", "Kamila"), ("Жандос", "Zhandos"),
    ];

    private static readonly string[] Regions = ["KZ-75", "KZ-71", "KZ-79", "KZ-35", "KZ-55", "KZ-19", "KZ-63", "KZ-61"];

    private sealed record Person(string LastName, string FirstName, string LastLatin, string FirstLatin, DateOnly Born, string? Iin);

    private sealed record Case(string Name, Func<int, Task<(double Us, int Tracked)>> Step);

    public static async Task RunAsync(Options o)
    {
        var provider = o.Get("provider", "pg");
        var persons = o.Int("persons", 100_000);
        var iterations = o.Int("iterations", 2_000);
        var warmup = o.Int("warmup", 500);
        var rounds = o.Int("rounds", 1);
        var reuse = o.Get("reuse", "0") == "1";
        var dir = Path.GetFullPath(o.Get("dir", "bench/results/protection"));
        var database = o.Get("db", "aigaq_bench_protection");
        Directory.CreateDirectory(dir);

        if (o.Get("drop", "0") == "1")
        {
            await DropAsync(provider, o.Get("pg", Admin), database, dir);
            return;
        }

        // The index key lives apart from the data, mode 600, as the application requires; kept for reuse so that the
        // stored indexes still match.
        var keyFile = Path.Combine(dir, "index.key");
        if (!reuse || !File.Exists(keyFile))
        {
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(BlindIndex.NewKey()));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        using var keys = new ProtectionKeys(Microsoft.Extensions.Options.Options.Create(new AigaqOptions
        {
            Protection = new ProtectionOptions { BlindIndexKeyFile = keyFile },
        }));
        var index = keys.Index!;
        var people = Generate(persons, new Random(o.Int("seed", 146)));

        var (full, empty) = provider switch
        {
            "pg" => (PgFactory(o.Get("pg", Admin), database), PgFactory(o.Get("pg", Admin), database + "_empty")),
            "sqlite" => (SqliteFactory(Path.Combine(dir, "full.db")), SqliteFactory(Path.Combine(dir, "empty.db"))),
            _ => throw new ArgumentException("--provider must be pg or sqlite"),
        };
        if (!reuse)
        {
            var clock = Stopwatch.StartNew();
            await CreateAsync(provider, o.Get("pg", Admin), database, dir, full, empty);
            var migrate = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var envelope = Envelope();
            await FillAsync(full, people, index, envelope);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                mode = "protection-setup",
                provider,
                persons,
                identityChars = envelope.Length,
                migrateSeconds = Math.Round(migrate, 1),
                fillSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            }));
        }

        var random = new Random(o.Int("seed", 146) + 1);
        var misses = Generate(iterations + warmup, random);
        var withIin = people.Where(p => p.Iin is not null).ToArray();
        var now = DateTimeOffset.UtcNow;
        var n = persons.ToString("N0", CultureInfo.InvariantCulture);
        async Task<(double Us, int Tracked)> Match(Func<AigaqDb> factory, Detention detention)
        {
            await using var db = factory();
            var start = Stopwatch.GetTimestamp();
            var due = await MatchDetentions.RegisteredAsync(db, index, [detention], CancellationToken.None);
            return (Stopwatch.GetElapsedTime(start).TotalMicroseconds, due.Count);
        }

        var cases = new Case[]
        {
            new("empty: new person", i => Match(empty, Detain(misses[i], latin: false))),
            new($"{n}: new person (miss)", i => Match(full, Detain(misses[i], latin: false))),
            new($"{n}: protected, by IIN (hit)", i => Match(full, Detain(withIin[random.Next(withIin.Length)], latin: false))),
            new($"{n}: protected, Latin names, no IIN (hit)", i => Match(full, Detain(people[random.Next(people.Length)] with { Iin = null }, latin: true))),

            // The matcher's two keyed hashes alone, and one round trip through the same kind of context.
            new("two keyed hashes only", i =>
            {
                var p = misses[i];
                var start = Stopwatch.GetTimestamp();
                _ = index.OfIin(p.Iin);
                _ = index.OfName(p.LastName, p.FirstName, RegisterProtectedPerson.BirthDateOf(p.Born, p.Iin));
                return Task.FromResult((Stopwatch.GetElapsedTime(start).TotalMicroseconds, 0));
            }),
            new("SELECT 1 (one round trip)", async i =>
            {
                await using var db = full();
                var start = Stopwatch.GetTimestamp();
                _ = await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
                return (Stopwatch.GetElapsedTime(start).TotalMicroseconds, 0);
            }),
        };

        for (var round = 1; round <= rounds; round++)
        {
            // Every case warms up first; then the cases take turns in blocks of 100, so that each sees the same minutes of
            // a shared machine and none is measured while the JIT is still busy with another.
            foreach (var c in cases)
            {
                for (var i = 0; i < warmup; i++)
                {
                    await c.Step(i % misses.Length);
                }
            }

            var times = cases.Select(_ => new List<double>(iterations)).ToArray();
            var tracked = new long[cases.Length];
            for (var done = 0; done < iterations; done += Block)
            {
                for (var k = 0; k < cases.Length; k++)
                {
                    for (var i = done; i < Math.Min(iterations, done + Block); i++)
                    {
                        var (us, added) = await cases[k].Step((warmup + i) % misses.Length);
                        times[k].Add(us);
                        tracked[k] += added;
                    }
                }
            }

            for (var k = 0; k < cases.Length; k++)
            {
                Print(provider, round, cases[k].Name, times[k], tracked[k]);
            }
        }
    }

    private static void Print(string provider, int round, string name, List<double> times, long tracked)
    {
        times.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "protection",
            provider,
            round,
            @case = name,
            iterations = times.Count,
            alertsAdded = tracked,
            p50Us = Math.Round(Load.Percentile(times, 50), 1),
            p95Us = Math.Round(Load.Percentile(times, 95), 1),
            p99Us = Math.Round(Load.Percentile(times, 99), 1),
            maxUs = Math.Round(times[^1], 1),
        }));
    }

    /// <summary>A detention as the registration stores it (not saved).</summary>
    private static Detention Detain(Person p, bool latin) => new()
    {
        Id = Guid.CreateVersion7(),
        Number = "BENCH-1",
        LastName = latin ? p.LastLatin : p.LastName,
        FirstName = latin ? p.FirstLatin : p.FirstName,
        BirthDate = p.Born,
        Iin = p.Iin,
        NameKey = RegisterDetention.NameKey(p.LastName, p.FirstName),
        PlaceAddress = "Almaty, Abai avenue 1",
        Region = "KZ-75",
        Agency = "police",
        RulePackId = "kz",
    };

    /// <summary>People born 1950-2007, four in five with an IIN that encodes their birth date.</summary>
    private static Person[] Generate(int count, Random random)
    {
        var people = new Person[count];
        var first = new DateOnly(1950, 1, 1).DayNumber;
        var last = new DateOnly(2007, 12, 31).DayNumber;
        for (var i = 0; i < count; i++)
        {
            var (lastName, lastLatin) = LastNames[random.Next(LastNames.Length)];
            var (firstName, firstLatin) = FirstNames[random.Next(FirstNames.Length)];
            var born = DateOnly.FromDayNumber(random.Next(first, last + 1));
            people[i] = new Person(lastName, firstName, lastLatin, firstLatin, born, random.Next(5) == 0 ? null : NewIin(born, random));
        }

        return people;
    }

    private static string NewIin(DateOnly born, Random random)
    {
        while (true)
        {
            var century = born.Year >= 2000 ? 5 : 3;
            var body = born.ToString("yyMMdd", CultureInfo.InvariantCulture) + (century + random.Next(2)).ToString(CultureInfo.InvariantCulture)
                + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture);
            for (var check = 0; check < 10; check++)
            {
                var iin = body + check.ToString(CultureInfo.InvariantCulture);
                if (Iin.Check(iin).Error is null)
                {
                    return iin;
                }
            }
        }
    }

    /// <summary>A real sealed identity, for two custodians and the recovery key, of a realistic identity's size.</summary>
    private static string Envelope()
    {
        var identity = JsonSerializer.SerializeToUtf8Bytes(new
        {
            person = new { lastName = "Жаксылыкова", firstName = "Гульнара", patronymic = "Серикбаевна", birthDate = "1987-04-12", iin = "870412450123" },
            contact = new { phone = "+77011234567", email = "g.zhaksylykova@example.kz", address = "Алматы, мкр. Самал-2, д. 58, кв. 114", language = "kk" },
            note = "Свидетель по делу о пытках в ИВС; просит связываться только через адвоката.",
        });
        var recipients = Enumerable.Range(0, 3).Select(_ => RecoveryKey.ParsePublic(RecoveryKey.Generate().PublicText)).ToArray();
        return IdentityEnvelope.Seal(identity, Guid.CreateVersion7().ToByteArray(), recipients).ToJson();
    }

    private static async Task FillAsync(Func<AigaqDb> factory, Person[] people, BlindIndex index, string envelope)
    {
        var recordedBy = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        for (var first = 0; first < people.Length; first += Chunk)
        {
            await using var db = factory();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(people.Length, first + Chunk); i++)
            {
                var p = people[i];
                db.Add(new ProtectedPerson
                {
                    Id = Guid.CreateVersion7(at),
                    Seq = i + 1,
                    Pseudonym = Pseudonyms.Of(i + 1),
                    Role = (ProtectedRole)(i % 5),
                    Disclosure = (Disclosure)(i % 3),
                    Risk = (RiskLevel)(i % 3),
                    Region = Regions[i % Regions.Length],
                    Identity = envelope,
                    IinIndex = index.OfIin(p.Iin),
                    NameIndex = index.OfName(p.LastName, p.FirstName, RegisterProtectedPerson.BirthDateOf(p.Born, p.Iin)),
                    RecordedAt = at,
                    RecordedBy = recordedBy,
                });
            }

            await db.SaveChangesAsync();
        }

        // Statistics, as autovacuum or the application's use would leave them.
        await using var stats = factory();
        await stats.Database.ExecuteSqlRawAsync(stats.Database.IsNpgsql() ? "VACUUM ANALYZE protected_persons" : "ANALYZE");
    }

    private static Func<AigaqDb> PgFactory(string admin, string database)
    {
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, SslMode = SslMode.Disable }.ToString();
        var options = new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql(DataModule.Tuned(cs)).Options;
        return new PooledDbContextFactory<PostgresAigaqDb>(options).CreateDbContext;
    }

    private static Func<AigaqDb> SqliteFactory(string file)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        var options = new DbContextOptionsBuilder<SqliteAigaqDb>().UseSqlite(cs).AddInterceptors(new SqlitePragmas()).Options;
        return new PooledDbContextFactory<SqliteAigaqDb>(options).CreateDbContext;
    }

    private static async Task CreateAsync(
        string provider, string admin, string database, string dir, Func<AigaqDb> full, Func<AigaqDb> empty)
    {
        await DropAsync(provider, admin, database, dir);
        if (provider == "pg")
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ToString());
            await connection.OpenAsync();
            foreach (var name in new[] { database, database + "_empty" })
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        foreach (var factory in new[] { full, empty })
        {
            await using var db = factory();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
    }

    private static async Task DropAsync(string provider, string admin, string database, string dir)
    {
        if (provider == "pg")
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ToString());
            await connection.OpenAsync();
            foreach (var name in new[] { database, database + "_empty" })
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        else
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(dir, "*.db*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>What the application runs on every SQLite connection it opens (DataModule's interceptor).</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}
