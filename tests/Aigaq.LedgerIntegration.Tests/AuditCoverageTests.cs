using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Every kind the application logs besides the detention itself (custody events, facilities,
/// accounts, alert acknowledgements, notification attempts) is checked by the audit against its
/// stored record: an edit of a committed field is a commitment mismatch, a deleted row a missing
/// record, each named by kind and record id; an entry of an unknown kind is named, not skipped.
/// </summary>
public sealed class AuditCoverageTests
{
    private static readonly string[] Tampers =
    [
        "eventAt", "eventDataNotJson", "deleteEvent", "facilityName", "deleteFacility", "userEmail", "userRole", "deleteUser",
        "alertComment", "alertReopened", "deleteAlert", "attemptSucceeded", "notificationAddress", "deleteAttempt",
        "deleteNotification", "unknownKind", "reportNarrative", "deleteReportVictimData",
        "changeReason", "deleteChange", "deleteFirstChange", "roleBehindChange", "reactivated",
        "grantApprovedBehind", "deleteGrant", "grantDecidedBy", "approverChanged", "alertMessageMoved",
    ];

    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(Tampers);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_kind_and_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store, extra: new()
        {
            // Mail to a closed port: every delivery attempt fails, and each is logged.
            ["Aigaq:Smtp:Host"] = "127.0.0.1",
            ["Aigaq:Smtp:Tls"] = "None",
            ["Aigaq:Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var s = await Scenario.BuildAsync(app);
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "eventAt":
                var at = (await app.WithDbAsync(db => db.Set<DetentionEvent>().Where(e => e.Id == s.Event).Select(e => e.At).SingleAsync())).AddHours(-3);
                await app.WithDbAsync(db => db.Set<DetentionEvent>().Where(e => e.Id == s.Event).ExecuteUpdateAsync(u => u.SetProperty(e => e.At, at)));
                expected = $"detention.event {s.Event}: commitment mismatch";
                break;
            case "eventDataNotJson":
                // Not even JSON any more: the audit names the event instead of stopping.
                await app.WithDbAsync(db => db.Set<DetentionEvent>().Where(e => e.Id == s.Event).ExecuteUpdateAsync(u => u.SetProperty(e => e.Data, "{\"injuries\": tru")));
                expected = $"detention.event {s.Event}: commitment mismatch: the stored detention event cannot be written as committed content";
                break;
            case "deleteEvent":
                await DeleteAsync(app, postgres, db => db.Set<DetentionEvent>().Where(e => e.Id == s.Event).ExecuteDeleteAsync());
                expected = $"detention.event {s.Event}: record missing";
                break;
            case "reportNarrative":
                // The injuries found at the examination became a report by themselves.
                var report = await app.WithDbAsync(db => db.Set<Aigaq.Cases.Report>().Where(r => r.DetentionEventId == s.Event).Select(r => r.Id).SingleAsync());
                await app.WithDbAsync(db => db.Set<Aigaq.Cases.Report>().Where(r => r.Id == report).ExecuteUpdateAsync(u => u.SetProperty(r => r.Narrative, "ничего не было")));
                expected = $"report.received {report}: commitment mismatch";
                break;
            case "deleteReportVictimData":
                var alleged = await app.WithDbAsync(db => db.Set<Aigaq.Cases.Report>().Where(r => r.DetentionEventId == s.Event).Select(r => r.Id).SingleAsync());
                await DeleteAsync(app, postgres, db => db.Set<Aigaq.Cases.AllegedPerpetrator>().Where(a => a.ReportId == alleged).ExecuteDeleteAsync());
                expected = $"report.received {alleged}: commitment mismatch";
                break;
            case "facilityName":
                await app.WithDbAsync(db => db.Set<Facility>().Where(f => f.Id == s.Facility).ExecuteUpdateAsync(u => u.SetProperty(f => f.Name, "ИВС другой")));
                expected = $"facility.registered {s.Facility}: commitment mismatch";
                break;
            case "deleteFacility":
                await DeleteAsync(app, postgres, db => db.Set<Facility>().Where(f => f.Id == s.Facility).ExecuteDeleteAsync());
                expected = $"facility.registered {s.Facility}: record missing";
                break;
            case "userEmail":
                await app.WithDbAsync(db => db.Users.Where(u => u.Id == s.Prosecutor).ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "someone-else@example.kz")));
                expected = $"user.created {s.Prosecutor}: commitment mismatch";
                break;
            case "userRole":
                // A role granted behind the application's back.
                await app.WithDbAsync(async db =>
                {
                    var admin = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).SingleAsync();
                    db.UserRoles.Add(new() { UserId = s.Prosecutor, RoleId = admin });
                    return await db.SaveChangesAsync();
                });
                expected = $"user.created {s.Prosecutor}: commitment mismatch";
                break;
            case "deleteUser":
                await DeleteAsync(app, postgres, db => db.Users.Where(u => u.Id == s.Prosecutor).ExecuteDeleteAsync());
                expected = $"user.created {s.Prosecutor}: record missing";
                break;
            case "changeReason":
                await app.WithDbAsync(db => db.Set<AccountChange>().Where(c => c.Id == s.Deactivation).ExecuteUpdateAsync(u => u.SetProperty(c => c.Reason, "по собственному желанию")));
                expected = $"user.changed {s.Deactivation}: commitment mismatch";
                break;
            case "deleteChange":
                // The deactivation's record gone: its entry has no record, and the account is not as its last change left it.
                await DeleteAsync(app, postgres, db => db.Set<AccountChange>().Where(c => c.Id == s.Deactivation).ExecuteDeleteAsync());
                expected = $"user.changed {s.Deactivation}: record missing";
                break;
            case "deleteFirstChange":
                await DeleteAsync(app, postgres, db => db.Set<AccountChange>().Where(c => c.Id == s.Move).ExecuteDeleteAsync());
                expected = $"user.changed {s.Move}: record missing";
                break;
            case "roleBehindChange":
                // A role given after the logged changes, behind the application's back.
                await app.WithDbAsync(async db =>
                {
                    var admin = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).SingleAsync();
                    db.UserRoles.Add(new() { UserId = s.Investigator, RoleId = admin });
                    return await db.SaveChangesAsync();
                });
                expected = $"user.changed {s.Deactivation}: account {s.Investigator} now differs from what its last logged change set";
                break;
            case "reactivated":
                await app.WithDbAsync(db => db.Users.Where(u => u.Id == s.Investigator).ExecuteUpdateAsync(u => u.SetProperty(x => x.Deactivated, false)));
                expected = $"user.changed {s.Deactivation}: account {s.Investigator} now differs from what its last logged change set";
                break;
            case "grantApprovedBehind":
                // A waiting request marked approved in the database: its state differs from its last entry, and no
                // change of the account stands behind the approval.
                await app.WithDbAsync(db => db.Set<RoleGrant>().Where(g => g.Id == s.PendingGrant).ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, RoleGrantStatus.Approved)));
                expected = $"role-grant.state {s.PendingGrant}: commitment mismatch";
                break;
            case "deleteGrant":
                await DeleteAsync(app, postgres, db => db.Set<RoleGrant>().Where(g => g.Id == s.PendingGrant).ExecuteDeleteAsync());
                expected = $"role-grant.state {s.PendingGrant}: record missing";
                break;
            case "grantDecidedBy":
                // The approval made to look like the work of the one who asked.
                await app.WithDbAsync(db => db.Set<RoleGrant>().Where(g => g.Id == s.ApprovedGrant).ExecuteUpdateAsync(u => u.SetProperty(g => g.DecidedBy, s.Asker)));
                expected = $"role-grant.state {s.ApprovedGrant}: commitment mismatch";
                break;
            case "approverChanged":
                await app.WithDbAsync(db => db.Set<AccountChange>().Where(c => c.Id == s.ApprovedChange).ExecuteUpdateAsync(u => u.SetProperty(c => c.ApprovedBy, s.Asker)));
                expected = $"user.changed {s.ApprovedChange}: commitment mismatch";
                break;
            case "alertMessageMoved":
                // The critical alert's message to the prosecutor sent elsewhere.
                await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == s.AlertMessage).ExecuteUpdateAsync(u => u.SetProperty(n => n.Address, "someone@example.kz")));
                expected = $"notification.state {s.AlertMessage}: commitment mismatch";
                break;
            case "alertComment":
                await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.Id == s.Alert).ExecuteUpdateAsync(u => u.SetProperty(a => a.Comment, "Ничего не было")));
                expected = $"alert.state {s.Alert}: commitment mismatch";
                break;
            case "alertReopened":
                // Un-acknowledged: the row is still there, so this is a mismatch, not a missing record.
                await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.Id == s.Alert).ExecuteUpdateAsync(u => u
                    .SetProperty(a => a.Status, AlertStatus.Open).SetProperty(a => a.AcknowledgedAt, (DateTimeOffset?)null)
                    .SetProperty(a => a.AcknowledgedBy, (Guid?)null).SetProperty(a => a.Comment, (string?)null)));
                expected = $"alert.state {s.Alert}: commitment mismatch";
                break;
            case "deleteAlert":
                await DeleteAsync(app, postgres, db => db.Set<Alert>().Where(a => a.Id == s.Alert).ExecuteDeleteAsync());
                expected = $"alert.state {s.Alert}: record missing";
                break;
            case "attemptSucceeded":
                await app.WithDbAsync(async db =>
                {
                    var first = await db.Set<NotificationAttempt>().Where(a => a.NotificationId == s.Notification).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
                    return await db.Set<NotificationAttempt>().Where(a => a.Id == first).ExecuteUpdateAsync(u => u.SetProperty(a => a.Succeeded, true));
                });
                expected = $"notification.attempt {s.Notification} #1: commitment mismatch";
                break;
            case "notificationAddress":
                await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == s.Notification).ExecuteUpdateAsync(u => u.SetProperty(n => n.Address, "nobody@example.kz")));
                expected = $"notification.attempt {s.Notification} #2: commitment mismatch";
                break;
            case "deleteAttempt":
                await app.WithDbAsync(async db =>
                {
                    var last = await db.Set<NotificationAttempt>().Where(a => a.NotificationId == s.Notification).OrderBy(a => a.Id).Select(a => a.Id).LastAsync();
                    return await db.Set<NotificationAttempt>().Where(a => a.Id == last).ExecuteDeleteAsync();
                });
                expected = $"notification.attempt {s.Notification} #2: record missing";
                break;
            case "deleteNotification":
                await DeleteAsync(app, postgres, async db =>
                {
                    await db.Set<NotificationAttempt>().Where(a => a.NotificationId == s.Notification).ExecuteDeleteAsync();
                    return await db.Set<Notification>().Where(n => n.Id == s.Notification).ExecuteDeleteAsync();
                });
                expected = $"notification.attempt {s.Notification}: record missing";
                break;
            default:
                var stray = Guid.NewGuid();
                await app.WithDbAsync(async db =>
                {
                    await using var tx = await db.Database.BeginTransactionAsync();
                    LedgerWriter.Append(db, "reprisal.registered", stray, DateTimeOffset.UtcNow, new JsonObject { ["id"] = stray.ToString() });
                    var n = await db.SaveChangesAsync();
                    await tx.CommitAsync();
                    return n;
                });
                await app.IntegrateAllAsync();
                expected = $"unknown kind reprisal.registered (record {stray})";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        if (tamper == "notificationAddress")
        {
            Assert.Contains(failures, f => f.Contains($"notification.attempt {s.Notification} #1: commitment mismatch", StringComparison.Ordinal));
        }

        if (tamper == "deleteChange")
        {
            Assert.Contains(failures, f => f.Contains($"account {s.Investigator} now differs from what its last logged change set", StringComparison.Ordinal));
        }

        if (tamper == "deleteFirstChange")
        {
            // The account's first state is now taken from the deactivation, which started elsewhere than its creation.
            Assert.Contains(failures, f => f.Contains($"user.created {s.Investigator}: commitment mismatch", StringComparison.Ordinal));
        }

        if (tamper is "notificationAddress" or "deleteNotification")
        {
            // The notification as queued is an entry of its own too.
            Assert.Contains(failures, f => f.Contains(
                $"notification.state {s.Notification}: {(tamper == "deleteNotification" ? "record missing" : "commitment mismatch")}", StringComparison.Ordinal));
        }

        if (tamper is "eventAt" or "eventDataNotJson" or "facilityName" or "userRole" or "alertComment" or "alertReopened" or "attemptSucceeded"
            or "changeReason" or "roleBehindChange")
        {
            // One field edited, one failure: nothing else of the log is disturbed.
            Assert.Single(failures);
        }

        if (tamper is "grantApprovedBehind")
        {
            Assert.Contains(failures, f => f.Contains($"role-grant.state {s.PendingGrant}: the request is approved, and the account change it made is missing", StringComparison.Ordinal));
        }

        if (tamper is "grantDecidedBy" or "approverChanged")
        {
            // The request and the change it made no longer agree on who approved.
            Assert.Contains(failures, f => f.Contains($"user.changed {s.ApprovedChange}: the change differs from the approved request {s.ApprovedGrant}", StringComparison.Ordinal));
            Assert.Equal(2, failures.Count);
        }

        if (tamper is "userEmail" or "reactivated")
        {
            // The account's creation or change, and its state now, each named once.
            Assert.Equal(2, failures.Count);
            Assert.Contains(failures, f => f.Contains($"user.state {(tamper == "userEmail" ? s.Prosecutor : s.Investigator)}: commitment mismatch", StringComparison.Ordinal));
        }
    }

    /// <summary>Two attempts of one notification, each an entry, pair with the stored attempts in order.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Attempts_pair_with_their_entries_in_order(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store, extra: new()
        {
            ["Aigaq:Smtp:Host"] = "127.0.0.1",
            ["Aigaq:Smtp:Tls"] = "None",
            ["Aigaq:Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var s = await Scenario.BuildAsync(app);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == OutboxDispatcher.AttemptKind && e.RecordId == s.Notification)));
        Assert.Empty(await app.AuditAsync());

        // The two attempts' numbers swapped (and so their order): both pairs differ from the log.
        await app.WithDbAsync(async db =>
        {
            var attempts = await db.Set<NotificationAttempt>().Where(a => a.NotificationId == s.Notification).OrderBy(a => a.Number).ToListAsync();
            await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[0].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 3));
            await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[1].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 1));
            return await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[0].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 2));
        });
        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains($"notification.attempt {s.Notification} #1: commitment mismatch", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains($"notification.attempt {s.Notification} #2: commitment mismatch", StringComparison.Ordinal));

        // Put back, then the status an attempt left edited: that attempt's pair differs.
        await app.WithDbAsync(async db =>
        {
            var attempts = await db.Set<NotificationAttempt>().Where(a => a.NotificationId == s.Notification).OrderBy(a => a.Id).ToListAsync();
            await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[0].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 3));
            await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[1].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 2));
            await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[0].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 1));
            return await db.Set<NotificationAttempt>().Where(a => a.Id == attempts[0].Id)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.StatusAfter, NotificationStatus.Failed));
        });
        failures = await app.AuditAsync();
        Assert.Equal($"notification.attempt {s.Notification} #1: commitment mismatch", Assert.Single(failures)[..$"notification.attempt {s.Notification} #1: commitment mismatch".Length]);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Deletes with foreign keys off, as someone with the database's keys could.</summary>
    internal static Task<int> DeleteAsync(LogNode app, bool postgres, Func<AigaqDb, Task<int>> delete) => app.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(postgres ? "SET session_replication_role = replica" : "PRAGMA foreign_keys=OFF");
        var n = await delete(db);
        Assert.True(n > 0);
        return n;
    });

    /// <summary>
    /// Through the API: a facility, an officer and a prosecutor of its region, a detention (which
    /// notifies the prosecutor), a medical examination finding injuries (which raises an alert),
    /// the prosecutor's acknowledgement, and two failed delivery attempts of the notification.
    /// </summary>
    private sealed record Scenario(
        Guid Detention, Guid Event, Guid Facility, Guid Prosecutor, Guid Alert, Guid Notification, Guid Investigator, Guid Move, Guid Deactivation,
        Guid Asker, Guid ApprovedGrant, Guid ApprovedChange, Guid PendingGrant, Guid AlertMessage)
    {
        public static async Task<Scenario> BuildAsync(LogNode app)
        {
            Guid prosecutor;
            string token;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var user = await UserAccounts.CreateAsync(scope.ServiceProvider, "prosecutor-audit@example.kz", Roles.Prosecutor, "KZ-75", null, "prosecutor-password-1", "Prosecutor", "kk");
                prosecutor = user.Id;
                token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, TimeSpan.FromDays(1), CancellationToken.None);
            }

            // An investigator moved to Astana by an administrator, then deactivated: two logged changes.
            Guid investigator, move, deactivation;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var admin = await UserAccounts.CreateAsync(scope.ServiceProvider, "admin-audit@example.kz", Roles.Administrator, null, null, "admin-password-12", "Admin", "kk");
                var user = await UserAccounts.CreateAsync(scope.ServiceProvider, "investigator-audit@example.kz", Roles.Investigator, "KZ-75", null, "investigator-password-1", "Investigator", "ru");
                investigator = user.Id;
                var v = new Aigaq.Web.Validation();
                move = (await UserAccounts.ChangeAsync(scope.ServiceProvider, user.Id, admin.Id, new(Roles.Investigator, "KZ-71", null, false), "перевод в Астану", v, CancellationToken.None))!.Id;
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var admin = await scope.ServiceProvider.GetRequiredService<AigaqDb>().Users.Where(u => u.Email == "admin-audit@example.kz").Select(u => u.Id).SingleAsync();
                var v = new Aigaq.Web.Validation();
                deactivation = (await UserAccounts.ChangeAsync(scope.ServiceProvider, investigator, admin, new(Roles.Investigator, "KZ-71", null, true), "уволен", v, CancellationToken.None))!.Id;
            }

            // A monitor made a prosecutor in Astana (not the detention's region) by two administrators, and an
            // investigator's request to become a special prosecutor still waiting.
            Guid asker, approvedGrant, approvedChange, pendingGrant;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var sp = scope.ServiceProvider;
                asker = await sp.GetRequiredService<AigaqDb>().Users.Where(u => u.Email == "admin-audit@example.kz").Select(u => u.Id).SingleAsync();
                var monitor = await UserAccounts.CreateAsync(sp, "monitor-audit@example.kz", Roles.Monitor, "KZ-75", null, "monitor-password-1", "Monitor", "kk");
                var v = new Aigaq.Web.Validation();
                approvedGrant = (await UserAccounts.RequestAsync(sp, monitor.Id, asker, new(Roles.Prosecutor, "KZ-71", null, false), "Приказ № 31", v, CancellationToken.None))!.Id;
                var other = await UserAccounts.CreateAsync(sp, "candidate-audit@example.kz", Roles.Investigator, "KZ-75", null, "candidate-password-1", "Candidate", "ru");
                pendingGrant = (await UserAccounts.RequestAsync(sp, other.Id, asker, new(Roles.SpecialProsecutor, "KZ-75", null, false), "Приказ № 32", v, CancellationToken.None))!.Id;
                Assert.True(v.IsValid);
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var sp = scope.ServiceProvider;
                var approver = await UserAccounts.CreateAsync(sp, "admin2-audit@example.kz", Roles.Administrator, null, null, "admin-password-13", "Admin 2", "kk");
                var v = new Aigaq.Web.Validation();
                var decided = await sp.GetRequiredService<RoleGrants>().DecideAsync(approvedGrant, approver.Id, RoleGrants.Approve, null, v, CancellationToken.None);
                approvedChange = decided!.ChangeId!.Value;
            }

            using var officer = await app.OfficerAsync();
            var detention = await app.RegisterDetentionAsync(officer, 1);
            var res = await officer.PostAsJsonAsync($"/api/v1/detentions/{detention}/events", new
            {
                type = EventTypes.MedicalExamination,
                at = DateTimeOffset.UtcNow.AddMinutes(-1),
                injuriesFound = true,
            });
            var body = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.Created, body);
            var eventId = JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("id").GetGuid();

            var alert = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.DetentionId == detention && a.Code == AlertCodes.InjuriesRecorded).Select(a => a.Id).SingleAsync());

            // The injuries are a critical alert: a message to the prosecutor is queued for it.
            Assert.True(await app.Services.GetRequiredService<Aigaq.Dashboard.AlertMessages>().RunOnceAsync(CancellationToken.None) >= 1);
            var alertMessage = await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.AlertId == alert).Select(n => n.Id).FirstAsync());

            using var http = app.CreateClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var ack = await http.PostAsJsonAsync($"/api/v1/alerts/{alert}/acknowledge", new { comment = "Назначена проверка" });
            Assert.True(ack.StatusCode == HttpStatusCode.OK, await ack.Content.ReadAsStringAsync());

            var notification = await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.DetentionId == detention && n.Role == "prosecutor").Select(n => n.Id).SingleAsync());
            var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                // Due now rather than after the back-off, so the second attempt happens at once.
                await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == notification)
                    .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
                Assert.True(await dispatcher.RunOnceAsync(CancellationToken.None) >= 1);
            }

            Assert.Equal(2, await app.WithDbAsync(db => db.Set<NotificationAttempt>().CountAsync(a => a.NotificationId == notification && !a.Succeeded)));
            var facility = await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == detention).Select(d => d.DestinationFacilityId).SingleAsync());
            return new Scenario(detention, eventId, facility, prosecutor, alert, notification, investigator, move, deactivation, asker, approvedGrant, approvedChange, pendingGrant, alertMessage);
        }
    }
}
