using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// The reprisal register is in the log: a reprisal deleted (so that it is no longer counted or acted on) or edited (its
/// description or its kind rewritten), an intervention deleted, or an intervention's update edited is named by the audit,
/// by kind and record id. The log holds digests of the free texts, so an edited description is named all the same.
/// </summary>
public sealed class ReprisalAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteReprisal", "reprisalDescription", "reprisalType", "deleteIntervention", "updateStatus"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_reprisal_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        await ReviewAuditTests.PostAsync(officer, "/api/v1/custodian-keys", new { passphrase = "хранитель ключей 2026" });
        using var second = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        await ReviewAuditTests.PostAsync(second, "/api/v1/custodian-keys", new { passphrase = "второй хранитель ключей" });
        var person = (await ReviewAuditTests.PostAsync(officer, "/api/v1/protected-persons", new
        {
            identity = new { person = new { lastName = "Сарсенбаев", firstName = "Ермек", birthDate = "1983-02-17" } },
            role = "witness",
            disclosure = "confidential",
            risk = "high",
        })).GetProperty("id").GetGuid();
        var reprisal = (await ReviewAuditTests.PostAsync(officer, "/api/v1/reprisals", new
        {
            protectedPersonId = person,
            occurredAt = DateTimeOffset.UtcNow.AddDays(-2),
            type = "threat",
            perpetrator = new { agency = "police", unit = "ОП № 2" },
            description = "Участковый угрожал свидетелю расправой",
            source = "person",
            reliability = "credible",
        })).GetProperty("id").GetGuid();
        var intervention = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/reprisals/{reprisal}/interventions", new
        {
            actor = "protectionOfficer",
            addressee = "supervisoryProsecutor",
            request = "Принять меры безопасности",
        })).GetProperty("id").GetGuid();
        var update = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/reprisal-interventions/{intervention}/updates", new
        {
            status = "answered",
            answer = "Проводится проверка",
        })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteReprisal":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<Reprisal>().Where(r => r.Id == reprisal).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.ReprisalRecorded} {reprisal}: record missing";
                break;
            case "reprisalDescription":
                await app.WithDbAsync(db => db.Set<Reprisal>().Where(r => r.Id == reprisal).ExecuteUpdateAsync(u => u.SetProperty(r => r.Description, "ничего не было")));
                expected = $"{ProtectionLedger.ReprisalRecorded} {reprisal}: commitment mismatch";
                break;
            case "reprisalType":
                await app.WithDbAsync(db => db.Set<Reprisal>().Where(r => r.Id == reprisal).ExecuteUpdateAsync(u => u.SetProperty(r => r.Type, "other")));
                expected = $"{ProtectionLedger.ReprisalRecorded} {reprisal}: commitment mismatch";
                break;
            case "deleteIntervention":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ReprisalIntervention>().Where(i => i.Id == intervention).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.ReprisalIntervention} {intervention}: record missing";
                break;
            default:
                // An answer turned into a resolution that never came.
                await app.WithDbAsync(db => db.Set<ReprisalInterventionUpdate>().Where(x => x.Id == update).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, "resolved")));
                expected = $"{ProtectionLedger.ReprisalInterventionUpdate} {update}: commitment mismatch";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
