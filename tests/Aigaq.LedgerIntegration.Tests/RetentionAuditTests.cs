using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// An erased person (ADR 0024) leaves the audit clean: their trace accounts for every record deleted, while the log keeps
/// the records' entries. What an erasure may not hide is named: a record of the erased person stored again, a trace edited
/// or deleted, a record deleted before the erasure (so missing from its trace), and a person deleted with no erasure.
/// </summary>
public sealed class RetentionAuditTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["rowLeftBehind", "traceEdited", "traceDeleted", "deletedBeforeErasure", "traceForged"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_accepts_an_erasure_and_names_what_it_would_hide(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer);
        await ReviewAuditTests.PostAsync(officer, "/api/v1/custodian-keys", new { passphrase = "хранитель ключей 2026" });
        using (var second = await ReviewAuditTests.ClientAsync(app, Roles.ProtectionOfficer))
        {
            await ReviewAuditTests.PostAsync(second, "/api/v1/custodian-keys", new { passphrase = "второй хранитель ключей" });
        }

        var erased = (await ReviewAuditTests.PostAsync(officer, "/api/v1/protected-persons", Person("Тоқтаров"))).GetProperty("id").GetGuid();
        var other = (await ReviewAuditTests.PostAsync(officer, "/api/v1/protected-persons", Person("Серікбаев"))).GetProperty("id").GetGuid();
        var change = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protected-persons/{erased}/changes", new { risk = "medium", reason = "угрозы стихли" }))
            .GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(officer, $"/api/v1/protected-persons/{erased}/retention", new { retainUntil = DateTimeOffset.UtcNow.AddYears(6), reason = "ждём приговора" });
        var application = (await ReviewAuditTests.PostAsync(officer, $"/api/v1/protected-persons/{erased}/applications", new
        {
            receivedAt = DateTimeOffset.UtcNow.AddHours(-3),
            measures = new[] { "personalGuard" },
            decidingBody = new { kind = "prosecutor", name = "Прокуратура г. Алматы" },
        })).GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(officer, $"/api/v1/protection-applications/{application}/decide", new
        {
            decision = "granted",
            reason = "угроза подтверждена",
            measures = new[] { new { code = "personalGuard", implementingBody = "ДП г. Алматы" } },
        });
        var reprisal = (await ReviewAuditTests.PostAsync(officer, "/api/v1/reprisals", new
        {
            protectedPersonId = erased,
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            type = "threat",
            perpetrator = new { agency = "police" },
            description = "угрожали по телефону",
            source = "person",
            reliability = "credible",
        })).GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(officer, $"/api/v1/reprisals/{reprisal}/interventions", new { actor = "protectionOfficer", addressee = "police", request = "прекратить" });
        using (var prosecutor = await ReviewAuditTests.ClientAsync(app, Roles.SpecialProsecutor))
        {
            await ReviewAuditTests.PostAsync(prosecutor, $"/api/v1/protected-persons/{erased}/identity-requests", new { reason = "допрос" });
        }

        if (tamper == "deletedBeforeErasure")
        {
            await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectedPersonChange>().Where(c => c.Id == change).ExecuteDeleteAsync());
        }

        var row = await app.WithDbAsync(db => db.Set<ProtectedPerson>().AsNoTracking().SingleAsync(p => p.Id == erased));
        // Past the extension (six years): the other person, registered at the same time, is erased only if asked to be.
        var at = DateTimeOffset.UtcNow.AddYears(7);
        var rules = app.Services.GetRequiredService<Aigaq.Rules.RulePackCatalog>();
        Assert.Null(await app.WithDbAsync(db => EraseExpired.EraseAsync(db, app.Services.GetService<SqliteWriteGate>(), rules, row, at.AddYears(-2), CancellationToken.None)));
        var trace = await app.WithDbAsync(db => EraseExpired.EraseAsync(db, app.Services.GetService<SqliteWriteGate>(), rules, row, at, CancellationToken.None));
        Assert.NotNull(trace);
        await app.IntegrateAllAsync();
        if (tamper == "deletedBeforeErasure")
        {
            // The erasure lists what it found: the change deleted before it is still a record the log holds and nothing accounts for.
            Assert.Contains(await app.AuditAsync(), f => f.Contains($"{ProtectionLedger.ProtectedPersonChanged} {change}: record missing", StringComparison.Ordinal));
            return;
        }

        Assert.Empty(await app.AuditAsync());
        string[] expected;
        switch (tamper)
        {
            case "rowLeftBehind":
                await app.WithDbAsync(db =>
                {
                    db.Add(row);
                    return db.SaveChangesAsync();
                });
                expected = [$"{ProtectionLedger.ProtectedPersonRegistered} {erased}: stored after its erasure ({row.Pseudonym}, {ProtectionLedger.Erased} {trace.Id})"];
                break;
            case "traceEdited":
                // The trace rewritten to say there was less; and another person deleted with no erasure at all.
                await app.WithDbAsync(db => db.Set<ProtectionErasure>().Where(e => e.Id == trace.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Counts, "{}")));
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectedPerson>().Where(p => p.Id == other).ExecuteDeleteAsync());
                expected =
                [
                    $"{ProtectionLedger.Erased} {trace.Id}: commitment mismatch",
                    $"{ProtectionLedger.Erased} {trace.Id}: the log's entries of the records erased",
                    $"{ProtectionLedger.ProtectedPersonRegistered} {other}: record missing",
                ];
                break;
            case "traceForged":
                // Someone who writes to the database deletes a living person and forges a trace with its log entry, as
                // the erasure would write them: once naming the person but before their date, once naming another id.
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectedPerson>().Where(p => p.Id == other).ExecuteDeleteAsync());
                var forged = new List<Guid>();
                foreach (var personId in new[] { other, Guid.NewGuid() })
                {
                    forged.Add(await app.WithDbAsync(async db =>
                    {
                        var records = new Dictionary<string, List<Guid>> { [ProtectionLedger.ProtectedPersonRegistered] = [other] };
                        var (counts, digest) = await ErasedRecords.OfLogAsync(db, records, CancellationToken.None);
                        var now = DateTimeOffset.UtcNow;
                        var forgery = new ProtectionErasure
                        {
                            Id = Guid.CreateVersion7(now),
                            PersonId = personId,
                            Pseudonym = "P-0000",
                            RegisteredAt = now.AddYears(-6),
                            RetainUntil = now.AddMinutes(-1),
                            ErasedAt = now,
                            Records = ErasedRecords.Json(records),
                            Counts = counts,
                            EntriesDigest = digest,
                        };
                        db.Add(forgery);
                        Aigaq.TransparencyLog.LedgerWriter.Append(db, ProtectionLedger.Erased, forgery.Id, now, ProtectionLedger.Content(forgery));
                        await db.SaveChangesAsync();
                        return forgery.Id;
                    }));
                }

                await app.IntegrateAllAsync();
                expected =
                [
                    $"{ProtectionLedger.Erased} {forged[0]}: erased before its retention date",
                    $"{ProtectionLedger.Erased} {forged[1]}: the trace does not erase exactly its own registered person",
                ];
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ProtectionErasure>().Where(e => e.Id == trace.Id).ExecuteDeleteAsync());
                expected =
                [
                    $"{ProtectionLedger.Erased} {trace.Id}: record missing",
                    $"{ProtectionLedger.ProtectedPersonRegistered} {erased}: record missing",
                    $"{ProtectionLedger.ReprisalRecorded} {reprisal}: record missing",
                ];
                break;
        }

        var failures = await app.AuditAsync();
        Assert.All(expected, e => Assert.Contains(failures, f => f.Contains(e, StringComparison.Ordinal)));
    }

    private static object Person(string lastName) => new
    {
        identity = new { person = new { lastName, firstName = "Данияр", birthDate = "1991-02-03" } },
        role = "witness",
        disclosure = "confidential",
        risk = "high",
    };
}
