using System.Net;
using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Identity requests are in the log: `aigaq log audit` names an identity request whose reason was edited, a deleted
/// decision (a denial made to vanish), a grant envelope swapped for one sealed for someone else, and a deleted view
/// (a look at an identity made to leave no trace).
/// </summary>
public sealed class IdentityAuditTests
{
    private const string Passphrase = "хранитель ключей 2026";

    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["requestReason", "deleteDecision", "grantSwapped", "deleteView"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_identity_request_decision_or_view_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var a = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        using var b = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        using var viewer = await ReviewAuditTests.ClientAsync(app, Roles.SpecialProsecutor);
        foreach (var holder in new[] { a, b, viewer })
        {
            await ReviewAuditTests.PostAsync(holder, "/api/v1/custodian-keys", new { passphrase = Passphrase });
        }

        var person = (await ReviewAuditTests.PostAsync(a, "/api/v1/protected-persons", new
        {
            identity = new { person = new { lastName = "Нұрланов", firstName = "Ерболат", birthDate = "1987-09-09" } },
            role = "witness",
            disclosure = "confidential",
            risk = "medium",
        })).GetProperty("id").GetGuid();
        var request = (await ReviewAuditTests.PostAsync(viewer, $"/api/v1/protected-persons/{person}/identity-requests", new { reason = "Допрос свидетеля" }))
            .GetProperty("id").GetGuid();
        var decision = (await ReviewAuditTests.PostAsync(a, $"/api/v1/identity-requests/{request}/decide", new { decision = "granted", reason = "Обосновано", passphrase = Passphrase }))
            .GetProperty("id").GetGuid();
        using (var view = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/identity-requests/{request}/identity"))
        {
            view.Headers.Add(IdentityRequests.PassphraseHeader, Passphrase);
            Assert.Equal(HttpStatusCode.OK, (await viewer.SendAsync(view)).StatusCode);
        }

        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "requestReason":
                await app.WithDbAsync(db => db.Set<IdentityRequest>().Where(r => r.Id == request).ExecuteUpdateAsync(u => u.SetProperty(r => r.Reason, "Плановая проверка")));
                expected = $"{IdentityLedger.Requested} {request}: commitment mismatch";
                break;
            case "deleteDecision":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<IdentityDecision>().Where(d => d.Id == decision).ExecuteDeleteAsync());
                expected = $"{IdentityLedger.Decided} {decision}: record missing";
                break;
            case "grantSwapped":
                // Sealed again for someone else's key, so that they could open the grant.
                var intruder = HolderKeys.Create("ключ постороннего человека");
                var swapped = IdentityEnvelope.Seal("{}"u8, Guid.NewGuid().ToByteArray(), [HolderKeys.Recipient(Guid.NewGuid().ToString(), intruder)]).ToJson();
                await app.WithDbAsync(db => db.Set<IdentityDecision>().Where(d => d.Id == decision).ExecuteUpdateAsync(u => u.SetProperty(d => d.GrantEnvelope, swapped)));
                expected = $"{IdentityLedger.Decided} {decision}: commitment mismatch";
                break;
            default:
                var viewId = await app.WithDbAsync(db => db.Set<IdentityView>().Where(v => v.RequestId == request).Select(v => v.Id).SingleAsync());
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<IdentityView>().Where(v => v.Id == viewId).ExecuteDeleteAsync());
                expected = $"{IdentityLedger.Viewed} {viewId}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
