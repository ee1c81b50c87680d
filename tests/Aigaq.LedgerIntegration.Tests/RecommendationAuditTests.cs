using Aigaq.Access;
using Aigaq.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// UN recommendations are in the log: a recommendation, an assessment, an indicator and each snapshot of its values,
/// deleted or edited behind the application's back, are named by the audit by kind and record id. An assessment's
/// rationale is committed as a digest, so an edit of it is named all the same.
/// </summary>
public sealed class RecommendationAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteRecommendation", "summary", "deleteAssessment", "rationale", "indicatorRegion", "snapshotValue", "deleteSnapshot"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_recommendation_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var analyst = await ReviewAuditTests.ClientAsync(app, Roles.Analyst);
        var recommendation = (await ReviewAuditTests.PostAsync(analyst, "/api/v1/recommendations", new
        {
            mechanism = "CAT",
            document = "CAT/C/KAZ/CO/4",
            paragraph = 46,
            summary = "Investigate all allegations of torture promptly and impartially",
            adoptedAt = "2014-12-12",
            followUp = true,
            followUpDueBy = "2015-12-12",
            themes = new[] { "investigations" },
        })).GetProperty("id").GetGuid();
        var url = $"/api/v1/recommendations/{recommendation}";
        var assessment = (await ReviewAuditTests.PostAsync(analyst, url + "/assessments", new
        {
            actor = "ngo",
            scale = "coalition",
            grade = "na",
            rationale = "Нет данных о расследованиях",
            at = DateTimeOffset.UtcNow.AddDays(-1),
        })).GetProperty("id").GetGuid();
        var indicator = (await ReviewAuditTests.PostAsync(analyst, url + "/indicators", new
        {
            metric = "manual",
            label = "Жалобы в омбудсмен",
            unit = "count",
            from = 2024,
            to = 2025,
            values = new[] { new { year = 2024, value = 17 }, new { year = 2025, value = 23 } },
        })).GetProperty("id").GetGuid();
        var snapshot = await app.WithDbAsync(db => db.Set<IndicatorSnapshot>().Where(s => s.IndicatorId == indicator && s.Year == 2025).Select(s => s.Id).SingleAsync());
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteRecommendation":
                await AuditCoverageTests.DeleteAsync(app, postgres, async db =>
                    await db.Set<IndicatorSnapshot>().ExecuteDeleteAsync() + await db.Set<RecommendationIndicator>().ExecuteDeleteAsync()
                    + await db.Set<RecommendationAssessment>().ExecuteDeleteAsync() + await db.Set<Recommendation>().ExecuteDeleteAsync());
                expected = $"{RecommendationLedger.Registered} {recommendation}: record missing";
                break;
            case "summary":
                await app.WithDbAsync(db => db.Set<Recommendation>().Where(r => r.Id == recommendation)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Summary, "Consider investigating allegations")));
                expected = $"{RecommendationLedger.Registered} {recommendation}: commitment mismatch";
                break;
            case "deleteAssessment":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<RecommendationAssessment>().Where(a => a.Id == assessment).ExecuteDeleteAsync());
                expected = $"{RecommendationLedger.Assessed} {assessment}: record missing";
                break;
            case "rationale":
                await app.WithDbAsync(db => db.Set<RecommendationAssessment>().Where(a => a.Id == assessment)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Rationale, "Всё выполнено")));
                expected = $"{RecommendationLedger.Assessed} {assessment}: commitment mismatch";
                break;
            case "indicatorRegion":
                await app.WithDbAsync(db => db.Set<RecommendationIndicator>().Where(i => i.Id == indicator)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.Region, "KZ-75")));
                expected = $"{RecommendationLedger.IndicatorTracked} {indicator}: commitment mismatch";
                break;
            case "snapshotValue":
                // A better figure than was known.
                await app.WithDbAsync(db => db.Set<IndicatorSnapshot>().Where(s => s.Id == snapshot).ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, 3m)));
                expected = $"{RecommendationLedger.IndicatorSnapshotTaken} {snapshot}: commitment mismatch";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<IndicatorSnapshot>().Where(s => s.Id == snapshot).ExecuteDeleteAsync());
                expected = $"{RecommendationLedger.IndicatorSnapshotTaken} {snapshot}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
