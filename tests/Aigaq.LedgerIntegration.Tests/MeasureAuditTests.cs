using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Measures on a recommendation are in the log: a measure, a status change and an evidence file's record, deleted or
/// edited behind the application's back, are named by the audit by kind and record id. A measure's title is committed
/// as a digest and the evidence with its SHA-256, so an edit of either is named all the same.
/// </summary>
public sealed class MeasureAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteMeasure", "title", "deleteStatus", "status", "evidenceSha256", "deleteEvidence"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_measure_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var analyst = await ReviewAuditTests.ClientAsync(app, Roles.Analyst);
        var recommendation = (await ReviewAuditTests.PostAsync(analyst, "/api/v1/recommendations", new
        {
            mechanism = "CAT",
            document = "CAT/C/KAZ/CO/4",
            paragraph = 24,
            summary = "Ensure an independent mechanism investigates complaints of torture",
            adoptedAt = "2014-12-12",
            followUp = false,
        })).GetProperty("id").GetGuid();
        var url = $"/api/v1/recommendations/{recommendation}/measures";
        var measure = (await ReviewAuditTests.PostAsync(analyst, url, new
        {
            title = "Передать жалобы на пытки в специальное подразделение прокуратуры",
            lead = "Генеральная прокуратура",
            targetDate = "2025-06-30",
            status = "planned",
        })).GetProperty("id").GetGuid();
        var change = (await ReviewAuditTests.PostAsync(analyst, $"{url}/{measure}/status", new
        {
            status = "inProgress",
            note = "Приказ подписан",
            at = DateTimeOffset.UtcNow,
        })).GetProperty("id").GetGuid();
        var file = new ByteArrayContent("%PDF-1.7 order"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } };
        using var posted = await analyst.PostAsync($"{url}/{measure}/evidence", new MultipartFormDataContent { { file, "file", "order.pdf" } });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var evidence = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteMeasure":
                await AuditCoverageTests.DeleteAsync(app, postgres, async db =>
                    await db.Set<MeasureEvidence>().ExecuteDeleteAsync() + await db.Set<MeasureStatusChange>().ExecuteDeleteAsync()
                    + await db.Set<RecommendationMeasure>().ExecuteDeleteAsync());
                expected = $"{MeasureLedger.Added} {measure}: record missing";
                break;
            case "title":
                await app.WithDbAsync(db => db.Set<RecommendationMeasure>().Where(m => m.Id == measure)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Title, "Рассмотреть возможность")));
                expected = $"{MeasureLedger.Added} {measure}: commitment mismatch";
                break;
            case "deleteStatus":
                // A measure that stalled, made to look as if it never started.
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<MeasureStatusChange>().Where(s => s.Id == change).ExecuteDeleteAsync());
                expected = $"{MeasureLedger.StatusChanged} {change}: record missing";
                break;
            case "status":
                await app.WithDbAsync(db => db.Set<MeasureStatusChange>().Where(s => s.Id == change)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, MeasureStatus.Completed)));
                expected = $"{MeasureLedger.StatusChanged} {change}: commitment mismatch";
                break;
            case "evidenceSha256":
                await app.WithDbAsync(db => db.Set<MeasureEvidence>().Where(e => e.Id == evidence)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Sha256, new string('a', 64))));
                expected = $"{MeasureLedger.EvidenceAdded} {evidence}: commitment mismatch";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<MeasureEvidence>().Where(e => e.Id == evidence).ExecuteDeleteAsync());
                expected = $"{MeasureLedger.EvidenceAdded} {evidence}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
