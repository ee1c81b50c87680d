using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// The clock scanner on two app instances sharing one database: each clock alert is raised once
/// however many scans, on however many nodes, see it.
/// </summary>
public abstract class ClockScannerTests(TwoHostsFixture nodes)
{
    private async Task<Dictionary<string, int>> AlertCountsAsync(Guid detentionId) =>
        await nodes.First.WithDbAsync(db => db.Set<Alert>().Where(a => a.DetentionId == detentionId)
            .GroupBy(a => a.Code).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count));

    private async Task ScanOnBothNodesTwiceAsync(DateTimeOffset at)
    {
        await Task.WhenAll(nodes.First.ScanAsync(at), nodes.Second.ScanAsync(at));
        await Task.WhenAll(nodes.First.ScanAsync(at), nodes.Second.ScanAsync(at));
    }

    [Fact]
    public async Task Each_overdue_clock_raises_its_alert_once_across_two_nodes_and_repeated_scans()
    {
        var facility = await nodes.First.FacilityAsync();
        var officer = await nodes.First.UserAsync(Roles.Officer);
        var now = nodes.First.Now;
        // Registered now for a detention 44 h ago: protocol and delivery are overdue, the court deadline is near.
        var near = (await nodes.First.RegisterAsync(officer, facility.Id, now.AddHours(-44))).Id();
        var exceeded = (await nodes.First.RegisterAsync(officer, facility.Id, now.AddHours(-49))).Id();

        await ScanOnBothNodesTwiceAsync(now);

        var nearAlerts = await AlertCountsAsync(near);
        Assert.Equal(1, nearAlerts.GetValueOrDefault(AlertCodes.CourtDeadlineNear));
        Assert.Equal(1, nearAlerts.GetValueOrDefault(AlertCodes.ProtocolOverdue));
        Assert.Equal(1, nearAlerts.GetValueOrDefault(AlertCodes.DeliveryOverdue));
        Assert.False(nearAlerts.ContainsKey(AlertCodes.CourtDeadlineExceeded));
        var exceededAlerts = await AlertCountsAsync(exceeded);
        Assert.Equal(1, exceededAlerts.GetValueOrDefault(AlertCodes.CourtDeadlineExceeded));
    }

    [Fact]
    public async Task A_scan_after_all_alerts_are_raised_raises_nothing_more()
    {
        var facility = await nodes.First.FacilityAsync();
        var officer = await nodes.First.UserAsync(Roles.Officer);
        var now = nodes.First.Now;
        await nodes.First.RegisterAsync(officer, facility.Id, now.AddHours(-4));
        await nodes.First.ScanAsync(now);

        Assert.Equal(0, await nodes.Second.ScanAsync(now));
    }

    [Fact]
    public async Task Clocks_that_have_not_run_out_raise_nothing()
    {
        var facility = await nodes.First.FacilityAsync();
        var officer = await nodes.First.UserAsync(Roles.Officer);
        var now = nodes.First.Now;
        var fresh = (await nodes.First.RegisterAsync(officer, facility.Id, now.AddMinutes(-1))).Id();

        await ScanOnBothNodesTwiceAsync(now.AddMinutes(1));

        Assert.Empty(await AlertCountsAsync(fresh));
    }

    [Fact]
    public async Task Undelivered_notifications_raise_one_NotificationUndelivered_per_detention_after_the_bound()
    {
        var facility = await nodes.First.FacilityAsync();
        var officer = await nodes.First.UserAsync(Roles.Officer);
        var now = nodes.First.Now;
        // No SMTP and no SMS gateway here: both messages stay in the outbox.
        var id = (await nodes.First.RegisterAsync(officer, facility.Id, now, body => body["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгуль", phone: "+77011234567", email: "aigul@example.kz")))).Id();

        await ScanOnBothNodesTwiceAsync(now.AddMinutes(14));
        Assert.False((await AlertCountsAsync(id)).ContainsKey(AlertCodes.NotificationUndelivered));

        await ScanOnBothNodesTwiceAsync(now.AddMinutes(16));
        Assert.Equal(1, (await AlertCountsAsync(id)).GetValueOrDefault(AlertCodes.NotificationUndelivered));
    }
}

public sealed class ClockScannerOnSqlite(TwoSqliteHosts nodes) : ClockScannerTests(nodes), IClassFixture<TwoSqliteHosts>;

public sealed class ClockScannerOnPostgres(TwoPostgresHosts nodes) : ClockScannerTests(nodes), IClassFixture<TwoPostgresHosts>;
