using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// <c>cases</c> mode: builds a PostgreSQL database holding <c>--reports</c> reports (default 1,000,000)
/// received from 2019 to late 2026 in all 20 regions, with their alleged agencies, decisions, the cases
/// the registered ones opened, those cases' events (qualification, conflict decisions, stages) and the
/// referrals of escalated conflicts, for the funnel and the /reports page to be timed over
/// (bench/cases/run.sh, bench/CASES.md). Rows go in by Npgsql binary COPY in the columns and JSON
/// shapes the application writes; the projections (status, case id, stage, sent to court, convicted,
/// closed, responsible body) agree with the facts. The routing comes from the application's own rule
/// pack and <see cref="Jurisdiction"/>. No log entries are written: neither the funnel nor the page
/// reads them (so <c>aigaq log audit</c> is not meaningful on this database).
/// </summary>
internal static class CaseBench
{
    private const int Chunk = 20_000;

    /// <summary>The end of the generated history, before the session's own clock.</summary>
    private static readonly DateTimeOffset End = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Begin = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.FromHours(6)).ToUniversalTime();

    // Regions weighted roughly by population: the three cities and the big oblasts get more reports.
    private static readonly (string Code, int Weight)[] RegionWeights =
    [
        ("KZ-71", 8), ("KZ-75", 11), ("KZ-79", 6), ("KZ-10", 3), ("KZ-11", 4), ("KZ-15", 4), ("KZ-19", 8), ("KZ-23", 3),
        ("KZ-27", 3), ("KZ-31", 6), ("KZ-33", 3), ("KZ-35", 6), ("KZ-39", 4), ("KZ-43", 4), ("KZ-47", 4), ("KZ-55", 4),
        ("KZ-59", 3), ("KZ-61", 10), ("KZ-62", 1), ("KZ-63", 5),
    ];

    // Police and penitentiary staff are named in most reports (DOMAIN.md, problem 9).
    private static readonly (Agency Agency, int Weight)[] AgencyWeights =
    [
        (Agency.Police, 640), (Agency.Penitentiary, 230), (Agency.NationalSecurity, 30), (Agency.Prosecutor, 15),
        (Agency.AntiCorruption, 15), (Agency.FinancialMonitoring, 5), (Agency.Military, 25), (Agency.Medical, 15),
        (Agency.Education, 5), (Agency.SocialCare, 10), (Agency.Other, 10),
    ];

    private static readonly (ReportSource Source, int Weight)[] SourceWeights =
    [
        (ReportSource.DetaineeComplaint, 35), (ReportSource.Relative, 15), (ReportSource.Lawyer, 15), (ReportSource.Media, 3),
        (ReportSource.SocialNetwork, 4), (ReportSource.Medical, 8), (ReportSource.MonitoringVisit, 5), (ReportSource.Ombudsman, 6),
        (ReportSource.Anonymous, 4), (ReportSource.Staff, 5),
    ];

    private static readonly (int Part, int Weight)[] PartWeights = [(1, 55), (2, 30), (3, 12), (4, 3)];

    private static readonly string[] LastNames = ["Ахметов", "Серикбаев", "Иванов", "Нурланов", "Жумабаев", "Ким", "Омаров", "Касымов", "Абенов", "Тулегенов"];
    private static readonly string[] FirstNames = ["Айдос", "Ерлан", "Дмитрий", "Нурсултан", "Асхат", "Виктор", "Бауыржан", "Данияр", "Марат", "Олжас"];
    private static readonly string[] Narratives =
    [
        "Заявитель сообщает, что при задержании сотрудники нанесли ему удары по голове и телу, требуя признания в краже.",
        "Со слов матери, сын после доставления в ИВС жаловался на побои и угрозы; на лице видны гематомы.",
        "Осуждённый сообщил членам НПМ, что в карантинном отделении его избивали и держали в наручниках несколько часов.",
        "Адвокат сообщает, что подзащитного допрашивали ночью без защитника, применяли удушение пакетом.",
        "Медицинский работник при поступлении зафиксировал множественные ссадины и перелом ребра, задержанный указал на конвой.",
    ];

    private static readonly string[] RefusalGrounds =
    [
        "Доводы не подтвердились в ходе проверки: телесных повреждений не выявлено (ст. 35 ч. 1 п. 1 УПК).",
        "Отсутствие в деянии состава уголовного правонарушения.",
        "Заявитель отказался от своих доводов; видеозапись не подтверждает применение насилия.",
    ];

    private static readonly string[] DiscontinueGrounds =
    [
        "отсутствие состава уголовного правонарушения",
        "непричастность подозреваемого",
        "истечение сроков досудебного расследования без установления лица",
    ];

    public static async Task RunAsync(Options options)
    {
        var admin = options.Get("pg", "Host=127.0.0.1;Username=aigaq;Password=aigaq");
        var database = options.Get("db", "aigaq_casebench");
        var total = options.Int("reports", 1_000_000);
        var seed = options.Int("seed", 146);
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, SslMode = SslMode.Disable, CommandTimeout = 0 }.ToString();

        var clock = Stopwatch.StartNew();
        await RecreateAsync(admin, database);
        var dbOptions = new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql(cs).Options;
        await using (var db = new PostgresAigaqDb(dbOptions))
        {
            await db.Database.MigrateAsync();
        }

        var migrate = clock.Elapsed.TotalSeconds;
        clock.Restart();

        var pack = RulePackCatalog.LoadEmbedded().At(Begin);
        var random = new Random(seed);
        var staff = Enumerable.Range(0, 200).Select(i => Guid.CreateVersion7(Begin.AddMinutes(i))).ToArray();
        var step = (End - Begin).Ticks / total;
        var counts = new Counts();

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        for (var first = 1L; first <= total; first += Chunk)
        {
            var batch = new Batch();
            for (var seq = first; seq < first + Chunk && seq <= total; seq++)
            {
                var receivedAt = Begin.AddTicks(step * (seq - 1) + random.NextInt64(step));
                NewReport(batch, counts, pack, random, staff, seq, receivedAt);
            }

            await CopyReportsAsync(connection, batch.Reports);
            await CopyAllegedAsync(connection, batch.Reports.SelectMany(r => r.Alleged));
            await CopyDecisionsAsync(connection, batch.Decisions);
            await CopyCasesAsync(connection, batch.Cases);
            await CopyEventsAsync(connection, batch.Events);
            await CopyReferralsAsync(connection, batch.Referrals);
            Console.Error.WriteLine($"cases: {Math.Min(total, first + Chunk - 1)} reports written");
        }

        // The next report number the application hands out follows the generated ones.
        await using (var cmd = new NpgsqlCommand($"SELECT setval('reports_number', {total})", connection))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        // As autovacuum would leave the tables after the load: statistics and the visibility map.
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "cases",
            reports = total,
            counts.Waiting,
            counts.Refused,
            counts.Registered,
            counts.SentToCourt,
            counts.Convicted,
            counts.Discontinued,
            counts.Escalated,
            migrateSeconds = Math.Round(migrate, 1),
            generateSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        }));
    }

    private sealed class Counts
    {
        public int Waiting { get; set; }
        public int Refused { get; set; }
        public int Registered { get; set; }
        public int SentToCourt { get; set; }
        public int Convicted { get; set; }
        public int Discontinued { get; set; }
        public int Escalated { get; set; }
    }

    private sealed class Batch
    {
        public List<Report> Reports { get; } = [];
        public List<ReportDecision> Decisions { get; } = [];
        public List<Case> Cases { get; } = [];
        public List<CaseEvent> Events { get; } = [];
        public List<Referral> Referrals { get; } = [];
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] weights)
    {
        var n = random.Next(weights.Sum(w => w.Weight));
        foreach (var (value, weight) in weights)
        {
            if (n < weight)
            {
                return value;
            }

            n -= weight;
        }

        return weights[^1].Value;
    }

    private static void NewReport(Batch batch, Counts counts, RulePack pack, Random random, Guid[] staff, long seq, DateTimeOffset receivedAt)
    {
        var region = Pick(random, RegionWeights);
        var source = Pick(random, SourceWeights);
        var anonymous = source == ReportSource.Anonymous;
        var recordedAt = receivedAt.AddMinutes(5 + random.Next(600));
        var id = Guid.CreateVersion7(recordedAt);
        var year = pack.ToLocal(receivedAt).Year;
        var victims = anonymous ? [] : new List<ReportVictim>
        {
            new()
            {
                LastName = LastNames[random.Next(LastNames.Length)],
                FirstName = FirstNames[random.Next(FirstNames.Length)],
                Patronymic = random.Next(3) == 0 ? null : "Серикович",
                BirthDate = new DateOnly(1960, 1, 1).AddDays(random.Next(16_000)),
            },
        };
        var agencies = new List<Agency> { Pick(random, AgencyWeights) };
        if (random.Next(10) == 0)
        {
            agencies.Add(Pick(random, AgencyWeights));
        }

        var report = new Report
        {
            Id = id,
            Seq = seq,
            Number = FormattableString.Invariant($"R{region[3..]}-{seq:D6}"),
            ReceivedAt = receivedAt,
            ReceivedYear = year,
            RecordedAt = recordedAt,
            RecordedBy = staff[random.Next(staff.Length)],
            Source = source,
            Narrative = Narratives[random.Next(Narratives.Length)],
            Region = region,
            IncidentAt = receivedAt.AddHours(-random.Next(1, 240)),
            Injuries = random.Next(3) == 0 ? "гематомы, ссадины" : null,
            Anonymous = anonymous,
            Victims = victims,
            Alleged = [.. agencies.Select(a => new AllegedPerpetrator { ReportId = id, Agency = a, ReceivedYear = year, Region = region, Unit = a == Agency.Police ? "ОП района" : null })],
            RulePackId = pack.Id,
            Status = ReportStatus.Received,
            RegistrationDueBy = receivedAt.AddHours(pack.Reports.RegistrationWithinHours),
        };
        batch.Reports.Add(report);

        // Waiting: what arrived in the last three days, and a few parked reports of every year.
        if (receivedAt > End.AddDays(-3) || random.Next(250) == 0)
        {
            counts.Waiting++;
            return;
        }

        // About one report in eight is registered; most late, a few very late.
        if (random.Next(100) >= 12)
        {
            var at = recordedAt.AddHours(2 + random.Next(200));
            batch.Decisions.Add(new ReportDecision
            {
                Id = Guid.CreateVersion7(at),
                ReportId = id,
                Kind = ReportDecisionKind.Refused,
                At = at,
                RecordedAt = at,
                RecordedBy = staff[random.Next(staff.Length)],
                Reason = RefusalGrounds[random.Next(RefusalGrounds.Length)],
            });
            report.Status = ReportStatus.Refused;
            report.Version = 1;
            counts.Refused++;
            return;
        }

        var hours = random.Next(5) == 0 ? 24 + random.Next(400) : 1 + random.Next(23);
        var registeredAt = receivedAt.AddHours(hours).AddMinutes(random.Next(60));
        var now = registeredAt.AddMinutes(10 + random.Next(300));
        var part = Pick(random, PartWeights);
        var torture = Jurisdiction.IsTorturePart(pack, part) || (part > 2 && random.Next(10) == 0);
        var prosecutor = staff[random.Next(staff.Length)];
        var c = new Case
        {
            Id = Guid.CreateVersion7(now),
            ErdrNumber = FormattableString.Invariant($"{receivedAt.Year % 100:D2}{region[3..]}{seq:D11}"),
            ReportId = id,
            Region = region,
            RegisteredAt = registeredAt,
            RecordedAt = now,
            RecordedBy = prosecutor,
            RulePackId = pack.Id,
            ReceivedYear = report.ReceivedYear,
            HoursToRegistration = Math.Max(0, (registeredAt - receivedAt).TotalHours),
            RegisteredInTime = registeredAt <= report.RegistrationDueBy,
            Part = part,
            Torture = torture,
            ResponsibleRegion = region,
        };
        c.ResponsibleKind = CaseRouting.Target(pack, c, agencies);
        batch.Cases.Add(c);
        counts.Registered++;
        var events = batch.Events;
        var qualified = Event(c, CaseEventTypes.Qualified, registeredAt, prosecutor, now,
            new JsonObject { ["part"] = part, ["torture"] = torture, ["routedTo"] = c.ResponsibleKind.ToString() }, null);
        events.Add(qualified);
        batch.Decisions.Add(new ReportDecision
        {
            Id = Guid.CreateVersion7(now),
            ReportId = id,
            Kind = ReportDecisionKind.Registered,
            At = registeredAt,
            RecordedAt = now,
            RecordedBy = prosecutor,
            ErdrNumber = c.ErdrNumber,
            Part = part,
            CaseId = c.Id,
        });
        report.Status = ReportStatus.Registered;
        report.CaseId = c.Id;
        report.Version = 1;

        // An institutional conflict: the supervisory prosecutor escalates most of them (the
        // special prosecutor accepts the referral) and keeps the rest, with reasons.
        var t = now;
        if (Jurisdiction.Conflicts(pack, c.ResponsibleKind, agencies).Count > 0)
        {
            t = t.AddHours(2 + random.Next(46));
            var conflicted = c.ResponsibleKind;
            if (t > End)
            {
                c.ConflictOpen = true;
                return;
            }

            var escalate = random.Next(10) < 7 && Jurisdiction.EscalationOf(pack, conflicted) is not null;
            c.Conflict = escalate ? ConflictDecision.Escalate : ConflictDecision.Keep;
            var target = CaseRouting.Target(pack, c, agencies);
            var reason = escalate ? "Сотрудники органа, которому подследственно дело, входят в группу обвиняемых ведомств." : "Подразделение не связано с подозреваемыми; передача затянет расследование.";
            events.Add(Event(c, CaseEventTypes.ConflictDecided, t, prosecutor, t,
                new JsonObject { ["decision"] = c.Conflict.ToString(), ["body"] = conflicted.ToString(), ["routedTo"] = target.ToString() }, reason));
            c.Version++;
            if (escalate)
            {
                var accepted = t.AddHours(1 + random.Next(20));
                batch.Referrals.Add(new Referral
                {
                    Id = Guid.CreateVersion7(t),
                    CaseId = c.Id,
                    FromKind = conflicted,
                    FromRegion = region,
                    ToKind = target,
                    ToRegion = region,
                    Reason = reason,
                    CreatedAt = t,
                    CreatedBy = prosecutor,
                    DueBy = t.AddHours(pack.Cases.ReferralAcceptWithinHours),
                    Status = ReferralStatus.Accepted,
                    AcceptedAt = accepted <= End ? accepted : null,
                    AcceptedBy = accepted <= End ? staff[random.Next(staff.Length)] : null,
                });
                if (accepted > End)
                {
                    batch.Referrals[^1].Status = ReferralStatus.Pending;
                    return;
                }

                c.ResponsibleKind = target;
                c.Version++;
                counts.Escalated++;
                t = accepted;
            }
        }

        // The attrition: few cases reach court (4.5 % in 2023, DOMAIN.md), most are discontinued.
        var course = random.Next(1000);
        var investigator = staff[random.Next(staff.Length)];
        bool Stage(CaseStage stage, int minDays, int maxDays, JsonObject? extra = null)
        {
            var at = t.AddDays(minDays + random.Next(maxDays - minDays)).AddMinutes(random.Next(600));
            var recorded = at.AddMinutes(5 + random.Next(120));
            if (recorded > End)
            {
                return false;
            }

            var data = new JsonObject { ["stage"] = JsonNamingPolicy.CamelCase.ConvertName(stage.ToString()) };
            foreach (var (k, v) in extra ?? new JsonObject())
            {
                data[k] = v?.DeepClone();
            }

            events.Add(Event(c, CaseEventTypes.Stage, at, investigator, recorded, data, null));
            c.Stage = stage;
            c.Version++;
            t = at;
            return true;
        }

        if (course < 45)
        {
            if (!Stage(CaseStage.SuspectIdentified, 5, 60) || !Stage(CaseStage.SentToCourt, 20, 120))
            {
                return;
            }

            c.SentToCourtAt = t;
            counts.SentToCourt++;
            var convicted = random.Next(100) < 85;
            if (Stage(CaseStage.Verdict, 30, 200, new JsonObject { ["outcome"] = convicted ? "convicted" : "acquitted", ["suspended"] = convicted && random.Next(4) == 0 }))
            {
                c.Convicted = convicted;
                c.Closed = true;
                counts.Convicted += convicted ? 1 : 0;
            }
        }
        else if (course < 800)
        {
            if (course < 200 && !Stage(CaseStage.SuspectIdentified, 5, 60))
            {
                return;
            }

            if (Stage(CaseStage.Discontinued, 30, 360, new JsonObject { ["grounds"] = DiscontinueGrounds[random.Next(DiscontinueGrounds.Length)] }))
            {
                c.Closed = true;
                counts.Discontinued++;
            }
        }
        else if (course < 900)
        {
            Stage(CaseStage.SuspectIdentified, 5, 90);
        }
    }

    private static CaseEvent Event(Case c, string type, DateTimeOffset at, Guid user, DateTimeOffset recordedAt, JsonObject data, string? reason) => new()
    {
        Id = Guid.CreateVersion7(recordedAt),
        CaseId = c.Id,
        Type = type,
        At = at,
        RecordedAt = recordedAt,
        RecordedBy = user,
        Data = data.ToJsonString(),
        Reason = reason,
    };

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

    private static readonly JsonSerializerOptions VictimJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The owned-entity JSON EF writes for <see cref="Report.Victims"/>: property names as in the class.</summary>
    private static string Victims(List<ReportVictim> victims) => JsonSerializer.Serialize(
        victims.Select(v => new { v.BirthDate, v.FirstName, v.Iin, v.LastName, v.Patronymic }), VictimJson);

    private static async Task CopyReportsAsync(NpgsqlConnection connection, List<Report> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY reports ("Id","Seq","Number","ReceivedAt","ReceivedYear","RecordedAt","RecordedBy","Source","Narrative","Region","DetentionId","DetentionEventId","FacilityId","IncidentAt","Injuries","Anonymous","RulePackId","Status","RegistrationDueBy","CaseId","Version","Victims") FROM STDIN (FORMAT BINARY)""");
        foreach (var r in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.Seq, NpgsqlDbType.Bigint);
            await w.WriteAsync(r.Number, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.ReceivedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.ReceivedYear, NpgsqlDbType.Integer);
            await w.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.Source.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Narrative, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Region, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, r.DetentionId, NpgsqlDbType.Uuid);
            await WriteNullableAsync(w, r.DetentionEventId, NpgsqlDbType.Uuid);
            await WriteNullableAsync(w, r.FacilityId, NpgsqlDbType.Uuid);
            await WriteNullableAsync(w, r.IncidentAt, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(w, r.Injuries, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Anonymous, NpgsqlDbType.Boolean);
            await w.WriteAsync(r.RulePackId, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.RegistrationDueBy, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(w, r.CaseId, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.Version, NpgsqlDbType.Integer);
            await w.WriteAsync(Victims(r.Victims), NpgsqlDbType.Jsonb);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyAllegedAsync(NpgsqlConnection connection, IEnumerable<AllegedPerpetrator> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY report_alleged ("ReportId","Agency","ReceivedYear","Region","Unit","Name") FROM STDIN (FORMAT BINARY)""");
        foreach (var a in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(a.ReportId, NpgsqlDbType.Uuid);
            await w.WriteAsync(a.Agency.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(a.ReceivedYear, NpgsqlDbType.Integer);
            await w.WriteAsync(a.Region, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, a.Unit, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, a.Name, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyDecisionsAsync(NpgsqlConnection connection, List<ReportDecision> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY report_decisions ("Id","ReportId","Kind","At","RecordedAt","RecordedBy","ErdrNumber","Part","CaseId","Reason") FROM STDIN (FORMAT BINARY)""");
        foreach (var d in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(d.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.ReportId, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.Kind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(d.At, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RecordedBy, NpgsqlDbType.Uuid);
            await WriteNullableAsync(w, d.ErdrNumber, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, d.Part, NpgsqlDbType.Integer);
            await WriteNullableAsync(w, d.CaseId, NpgsqlDbType.Uuid);
            await WriteNullableAsync(w, d.Reason, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyCasesAsync(NpgsqlConnection connection, List<Case> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY cases ("Id","ErdrNumber","ReportId","Region","RegisteredAt","RecordedAt","RecordedBy","RulePackId","ReceivedYear","HoursToRegistration","RegisteredInTime","Part","Torture","ResponsibleKind","ResponsibleRegion","Conflict","ConflictOpen","Stage","SentToCourtAt","Convicted","Closed","Version") FROM STDIN (FORMAT BINARY)""");
        foreach (var c in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.ErdrNumber, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ReportId, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.Region, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.RegisteredAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.RulePackId, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ReceivedYear, NpgsqlDbType.Integer);
            await w.WriteAsync(c.HoursToRegistration, NpgsqlDbType.Double);
            await w.WriteAsync(c.RegisteredInTime, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.Part, NpgsqlDbType.Integer);
            await w.WriteAsync(c.Torture, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.ResponsibleKind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ResponsibleRegion, NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, c.Conflict?.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ConflictOpen, NpgsqlDbType.Boolean);
            await WriteNullableAsync(w, c.Stage?.ToString(), NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, c.SentToCourtAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.Convicted, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.Closed, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.Version, NpgsqlDbType.Integer);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, List<CaseEvent> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY case_events ("Id","CaseId","Type","At","RecordedAt","RecordedBy","Data","Reason") FROM STDIN (FORMAT BINARY)""");
        foreach (var e in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(e.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.CaseId, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Type, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Data, NpgsqlDbType.Text);
            await WriteNullableAsync(w, e.Reason, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyReferralsAsync(NpgsqlConnection connection, List<Referral> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY referrals ("Id","CaseId","FromKind","FromRegion","ToKind","ToRegion","Reason","CreatedAt","CreatedBy","DueBy","Status","AcceptedAt","AcceptedBy") FROM STDIN (FORMAT BINARY)""");
        foreach (var r in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.CaseId, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.FromKind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.FromRegion, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.ToKind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.ToRegion, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Reason, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.CreatedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.DueBy, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar);
            await WriteNullableAsync(w, r.AcceptedAt, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(w, r.AcceptedBy, NpgsqlDbType.Uuid);
        }

        await w.CompleteAsync();
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            await w.WriteNullAsync();
        }
        else
        {
            await w.WriteAsync(value, type);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            await w.WriteAsync(v, type);
        }
        else
        {
            await w.WriteNullAsync();
        }
    }
}
