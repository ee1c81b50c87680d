using Aigaq.Access;
using Aigaq.Visits;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// A visit's recommendations, the authority's responses and the checks at the next visit are in the log: each deleted or
/// edited behind the application's back is named by the audit by kind and record id. The texts are committed as digests,
/// so an edit of the text is named all the same.
/// </summary>
public sealed class VisitRecommendationAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteRecommendation", "recommendationText", "deleteResponse", "responseStatus", "deleteCheck", "checkFinding"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_recommendation_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var admin = await ReviewAuditTests.ClientAsync(app, Roles.Administrator);
        using var monitor = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        using var second = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        var facility = (await ReviewAuditTests.PostAsync(admin, "/api/v1/facilities", new
        {
            name = "ИВС ДП г. Алматы",
            type = "policeHoldingCell",
            region = "KZ-75",
            agency = "police",
            address = "г. Алматы, ул. Масанчи, 57А",
            acceptsMinors = false,
        })).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;

        async Task<Guid> VisitAsync(int minutesAgo)
        {
            var visit = (await ReviewAuditTests.PostAsync(monitor, "/api/v1/visits", new
            {
                facilityId = facility,
                plannedFor = now.AddMinutes(-minutesAgo),
                kind = "regular",
                announced = false,
                team = new object[] { new { name = "Айгүл Сейтқалиева", role = "lead", sex = "female" }, new { name = "Бауыржан Оспанов", role = "doctor", sex = "male" } },
            })).GetProperty("id").GetGuid();
            await ReviewAuditTests.PostAsync(second, $"/api/v1/visits/{visit}/approval", new { });
            await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/arrival", new { arrivedAt = now.AddMinutes(-minutesAgo + 5) });
            return visit;
        }

        var first = await VisitAsync(120);
        var recommendation = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{first}/recommendations", new
        {
            addressee = "Начальник ИВС",
            theme = "healthCare",
            text = "Обеспечить круглосуточный доступ к врачу.",
            priority = "urgent",
            responseDueBy = DateOnly.FromDateTime(now.AddDays(30).UtcDateTime),
        })).GetProperty("id").GetGuid();
        var response = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visit-recommendations/{recommendation}/responses", new
        {
            at = now.AddMinutes(-60),
            text = "Письмо № 7: отказать",
            status = "rejected",
        })).GetProperty("id").GetGuid();
        var next = await VisitAsync(30);
        var check = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visit-recommendations/{recommendation}/checks", new
        {
            visitId = next,
            at = now.AddMinutes(-10),
            finding = "not",
        })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteRecommendation":
                await AuditCoverageTests.DeleteAsync(app, postgres, async db =>
                    await db.Set<VisitRecommendationCheck>().Where(c => c.RecommendationId == recommendation).ExecuteDeleteAsync()
                    + await db.Set<VisitRecommendationResponse>().Where(r => r.RecommendationId == recommendation).ExecuteDeleteAsync()
                    + await db.Set<VisitRecommendation>().Where(r => r.Id == recommendation).ExecuteDeleteAsync());
                expected = $"{VisitRecommendationLedger.Recommended} {recommendation}: record missing";
                break;
            case "recommendationText":
                // The recommendation softened after it was sent.
                await app.WithDbAsync(db => db.Set<VisitRecommendation>().Where(r => r.Id == recommendation)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Text, "Рассмотреть возможность приглашать врача.")));
                expected = $"{VisitRecommendationLedger.Recommended} {recommendation}: commitment mismatch";
                break;
            case "deleteResponse":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitRecommendationResponse>().Where(r => r.Id == response).ExecuteDeleteAsync());
                expected = $"{VisitRecommendationLedger.Responded} {response}: record missing";
                break;
            case "responseStatus":
                // The refusal shown as acceptance.
                await app.WithDbAsync(db => db.Set<VisitRecommendationResponse>().Where(r => r.Id == response)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecommendationResponseStatus.Accepted)));
                expected = $"{VisitRecommendationLedger.Responded} {response}: commitment mismatch";
                break;
            case "deleteCheck":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitRecommendationCheck>().Where(c => c.Id == check).ExecuteDeleteAsync());
                expected = $"{VisitRecommendationLedger.Checked} {check}: record missing";
                break;
            default:
                // Not implemented shown as implemented, which would close the recommendation.
                await app.WithDbAsync(db => db.Set<VisitRecommendationCheck>().Where(c => c.Id == check)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Finding, RecommendationFinding.Implemented)));
                expected = $"{VisitRecommendationLedger.Checked} {check}: commitment mismatch";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
