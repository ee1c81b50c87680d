using Aigaq.Access;
using Aigaq.Visits.Interviews;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// A visit's private interviews are in the log (issue 17, item 7): an interview deleted, or its allegation taken back behind
/// the application's back, is named by the audit by kind and record id.
/// </summary>
public sealed class InterviewAuditTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["deleteInterview", "allegationRemoved"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_interview_that_changed(string tamper, bool postgres)
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
        var visit = (await ReviewAuditTests.PostAsync(monitor, "/api/v1/visits", new
        {
            facilityId = facility,
            plannedFor = now.AddMinutes(-30),
            kind = "regular",
            announced = true,
            team = new object[] { new { name = "Айгүл Сейтқалиева", role = "lead", sex = "female" }, new { name = "Бауыржан Оспанов", role = "doctor", sex = "male" } },
        })).GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(second, $"/api/v1/visits/{visit}/approval", new { });
        await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/arrival", new { arrivedAt = now.AddMinutes(-20) });
        var interview = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/interviews", new
        {
            code = "K-17",
            consent = true,
            @private = true,
            allegation = true,
            reprisalRisk = "low",
            at = now.AddMinutes(-5),
            vulnerabilities = new[] { "mentalHealth" },
        })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        if (tamper == "deleteInterview")
        {
            await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitInterview>().Where(i => i.Id == interview).ExecuteDeleteAsync());
            expected = $"{InterviewLedger.Interviewed} {interview}: record missing";
        }
        else
        {
            // The allegation taken back, as if the person had said nothing.
            await app.WithDbAsync(db => db.Set<VisitInterview>().Where(i => i.Id == interview).ExecuteUpdateAsync(u => u.SetProperty(i => i.Allegation, false)));
            expected = $"{InterviewLedger.Interviewed} {interview}: commitment mismatch";
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
