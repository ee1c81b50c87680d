using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
internal static partial class CaseBench
{
    private const int Chunk = 20_000;

    /// <summary>The end of the generated history, before the session's own clock.</summary>
    private static readonly DateTimeOffset End = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Begin = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.FromHours(6)).ToUniversalTime();

    // Regions weighted roughly by population: the three cities and the big oblasts get more reports.
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
}
