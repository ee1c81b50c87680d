using System.Net;
using System.Net.Http.Json;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Notifications;
using Aigaq.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// The current state of every record, not only its creation, is proven by the log: each edit an attacker with write
/// access to the database could make to a status, a current facility, a responsible body, an alert, a pending
/// notification, an account's credentials, second factor or tokens, or the access log, is named by the audit.
/// </summary>
public sealed class StateAuditTests
{
    private static readonly string[] Tampers =
    [
        "caseMovedToInternalAffairs", "caseClosed", "stagePersons", "reportRefused", "referralPending",
        "detentionReleased", "detentionReleasedBeforeArrival", "detentionMoved",
        "openAlertsDeleted", "alertCode", "alertDueAt",
        "pendingNotificationDeleted", "notificationRedirected",
        "secondFactorOff", "authenticatorKey", "passwordHash", "tokenInserted", "tokenUnrevoked", "accessLogWiped", "accessLogEdited", "claimInserted",
    ];

    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(Tampers);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_a_state_changed_behind_the_applications_back(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        var s = await Scenario.BuildAsync(app);
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string[] expected;
        switch (tamper)
        {
            case "caseMovedToInternalAffairs":
                // The torture case taken from the special prosecutor by editing its part, flag and body.
                await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Id == s.Case).ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.ResponsibleKind, BodyKind.InternalAffairs).SetProperty(c => c.Part, 1).SetProperty(c => c.Torture, false)));
                expected = [$"case.state {s.Case}: commitment mismatch"];
                break;
            case "caseClosed":
                await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Id == s.Case).ExecuteUpdateAsync(u => u.SetProperty(c => c.Closed, true)));
                expected = [$"case.state {s.Case}: commitment mismatch"];
                break;
            case "stagePersons":
                // The people a stage names, which the statistics count: three suspects made one.
                var stored = await app.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.Id == s.Stage).Select(e => e.Data).SingleAsync());
                Assert.Contains("\"persons\":3", stored, StringComparison.Ordinal);
                await app.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.Id == s.Stage)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Data, stored.Replace("\"persons\":3", "\"persons\":1", StringComparison.Ordinal))));
                expected = [$"case.event {s.Stage}: commitment mismatch"];
                break;
            case "reportRefused":
                await app.WithDbAsync(db => db.Set<Report>().Where(r => r.Id == s.OpenReport).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Refused)));
                expected = [$"report.state {s.OpenReport}: commitment mismatch"];
                break;
            case "referralPending":
                await app.WithDbAsync(db => db.Set<Referral>().Where(r => r.Id == s.Referral).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, ReferralStatus.Pending).SetProperty(r => r.AcceptedAt, (DateTimeOffset?)null).SetProperty(r => r.AcceptedBy, (Guid?)null)));
                expected = [$"referral.state {s.Referral}: commitment mismatch"];
                break;
            case "detentionReleased":
                // The public lookup would tell relatives the person is not held.
                await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == s.Held).ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.Status, CustodyStatus.Released).SetProperty(d => d.ReleasedAt, DateTimeOffset.UtcNow)));
                expected = [$"detention.state {s.Held}: commitment mismatch"];
                break;
            case "detentionReleasedBeforeArrival":
                // A detention that no event has moved has no state entry: its registration implies where it is.
                await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == s.InTransit).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, CustodyStatus.Released)));
                expected = [$"detention.state {s.InTransit}: the stored detention was changed, and no log entry records its state"];
                break;
            case "detentionMoved":
                await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == s.Held).ExecuteUpdateAsync(u => u.SetProperty(d => d.CurrentFacilityId, Guid.NewGuid())));
                expected = [$"detention.state {s.Held}: commitment mismatch"];
                break;
            case "openAlertsDeleted":
                var open = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.Status == AlertStatus.Open).Select(a => a.Id).ToListAsync());
                Assert.True(open.Count >= 2);
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<Alert>().Where(a => a.Status == AlertStatus.Open).ExecuteDeleteAsync());
                expected = [.. open.Select(id => $"alert.state {id}: record missing")];
                break;
            case "alertCode":
                await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.Id == s.Alert).ExecuteUpdateAsync(u => u.SetProperty(a => a.Code, AlertCodes.ProtocolOverdue)));
                expected = [$"alert.state {s.Alert}: commitment mismatch"];
                break;
            case "alertDueAt":
                await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.Id == s.Alert).ExecuteUpdateAsync(u => u.SetProperty(a => a.DueAt, DateTimeOffset.UtcNow.AddDays(30))));
                expected = [$"alert.state {s.Alert}: commitment mismatch"];
                break;
            case "pendingNotificationDeleted":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<Notification>().Where(n => n.Id == s.Notification).ExecuteDeleteAsync());
                expected = [$"notification.state {s.Notification}: record missing"];
                break;
            case "notificationRedirected":
                await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == s.Notification).ExecuteUpdateAsync(u => u.SetProperty(n => n.Address, "someone-else@example.kz")));
                expected = [$"notification.state {s.Notification}: commitment mismatch"];
                break;
            case "secondFactorOff":
                await app.WithDbAsync(db => db.Users.Where(u => u.Id == s.Prosecutor).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, false)));
                expected = [$"user.state {s.Prosecutor}: commitment mismatch"];
                break;
            case "authenticatorKey":
                await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == s.Prosecutor && t.Name == "AuthenticatorKey")
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Value, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")));
                var id = AccessLedger.TokenId(new IdentityUserToken<Guid> { UserId = s.Prosecutor, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey" });
                expected = [$"user.token.state {id}: commitment mismatch"];
                break;
            case "passwordHash":
                var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), "attacker-password-1");
                await app.WithDbAsync(db => db.Users.Where(u => u.Id == s.Prosecutor).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash)));
                expected = [$"user.state {s.Prosecutor}: commitment mismatch"];
                break;
            case "tokenInserted":
                var token = Guid.NewGuid();
                await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO api_tokens (\"Id\", \"UserId\", \"Hash\", \"CreatedAt\", \"ExpiresAt\") VALUES ({token}, {s.Prosecutor}, {ApiTokens.Hash("aq_forged")}, {DateTimeOffset.UtcNow}, {DateTimeOffset.UtcNow.AddDays(30)})"));
                expected = [$"token.state {token}: the stored bearer token was changed, and no log entry records its state"];
                break;
            case "tokenUnrevoked":
                await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == s.RevokedToken).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, (DateTimeOffset?)null)));
                expected = [$"token.state {s.RevokedToken}: commitment mismatch"];
                break;
            case "accessLogWiped":
                var lines = await app.WithDbAsync(db => db.Set<AccessLogEntry>().Select(e => e.Id).ToListAsync());
                Assert.NotEmpty(lines);
                await app.WithDbAsync(db => db.Set<AccessLogEntry>().ExecuteDeleteAsync());
                expected = [.. lines.Select(line => $"access.logged {line}: record missing")];
                break;
            case "claimInserted":
                // A role claim put beside the account's roles would reach the signed-in principal.
                await app.WithDbAsync(db =>
                {
                    db.UserClaims.Add(new IdentityUserClaim<Guid> { UserId = s.Prosecutor, ClaimType = System.Security.Claims.ClaimTypes.Role, ClaimValue = Roles.Administrator });
                    return db.SaveChangesAsync();
                });
                expected = [$"account {s.Prosecutor}: a claim ({System.Security.Claims.ClaimTypes.Role}) is stored that the application never writes"];
                break;
            case "accessLogEdited":
                var read = await app.WithDbAsync(db => db.Set<AccessLogEntry>().OrderBy(e => e.At).Select(e => e.Id).FirstAsync());
                await app.WithDbAsync(db => db.Set<AccessLogEntry>().Where(e => e.Id == read).ExecuteUpdateAsync(u => u.SetProperty(e => e.UserId, Guid.NewGuid())));
                expected = [$"access.logged {read}: commitment mismatch"];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tamper), tamper, null);
        }

        var failures = await app.AuditAsync();
        foreach (var failure in expected)
        {
            Assert.Contains(failures, f => f.Contains(failure, StringComparison.Ordinal));
        }

        // Nothing else is named: each tampered record once.
        Assert.Equal(expected.Length, failures.Count);
    }

    /// <summary>
    /// A record the application deletes leaves a tombstone as its latest state, so the audit holds; the same row deleted
    /// behind the application's back, with no tombstone, is named.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_deletion_by_the_application_is_a_logged_state_and_one_behind_its_back_is_named(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await app.OfficerAsync();
        Guid user;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = await users.Users.FirstAsync();
            user = account.Id;
            Assert.True((await users.ResetAuthenticatorKeyAsync(account)).Succeeded);
            Assert.True((await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 2))?.Any());
            Assert.True((await users.RemoveAuthenticationTokenAsync(account, "[AspNetUserStore]", "RecoveryCodes")).Succeeded);
        }

        await app.IntegrateAllAsync();
        var codes = AccessLedger.TokenId(new IdentityUserToken<Guid> { UserId = user, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes" });
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Aigaq.TransparencyLog.LedgerEntry>().CountAsync(e => e.RecordId == codes)));
        Assert.Empty(await app.AuditAsync());

        await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == user && t.Name == "AuthenticatorKey").ExecuteDeleteAsync());
        var key = AccessLedger.TokenId(new IdentityUserToken<Guid> { UserId = user, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey" });
        var failures = await app.AuditAsync();
        Assert.StartsWith($"user.token.state {key}: record missing", Assert.Single(failures), StringComparison.Ordinal);
    }

    /// <summary>
    /// Through the API: a torture case escalated to the special prosecutor, who accepts it; a report left open; a
    /// detention that arrived at its facility (with a pending notification to the region's prosecutor and the alerts its
    /// registration raised) and one still in transit; a prosecutor with a second factor and a revoked token; reads in the
    /// access log.
    /// </summary>
    private sealed record Scenario(
        Guid Case, Guid Stage, Guid OpenReport, Guid Referral, Guid Held, Guid InTransit, Guid Alert, Guid Notification, Guid Prosecutor, Guid RevokedToken)
    {
        public static async Task<Scenario> BuildAsync(LogNode app)
        {
            using var prosecutor = await ReviewAuditTests.ClientAsync(app, Roles.Prosecutor);
            using var special = await ReviewAuditTests.ClientAsync(app, Roles.SpecialProsecutor);
            var report = await ReportAsync(prosecutor);
            var registered = await ReviewAuditTests.PostAsync(prosecutor, $"/api/v1/reports/{report}/register", new
            {
                erdrNumber = "26" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                registeredAt = DateTimeOffset.UtcNow.AddHours(-1),
                part = 1,
            });
            var caseId = registered.GetProperty("caseId").GetGuid();
            var escalated = await ReviewAuditTests.PostAsync(prosecutor, $"/api/v1/cases/{caseId}/conflict", new { decision = "escalate", reason = "обвиняются сотрудники полиции" });
            var referral = escalated.GetProperty("referral").GetProperty("id").GetGuid();
            var accepted = await special.PostAsync($"/api/v1/referrals/{referral}/accept", null);
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
            await ReviewAuditTests.PostAsync(special, $"/api/v1/cases/{caseId}/stages", new { stage = "suspectIdentified", at = DateTimeOffset.UtcNow.AddMinutes(-5), persons = 3 });
            var stage = await app.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.CaseId == caseId && e.Type == CaseEventTypes.Stage).Select(e => e.Id).SingleAsync());
            var openReport = await ReportAsync(prosecutor);

            using var officer = await app.OfficerAsync();
            var held = await app.RegisterDetentionAsync(officer, 1);
            var facility = await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == held).Select(d => d.DestinationFacilityId).SingleAsync());
            var arrived = await officer.PostAsJsonAsync($"/api/v1/detentions/{held}/events", new
            {
                type = EventTypes.ArrivedAtFacility,
                at = DateTimeOffset.UtcNow.AddMinutes(-1),
                facilityId = facility,
            });
            Assert.True(arrived.StatusCode == HttpStatusCode.Created, await arrived.Content.ReadAsStringAsync());
            var inTransit = await app.RegisterDetentionAsync(officer, 2);
            Assert.Equal(200, (int)(await prosecutor.GetAsync($"/api/v1/detentions/{held}")).StatusCode);

            var alert = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.DetentionId == held).OrderBy(a => a.Code).Select(a => a.Id).FirstAsync());
            var notification = await app.WithDbAsync(db => db.Set<Notification>()
                .Where(n => n.DetentionId == held && n.Role == "prosecutor" && n.Status == NotificationStatus.Pending).Select(n => n.Id).FirstAsync());

            Guid prosecutorId, revoked;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
                var user = await db.Users.Where(u => u.Email!.StartsWith("prosecutor-")).SingleAsync();
                prosecutorId = user.Id;
                Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
                Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
                var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
                await tokens.IssueAsync(user.Id, TimeSpan.FromDays(1), CancellationToken.None);
                Assert.True(await tokens.RevokeAllAsync(user.Id, CancellationToken.None) >= 2);
                revoked = await db.Set<ApiToken>().Where(t => t.UserId == user.Id).OrderBy(t => t.CreatedAt).Select(t => t.Id).FirstAsync();
            }

            return new Scenario(caseId, stage, openReport, referral, held, inTransit, alert, notification, prosecutorId, revoked);
        }

        private static async Task<Guid> ReportAsync(HttpClient prosecutor) =>
            (await ReviewAuditTests.PostAsync(prosecutor, "/api/v1/reports", new
            {
                receivedAt = DateTimeOffset.UtcNow.AddHours(-2),
                source = "lawyer",
                narrative = "Подзащитного избивали в ИВС, требуя признания.",
                region = "KZ-75",
                victims = new[] { new { lastName = "Серикбаев", firstName = "Нурлан" } },
                alleged = new[] { new { agency = "police" } },
            })).GetProperty("id").GetGuid();
    }
}
