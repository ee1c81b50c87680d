using Aigaq.Access;
using Aigaq.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// A recommendation's corrections are in the log: a correction deleted, its corrected summary, due date or themes edited,
/// or its reason (committed as a digest) rewritten behind the application's back, is named by the audit by kind and
/// record id; the registered recommendation it corrects stays as registered and passes.
/// </summary>
public sealed class RecommendationCorrectionAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteCorrection", "correctedSummary", "correctedDueDate", "correctedThemes", "reason", "fields"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_correction_that_differs_from_its_facts(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var analyst = await ReviewAuditTests.ClientAsync(app, Roles.Analyst);
        var recommendation = (await ReviewAuditTests.PostAsync(analyst, "/api/v1/recommendations", new
        {
            mechanism = "CAT",
            document = "CAT/C/KAZ/CO/4",
            paragraph = 28,
            summary = "Ensure that the national preventive mechanism is independent",
            adoptedAt = "2021-12-03",
            followUp = true,
            followUpDueBy = "2022-12-03",
            themes = new[] { "npm" },
        })).GetProperty("id").GetGuid();
        var correction = (await ReviewAuditTests.PostAsync(analyst, $"/api/v1/recommendations/{recommendation}/corrections", new
        {
            reason = "The Committee's text names its budget, set by Сидоров А. А.",
            summary = "Ensure that the national preventive mechanism is independent and has its own budget",
            followUpDueBy = "2022-12-10",
            themes = new[] { "npm", "independence" },
        })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        IQueryable<RecommendationCorrection> Row(Data.AigaqDb db) => db.Set<RecommendationCorrection>().Where(c => c.Id == correction);
        var expected = $"{RecommendationLedger.Corrected} {correction}: commitment mismatch";
        switch (tamper)
        {
            case "deleteCorrection":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => Row(db).ExecuteDeleteAsync());
                expected = $"{RecommendationLedger.Corrected} {correction}: record missing";
                break;
            case "correctedSummary":
                await app.WithDbAsync(db => Row(db).ExecuteUpdateAsync(u => u.SetProperty(c => c.Summary, "Consider the independence of the mechanism")));
                break;
            case "correctedDueDate":
                await app.WithDbAsync(db => Row(db).ExecuteUpdateAsync(u => u.SetProperty(c => c.FollowUpDueBy, new DateOnly(2030, 1, 1))));
                break;
            case "correctedThemes":
                await app.WithDbAsync(db => Row(db).ExecuteUpdateAsync(u => u.SetProperty(c => c.Themes, "[\"npm\"]")));
                break;
            case "reason":
                await app.WithDbAsync(db => Row(db).ExecuteUpdateAsync(u => u.SetProperty(c => c.Reason, "Typo")));
                break;
            default:
                await app.WithDbAsync(db => Row(db).ExecuteUpdateAsync(u => u.SetProperty(c => c.Fields, "[\"summary\"]")));
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains(recommendation.ToString(), StringComparison.Ordinal) && !f.Contains(correction.ToString(), StringComparison.Ordinal));
    }
}
