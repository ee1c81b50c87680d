using Aigaq.Access;
using Aigaq.Visits.Answers;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// A visit's checklist answers and its departure are in the log: an answer deleted (as if the item had not been answered
/// so) or edited (its value, or its note, committed as a digest), or the departure deleted or moved, behind the
/// application's back, is named by the audit by kind and record id.
/// </summary>
public sealed class VisitAnswerAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteAnswer", "answerValue", "answerNote", "textAnswer", "deleteDeparture", "departureAt"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_answer_or_departure_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var admin = await ReviewAuditTests.ClientAsync(app, Roles.Administrator);
        using var monitor = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        using var second = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        var facility = (await ReviewAuditTests.PostAsync(admin, "/api/v1/facilities", new
        {
            name = "ИВС УП г. Алматы",
            type = "policeHoldingCell",
            region = "KZ-75",
            agency = "police",
            address = "г. Алматы, ул. Сейфуллина, 10",
            acceptsMinors = false,
        })).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var visit = (await ReviewAuditTests.PostAsync(monitor, "/api/v1/visits", new
        {
            facilityId = facility,
            plannedFor = now.AddMinutes(-30),
            kind = "regular",
            announced = true,
            team = new object[] { new { name = "Айгүл Сейтқалиева", role = "lead", sex = "female" } },
        })).GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(second, $"/api/v1/visits/{visit}/approval", new { });
        await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/arrival", new { arrivedAt = now.AddMinutes(-20) });
        var answers = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/checklist-answers", new
        {
            at = now.AddMinutes(-10),
            answers = new { lawyerFromDetention = "no", medicinesMissing = "инсулин" },
            notes = new { lawyerFromDetention = "со слов задержанного Б." },
        })).GetProperty("answers");
        var lawyer = answers[0].GetProperty("id").GetGuid();
        var medicines = answers[1].GetProperty("id").GetGuid();
        var departure = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/departure", new { at = now.AddMinutes(-5) })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteAnswer":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitChecklistAnswer>().Where(a => a.Id == lawyer).ExecuteDeleteAsync());
                expected = $"{AnswerLedger.Answered} {lawyer}: record missing";
                break;
            case "answerValue":
                // "No lawyer from the first hour" turned into "yes".
                await app.WithDbAsync(db => db.Set<VisitChecklistAnswer>().Where(a => a.Id == lawyer).ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, "\"yes\"")));
                expected = $"{AnswerLedger.Answered} {lawyer}: commitment mismatch";
                break;
            case "answerNote":
                await app.WithDbAsync(db => db.Set<VisitChecklistAnswer>().Where(a => a.Id == lawyer).ExecuteUpdateAsync(u => u.SetProperty(a => a.Note, (string?)null)));
                expected = $"{AnswerLedger.Answered} {lawyer}: commitment mismatch";
                break;
            case "textAnswer":
                await app.WithDbAsync(db => db.Set<VisitChecklistAnswer>().Where(a => a.Id == medicines).ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, "\"всё есть\"")));
                expected = $"{AnswerLedger.Answered} {medicines}: commitment mismatch";
                break;
            case "deleteDeparture":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitDeparture>().Where(d => d.Id == departure).ExecuteDeleteAsync());
                expected = $"{AnswerLedger.Departed} {departure}: record missing";
                break;
            default:
                await app.WithDbAsync(db => db.Set<VisitDeparture>().Where(d => d.Id == departure).ExecuteUpdateAsync(u => u.SetProperty(d => d.At, now.AddMinutes(-1))));
                expected = $"{AnswerLedger.Departed} {departure}: commitment mismatch";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
