using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Protection applications and what follows them are facts in the log: a deleted application (so that its overdue
/// decision is never noticed), an edited decision (a refusal turned into a grant, or its reason rewritten), an appeal's
/// grounds, a measure's review date moved, a deleted change of a measure and a contact's outcome rewritten are each named
/// by the audit with their kind and id.
/// </summary>
public sealed class ProtectionApplicationsAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteApplication", "decisionReason", "appealGrounds", "measureReviewBy", "deleteMeasureChange", "contactOutcome"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_protection_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        await ReviewAuditTests.PostAsync(officer, "/api/v1/custodian-keys", new { passphrase = "хранитель ключей 2026" });
        using (var second = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer))
        {
            await ReviewAuditTests.PostAsync(second, "/api/v1/custodian-keys", new { passphrase = "второй хранитель ключей" });
        }

        var person = (await ReviewAuditTests.PostAsync(officer, "/api/v1/protected-persons", new
        {
            identity = new { person = new { lastName = "Тоқтаров", firstName = "Данияр", birthDate = "1991-02-03" } },
            role = "witness",
            disclosure = "confidential",
            risk = "high",
        })).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var application = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protected-persons/{person}/applications", new
        {
            receivedAt = now.AddHours(-3),
            measures = new[] { "personalGuard" },
            decidingBody = new { kind = "prosecutor", name = "Прокуратура г. Алматы" },
        })).GetProperty("id").GetGuid();
        var decided = await ReviewAuditTests.PostAsync(officer, $"/api/v1/protection-applications/{application}/decide", new
        {
            decision = "granted",
            reason = "угроза подтверждена",
            measures = new[] { new { code = "personalGuard", implementingBody = "ДП г. Алматы", reviewBy = now.AddDays(30) } },
        });
        var decision = decided.GetProperty("decisions")[0].GetProperty("id").GetGuid();
        var measure = decided.GetProperty("decisions")[0].GetProperty("measures")[0].GetProperty("id").GetGuid();
        var change = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protection-measures/{measure}/changes", new { kind = "extended", endsAt = now.AddDays(90), reason = "продлено" }))
            .GetProperty("changes")[0].GetProperty("id").GetGuid();
        var appeal = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protection-applications/{application}/appeals", new { filedAt = DateTimeOffset.UtcNow, by = "defender", grounds = "мало" }))
            .GetProperty("id").GetGuid();
        var contact = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protected-persons/{person}/contacts", new { at = DateTimeOffset.UtcNow, channel = "phone", outcome = "всё спокойно" }))
            .GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteApplication":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectionApplication>().Where(a => a.Id == application).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.ApplicationReceived} {application}: record missing";
                break;
            case "decisionReason":
                await app.WithDbAsync(db => db.Set<ProtectionDecision>().Where(d => d.Id == decision).ExecuteUpdateAsync(u => u.SetProperty(d => d.Reason, "иная причина")));
                expected = $"{ProtectionLedger.DecisionRecorded} {decision}: commitment mismatch";
                break;
            case "appealGrounds":
                await app.WithDbAsync(db => db.Set<ProtectionAppeal>().Where(a => a.Id == appeal).ExecuteUpdateAsync(u => u.SetProperty(a => a.Grounds, "отозвана")));
                expected = $"{ProtectionLedger.AppealFiled} {appeal}: commitment mismatch";
                break;
            case "measureReviewBy":
                // So that the missed review raises nothing.
                await app.WithDbAsync(db => db.Set<ProtectionMeasure>().Where(m => m.Id == measure).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReviewBy, (DateTimeOffset?)null)));
                expected = $"{ProtectionLedger.MeasureInForce} {measure}: commitment mismatch";
                break;
            case "deleteMeasureChange":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectionMeasureChange>().Where(c => c.Id == change).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.MeasureChanged} {change}: record missing";
                break;
            default:
                await app.WithDbAsync(db => db.Set<FollowUpContact>().Where(c => c.Id == contact).ExecuteUpdateAsync(u => u.SetProperty(c => c.Outcome, "не ответил")));
                expected = $"{ProtectionLedger.ContactRecorded} {contact}: commitment mismatch";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
