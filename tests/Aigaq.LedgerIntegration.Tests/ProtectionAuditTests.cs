using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Custodians' keys are in the log: a public key swapped in the database (so that new identities would be sealed for
/// someone else), a sealed key replaced, a deleted key or a deleted passphrase change is named by the audit; so is a
/// protected person whose blind index was cleared (to keep them from being recognised in custody), whose sealed identity
/// was altered, or who was deleted.
/// </summary>
public sealed class ProtectionAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["publicKey", "sealedKey", "deleteKey", "deleteChange", "nameIndexCleared", "identityReplaced", "deletePerson", "riskLowered", "deletePersonChange"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_custodian_key_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        var first = (await ReviewAuditTests.PostAsync(officer, "/api/v1/custodian-keys", new { passphrase = "хранитель ключей 2026" })).GetProperty("id").GetGuid();
        var change = (await ReviewAuditTests.PostAsync(officer, "/api/v1/custodian-keys/passphrase",
            new { passphrase = "хранитель ключей 2026", newPassphrase = "другая длинная фраза" })).GetProperty("id").GetGuid();
        using var second = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        await ReviewAuditTests.PostAsync(second, "/api/v1/custodian-keys", new { passphrase = "второй хранитель ключей" });
        var person = (await ReviewAuditTests.PostAsync(officer, "/api/v1/protected-persons", new
        {
            identity = new { person = new { lastName = "Нұрланов", firstName = "Ерболат", birthDate = "1987-09-09" } },
            role = "witness",
            disclosure = "confidential",
            risk = "medium",
        })).GetProperty("id").GetGuid();
        var raised = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protected-persons/{person}/changes", new
        {
            risk = "high",
            reason = "угрозы по телефону после подачи заявления",
        })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "publicKey":
                var intruder = System.Buffers.Text.Base64Url.EncodeToString(HolderKeys.Create("ключ постороннего человека").PublicKey);
                await app.WithDbAsync(db => db.Set<CustodianKey>().Where(k => k.Id == change).ExecuteUpdateAsync(u => u.SetProperty(k => k.PublicKey, intruder)));
                expected = $"{ProtectionLedger.CustodianKeyWritten} {change}: commitment mismatch";
                break;
            case "sealedKey":
                var other = HolderKeys.Create("фраза, которую знает посторонний").ToJson();
                await app.WithDbAsync(db => db.Set<CustodianKey>().Where(k => k.Id == first).ExecuteUpdateAsync(u => u.SetProperty(k => k.Sealed, other)));
                expected = $"{ProtectionLedger.CustodianKeyWritten} {first}: commitment mismatch";
                break;
            case "deleteKey":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<CustodianKey>().Where(k => k.Id == first).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.CustodianKeyWritten} {first}: record missing";
                break;
            case "deleteChange":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<CustodianKey>().Where(k => k.Id == change).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.CustodianKeyWritten} {change}: record missing";
                break;
            case "nameIndexCleared":
                // So that the person's next detention raises nothing.
                await app.WithDbAsync(db => db.Set<ProtectedPerson>().Where(p => p.Id == person).ExecuteUpdateAsync(u => u.SetProperty(p => p.NameIndex, (string?)null)));
                expected = $"{ProtectionLedger.ProtectedPersonRegistered} {person}: commitment mismatch";
                break;
            case "identityReplaced":
                var sealedIdentity = await app.WithDbAsync(db => db.Set<ProtectedPerson>().Where(p => p.Id == person).Select(p => p.Identity).SingleAsync());
                var replaced = IdentityEnvelope.FromJson(sealedIdentity).RemoveRecipient(IdentityEnvelope.FromJson(sealedIdentity).Wraps[0].HolderId).ToJson();
                await app.WithDbAsync(db => db.Set<ProtectedPerson>().Where(p => p.Id == person).ExecuteUpdateAsync(u => u.SetProperty(p => p.Identity, replaced)));
                expected = $"{ProtectionLedger.ProtectedPersonRegistered} {person}: commitment mismatch";
                break;
            case "riskLowered":
                // So that the person no longer looks at risk.
                await app.WithDbAsync(db => db.Set<ProtectedPersonChange>().Where(c => c.Id == raised).ExecuteUpdateAsync(u => u.SetProperty(c => c.Risk, RiskLevel.Low)));
                expected = $"{ProtectionLedger.ProtectedPersonChanged} {raised}: commitment mismatch";
                break;
            case "deletePersonChange":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectedPersonChange>().Where(c => c.Id == raised).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.ProtectedPersonChanged} {raised}: record missing";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, async db =>
                {
                    await db.Set<ProtectedPersonChange>().Where(c => c.PersonId == person).ExecuteDeleteAsync();
                    return await db.Set<ProtectedPerson>().Where(p => p.Id == person).ExecuteDeleteAsync();
                });
                expected = $"{ProtectionLedger.ProtectedPersonRegistered} {person}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
