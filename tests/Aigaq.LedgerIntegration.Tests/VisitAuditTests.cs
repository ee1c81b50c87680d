using Aigaq.Access;
using Aigaq.Visits;
using Aigaq.Visits.Headcounts;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Monitoring visits are in the log: a visit, its team, its approval, arrival, checks, access denials and a facility's
/// monitoring facts, deleted or edited behind the application's back, are named by the audit by kind and record id. Team
/// names, who refused access and why are committed as digests, so an edit of them is named all the same.
/// </summary>
public sealed class VisitAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["deleteVisit", "teamMemberName", "deleteTeamMember", "insertTeamMember", "deleteApproval", "arrivalAdmitted", "deleteCheck", "denialBy", "deleteDenial", "reopened", "deleteProfile", "headcountFinding", "deleteHeadcountLine"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_visit_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var admin = await ReviewAuditTests.ClientAsync(app, Roles.Administrator);
        using var monitor = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        using var second = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        var facility = (await ReviewAuditTests.PostAsync(admin, "/api/v1/facilities", new
        {
            name = "Гауптвахта гарнизона Алматы",
            type = "militaryGuardhouse",
            region = "KZ-75",
            agency = "military",
            address = "г. Алматы, ул. Жандосова, 1",
            acceptsMinors = false,
        })).GetProperty("id").GetGuid();
        var profile = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/facilities/{facility}/monitoring", new
        {
            closedToMonitoring = true,
            reason = "Министерство обороны не допускает НПМ",
        })).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var visit = (await ReviewAuditTests.PostAsync(monitor, "/api/v1/visits", new
        {
            facilityId = facility,
            plannedFor = now.AddMinutes(-30),
            kind = "special",
            announced = false,
            team = new object[]
            {
                new { name = "Айгүл Сейтқалиева", role = "lead", sex = "female" },
                new { name = "Бауыржан Оспанов", role = "doctor", sex = "male" },
            },
        })).GetProperty("id").GetGuid();
        var approval = (await ReviewAuditTests.PostAsync(second, $"/api/v1/visits/{visit}/approval", new { comment = "состав утверждён" })).GetProperty("id").GetGuid();
        var arrival = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/arrival", new { arrivedAt = now.AddMinutes(-20), admittedAt = now.AddMinutes(-10) }))
            .GetProperty("id").GetGuid();
        var check = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/checks", new { kind = "register", name = "Журнал задержанных", at = now.AddMinutes(-5) }))
            .GetProperty("id").GetGuid();
        var denial = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/access-denials", new
        {
            at = now.AddMinutes(-4),
            what = "area",
            by = "майор Жумабеков",
            reason = "режимный объект",
            minutes = 60,
        })).GetProperty("id").GetGuid();
        var headcount = (await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/headcount", new
        {
            at = now.AddMinutes(-3),
            people = new[] { new { lastName = "Кенжебаев", firstName = "Ардак" } },
        })).GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteVisit":
                await AuditCoverageTests.DeleteAsync(app, postgres, async db =>
                    await db.Set<VisitTeamMember>().Where(m => m.VisitId == visit).ExecuteDeleteAsync() + await db.Set<Visit>().Where(v => v.Id == visit).ExecuteDeleteAsync());
                expected = $"{VisitLedger.VisitPlanned} {visit}: record missing";
                break;
            case "teamMemberName":
                // The doctor on the team replaced by someone else.
                await app.WithDbAsync(db => db.Set<VisitTeamMember>().Where(m => m.VisitId == visit && m.Position == 1)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Name, "Другой Врач")));
                expected = $"{VisitLedger.VisitPlanned} {visit}: commitment mismatch";
                break;
            case "deleteTeamMember":
                // The doctor taken off the team, as if the visit had gone without one.
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitTeamMember>().Where(m => m.VisitId == visit && m.Position == 1).ExecuteDeleteAsync());
                expected = $"{VisitLedger.VisitPlanned} {visit}: commitment mismatch";
                break;
            case "insertTeamMember":
                // Someone added to the team after it was approved.
                await app.WithDbAsync(db =>
                {
                    db.Add(new VisitTeamMember { Id = Guid.NewGuid(), VisitId = visit, Position = 2, Name = "Посторонний Человек", Role = TeamRole.Member });
                    return db.SaveChangesAsync();
                });
                expected = $"{VisitLedger.VisitPlanned} {visit}: commitment mismatch";
                break;
            case "deleteApproval":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitApproval>().Where(a => a.Id == approval).ExecuteDeleteAsync());
                expected = $"{VisitLedger.TeamApproved} {approval}: record missing";
                break;
            case "arrivalAdmitted":
                // Admitted at once, as if the team had not waited at the gate.
                await app.WithDbAsync(db => db.Set<VisitArrival>().Where(a => a.Id == arrival).ExecuteUpdateAsync(u => u.SetProperty(a => a.AdmittedAt, a => (DateTimeOffset?)a.ArrivedAt)));
                expected = $"{VisitLedger.Arrived} {arrival}: commitment mismatch";
                break;
            case "deleteCheck":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitCheck>().Where(c => c.Id == check).ExecuteDeleteAsync());
                expected = $"{VisitLedger.Checked} {check}: record missing";
                break;
            case "denialBy":
                await app.WithDbAsync(db => db.Set<AccessDenial>().Where(d => d.Id == denial).ExecuteUpdateAsync(u => u.SetProperty(d => d.By, "неизвестный")));
                expected = $"{VisitLedger.AccessDenied} {denial}: commitment mismatch";
                break;
            case "deleteDenial":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<AccessDenial>().Where(d => d.Id == denial).ExecuteDeleteAsync());
                expected = $"{VisitLedger.AccessDenied} {denial}: record missing";
                break;
            case "reopened":
                // The guardhouse shown as open to monitoring.
                await app.WithDbAsync(db => db.Set<FacilityMonitoringChange>().Where(c => c.Id == profile).ExecuteUpdateAsync(u => u.SetProperty(c => c.Closed, false)));
                expected = $"{VisitLedger.MonitoringProfile} {profile}: commitment mismatch";
                break;
            case "headcountFinding":
                // The person found off the register shown as registered.
                await app.WithDbAsync(db => db.Set<HeadcountEntry>().Where(e => e.HeadcountId == headcount)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Finding, HeadcountFinding.Registered)));
                expected = $"{VisitLedger.Headcount} {headcount}: commitment mismatch";
                break;
            case "deleteHeadcountLine":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<HeadcountEntry>().Where(e => e.HeadcountId == headcount).ExecuteDeleteAsync());
                expected = $"{VisitLedger.Headcount} {headcount}: commitment mismatch";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<FacilityMonitoringChange>().Where(c => c.Id == profile).ExecuteDeleteAsync());
                expected = $"{VisitLedger.MonitoringProfile} {profile}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
