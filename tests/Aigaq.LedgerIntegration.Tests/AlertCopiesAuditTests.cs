using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// An alert keeps a copy of its detention's facility and moment of detention, by which the visit plan counts it (issue 17,
/// item 2). The copies are in no log entry, so the audit checks each against the detention the log proves: an alert
/// moved to another place, out of the plan's window, hidden from it, or given copies while naming no detention is named.
/// A log written before the copies existed still audits clean once the migration has filled them, and the plan reads the
/// same from it.
/// </summary>
public sealed class AlertCopiesAuditTests
{
    /// <summary>A moment before the plan's window: set as a constant, since SQLite translates no date arithmetic in an update.</summary>
    private static readonly DateTimeOffset LongBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tampers = ["facility", "detainedAt", "cleared", "noDetention"];

    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(Tampers);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_an_alert_whose_copy_of_its_detention_differs(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        var (late, _) = await ScenarioAsync(app);
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        var alert = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.DetentionId == late && a.Code == AlertCodes.LateRegistration).SingleAsync());
        // Another place (by id alone: a facility added behind the log's back would be named as well).
        var elsewhere = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            var row = db.Set<Alert>().Where(a => a.Id == alert.Id);
            return tamper switch
            {
                "facility" => row.ExecuteUpdateAsync(u => u.SetProperty(a => a.DetentionFacilityId, elsewhere)),
                "detainedAt" => row.ExecuteUpdateAsync(u => u.SetProperty(a => a.DetainedAt, LongBefore)),
                "cleared" => row.ExecuteUpdateAsync(u => u.SetProperty(a => a.DetentionFacilityId, (Guid?)null).SetProperty(a => a.DetainedAt, (DateTimeOffset?)null)),
                "noDetention" => row.ExecuteUpdateAsync(u => u.SetProperty(a => a.DetentionId, (Guid?)null)),
                _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
            };
        });

        var failures = await app.AuditAsync();
        if (tamper == "noDetention")
        {
            // The detention it names is in its entry; the copies it kept are now of nothing it names.
            Assert.Equal(2, failures.Count);
            Assert.Contains(failures, f => f.StartsWith($"alert.state {alert.Id}: commitment mismatch", StringComparison.Ordinal));
            Assert.Contains($"alert {alert.Id}: keeps a detention's facility or moment of detention but names no detention", failures);
        }
        else
        {
            // Only the copy is named: it is in no log entry, so the alert's own entry still matches.
            Assert.Equal($"alert {alert.Id}: its copy of the facility and moment of detention differs from detention {late}", Assert.Single(failures));
        }
    }

    /// <summary>
    /// Alerts raised before the copies existed: their rows are taken back to the schema before this change (the migration
    /// undone drops the copies), then brought forward again by the migration, which fills them from the detentions. The
    /// log is not touched, its entries commit to the same states, the audit finds nothing and the plan is the same.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_old_log_audits_clean_once_the_migration_fills_the_copies_and_the_plan_reads_the_same(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        var (_, facility) = await ScenarioAsync(app);
        await app.IntegrateAllAsync();
        var analyst = await app.UserAsync(Roles.Analyst, region: null);
        var plan = await PlanAsync(analyst.Client);
        var reasons = plan.Single(f => f!["id"]!.GetValue<Guid>() == facility)!["reasons"]!.AsArray()
            .ToDictionary(r => r!["factor"]!.GetValue<string>(), r => r!);
        Assert.True(reasons["alertsPer100Detentions"]["count"]!.GetValue<int>() >= 1);
        Assert.Equal(2, reasons["alertsPer100Detentions"]["of"]!.GetValue<int>());
        Assert.True(reasons["clocksExceeded"]["value"]!.GetValue<decimal>() >= 1);
        var entries = await EntriesAsync(app);

        var (before, mine) = await app.WithDbAsync(db =>
        {
            var all = db.Database.GetMigrations().ToList();
            var at = all.FindIndex(m => m.EndsWith("_Plan26AlertCopies", StringComparison.Ordinal));
            Assert.True(at > 0, "the migration that adds the copies is not found");
            return Task.FromResult((all[at - 1], all[at]));
        });
        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(before);
            return 0;
        });
        Assert.DoesNotContain(mine, await app.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync();
            return 0;
        });

        var copies = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.DetentionId != null)
            .Join(db.Set<Detention>(), a => a.DetentionId, d => (Guid?)d.Id, (a, d) => new { a.DetentionFacilityId, a.DetainedAt, d.DestinationFacilityId, Detained = d.DetainedAt })
            .ToListAsync());
        Assert.Contains(copies, c => c.DestinationFacilityId == facility);
        Assert.All(copies, c => Assert.Equal((c.DestinationFacilityId, c.Detained), (c.DetentionFacilityId!.Value, c.DetainedAt!.Value)));
        Assert.Equal(entries, await EntriesAsync(app));
        Assert.Empty(await app.AuditAsync());
        Assert.Equal(plan.ToJsonString(), (await PlanAsync(analyst.Client)).ToJsonString());
    }

    /// <summary>
    /// Through the API and the clock scan: a prosecutor of the region (so that registration queues a message to them), two
    /// detentions at a facility, one registered late; then the scan hours later raises the clocks' alerts and, the
    /// message still unsent, the notification's. Every way an alert about a detention is raised keeps the copies.
    /// </summary>
    private static async Task<(Guid Late, Guid Facility)> ScenarioAsync(LogNode app)
    {
        await app.UserAsync(Roles.Prosecutor, "KZ-75");
        using var officer = await app.OfficerAsync();
        var late = await app.RegisterDetentionAsync(officer, 30);
        var onTime = await app.RegisterDetentionAsync(officer, 1);
        await app.ScanAsync(DateTimeOffset.UtcNow.AddHours(6));

        var alerts = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.DetentionId == late || a.DetentionId == onTime)
            .Join(db.Set<Detention>(), a => a.DetentionId, d => (Guid?)d.Id, (a, d) => new { a.Code, a.DetentionFacilityId, a.DetainedAt, d.DestinationFacilityId, Detained = d.DetainedAt })
            .ToListAsync());
        Assert.Contains(alerts, a => a.Code == AlertCodes.LateRegistration);
        Assert.Contains(alerts, a => a.Code == AlertCodes.ProtocolOverdue);
        Assert.Contains(alerts, a => a.Code == AlertCodes.NotificationUndelivered);
        Assert.All(alerts, a => Assert.Equal((a.DestinationFacilityId, a.Detained), (a.DetentionFacilityId!.Value, a.DetainedAt!.Value)));
        return (late, alerts[0].DestinationFacilityId);
    }

    /// <summary>The plan of next year for the region, read now: its window holds the scenario's detentions.</summary>
    private static async Task<JsonArray> PlanAsync(HttpClient analyst)
    {
        var next = DateTimeOffset.UtcNow.Year + 1;
        var response = await analyst.GetAsync($"/api/v1/visits/plan?year={next}&region=KZ-75");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["facilities"]!.AsArray();
    }

    private static Task<List<(long Index, string Kind, Guid RecordId, string Commitment)>> EntriesAsync(LogNode app) =>
        app.WithDbAsync(async db => (await db.Set<LedgerEntry>().OrderBy(e => e.Index)
            .Select(e => new { e.Index, e.Kind, e.RecordId, e.Commitment }).ToListAsync())
            .Select(e => (e.Index, e.Kind, e.RecordId, e.Commitment)).ToList());
}
