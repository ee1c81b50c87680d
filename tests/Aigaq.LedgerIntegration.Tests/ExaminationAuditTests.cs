using Aigaq.Access;
using Aigaq.Examinations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Istanbul Protocol examinations are in the log: a sealed finding edited (its level raised, or its description rewritten),
/// an amendment deleted, or a request edited (its due time moved, so that no overdue alert would show) is named by the
/// audit, by kind and record id. The log holds digests of the free texts, so an edited description is named all the same.
/// </summary>
public sealed class ExaminationAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["findingConsistency", "findingDescription", "deleteAmendment", "requestDueBy", "findingInsertedBeforeSeal"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_examination_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var investigator = await ReviewAuditTests.ClientAsync(app, Roles.Investigator);
        using var expert = await ReviewAuditTests.ClientAsync(app, Roles.ForensicExpert);
        var now = DateTimeOffset.UtcNow;
        var exam = (await ReviewAuditTests.PostAsync(investigator, "/api/v1/examinations", new
        {
            requestedAt = now.AddHours(-1),
            requestedBy = new { kind = "investigator" },
            person = new { lastName = "Оспанов", firstName = "Ерболат", birthDate = "1988-09-30" },
        })).GetProperty("id").GetGuid();
        var url = $"/api/v1/examinations/{exam}";
        await ReviewAuditTests.PostAsync(expert, $"{url}/examiner", new
        {
            name = "Каримова Салтанат",
            qualifications = "судебно-медицинский эксперт",
            employer = "forensicCentre",
            independenceDeclared = true,
        });
        await ReviewAuditTests.PostAsync(expert, $"{url}/session", new
        {
            place = "ЦСЭ г. Алматы",
            startedAt = now.AddMinutes(-30),
            present = new[] { new { name = "Каримова С.", affiliation = "examiner" } },
            policePresent = false,
        });
        await ReviewAuditTests.PostAsync(expert, $"{url}/consent", new
        {
            at = now.AddMinutes(-29),
            items = new
            {
                examination = true,
                photographs = true,
                intimatePhotographs = true,
                shareWithInvestigators = true,
                shareWithCourt = true,
                shareWithDefender = true,
            },
        });
        var finding = (await ReviewAuditTests.PostAsync(expert, $"{url}/findings", new
        {
            view = "back",
            bodyRegion = "lowerBack",
            x = 0.5,
            y = 0.37,
            description = "Полосовидные кровоподтёки",
            consistency = "consistent",
            rationale = "Могли образоваться от ударов продолговатым предметом",
        })).GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(expert, $"{url}/seal", new
        {
            opinion = "consistent",
            conclusions = "Повреждения могли образоваться при описанных обстоятельствах",
            recommendations = "Повторный осмотр",
            policePresent = false,
        });
        var amendment = (await ReviewAuditTests.PostAsync(expert, $"{url}/amendments", new { reason = "опечатка", text = "кровоподтёки 6 x 1 см" }))
            .GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "findingConsistency":
                // A sealed finding made to say more than the examiner found.
                await app.WithDbAsync(db => db.Set<ExaminationFinding>().Where(f => f.Id == finding).ExecuteUpdateAsync(u => u.SetProperty(f => f.Consistency, "diagnosticOf")));
                expected = $"{ExaminationLedger.FindingRecorded} {finding}: commitment mismatch";
                break;
            case "findingDescription":
                await app.WithDbAsync(db => db.Set<ExaminationFinding>().Where(f => f.Id == finding).ExecuteUpdateAsync(u => u.SetProperty(f => f.Description, "Без повреждений")));
                expected = $"{ExaminationLedger.FindingRecorded} {finding}: commitment mismatch";
                break;
            case "deleteAmendment":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ExaminationAmendment>().Where(a => a.Id == amendment).ExecuteDeleteAsync());
                expected = $"{ExaminationLedger.Amended} {amendment}: record missing";
                break;
            case "findingInsertedBeforeSeal":
                // Review finding M1: a finding written in after the seal, dated before it, with a log entry of its own as
                // one with the database's keys could append: the seal's entry lists the findings it sealed, so it is named.
                var inserted = new ExaminationFinding
                {
                    Id = Guid.CreateVersion7(now.AddMinutes(-1)),
                    ExaminationId = exam,
                    View = "front",
                    BodyRegion = "chest",
                    X = 0.5,
                    Y = 0.3,
                    Description = "Следов нет",
                    Consistency = "notConsistent",
                    Rationale = "Повреждений не выявлено",
                    RecordedAt = now.AddMinutes(-1),
                    RecordedBy = Guid.NewGuid(),
                };
                await app.WithDbAsync(db =>
                {
                    db.Add(inserted);
                    Aigaq.TransparencyLog.LedgerWriter.Append(db, ExaminationLedger.FindingRecorded, inserted.Id, inserted.RecordedAt, ExaminationLedger.Content(inserted));
                    return db.SaveChangesAsync();
                });
                await app.IntegrateAllAsync();
                expected = $"{ExaminationLedger.FindingRecorded} {inserted.Id}: the stored examination finding is not among those sealed";
                break;
            default:
                await app.WithDbAsync(db => db.Set<Examination>().Where(e => e.Id == exam).ExecuteUpdateAsync(u => u.SetProperty(e => e.DueBy, now.AddDays(30))));
                expected = $"{ExaminationLedger.Requested} {exam}: commitment mismatch";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
