using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task A_scan_asks_for_the_raised_alerts_once_per_batch_and_counts_each_alert_it_raises_once()
    {
        var facility = await nodes.First.FacilityAsync();
        var officer = await nodes.First.UserAsync(Roles.Officer);
        var now = nodes.First.Now;
        for (var i = 0; i < 4; i++)
        {
            await nodes.First.RegisterAsync(officer, facility.Id, now.AddHours(-44));
        }

        var before = await nodes.First.WithDbAsync(db => db.Set<Alert>().CountAsync());
        var rules = nodes.First.Services.GetRequiredService<RulePackCatalog>();
        var reads = new AlertReads();
        int raised;
        await using (var db = await nodes.First.WithDbAsync(db => Task.FromResult(WithInterceptor(db.GetType(), reads))))
        {
            raised = await ClockScanner.ScanClocksAsync(db, rules, now, CancellationToken.None);
        }

        // Every detention of the batch has clocks run out (these four, and any left by the other tests): one read of the
        // alerts already raised for all of them, not one per detention.
        Assert.Equal(1, reads.Count);
        Assert.Equal(await nodes.First.WithDbAsync(db => db.Set<Alert>().CountAsync()) - before, raised);
        Assert.True(raised >= 12, $"raised {raised}");
    }

    /// <summary>A context of the application's own type and options (its interceptors kept), with one interceptor more.</summary>
    private AigaqDb WithInterceptor(Type context, IInterceptor interceptor)
    {
        var options = (DbContextOptions)nodes.First.Services.GetRequiredService(typeof(DbContextOptions<>).MakeGenericType(context));
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(context), options)!;
        builder.AddInterceptors(interceptor);
        return (AigaqDb)Activator.CreateInstance(context, builder.Options)!;
    }

    /// <summary>Counts the queries of the alerts table a context sends.</summary>
    private sealed class AlertReads : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && command.CommandText.Replace("\"", "", StringComparison.Ordinal).Contains("FROM alerts", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
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
