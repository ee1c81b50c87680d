using Aigaq.Access;
using Aigaq.Examinations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Shares of a sealed examination are in the log: a share whose expiry was moved (to keep a link open longer than the
/// examiner gave), a deleted share, or a deleted revocation (to reopen a revoked link) is named by the audit, by kind and
/// record id.
/// </summary>
public sealed class ExaminationShareAuditTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["shareExpiry", "deleteShare", "deleteRevocation"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_share_or_revocation_that_changed(string tamper, bool postgres)
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
            person = new { lastName = "Оспанов", firstName = "Ерболат" },
        })).GetProperty("id").GetGuid();
        var url = $"/api/v1/examinations/{exam}";
        await ReviewAuditTests.PostAsync(expert, $"{url}/examiner", new { name = "Каримова Салтанат", qualifications = "эксперт", employer = "forensicCentre", independenceDeclared = true });
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
            items = new { examination = true, photographs = true, intimatePhotographs = true, shareWithInvestigators = true, shareWithCourt = true, shareWithDefender = true },
        });
        await ReviewAuditTests.PostAsync(expert, $"{url}/seal", new { opinion = "consistent", conclusions = "Могли образоваться", recommendations = "Нет", policePresent = false });
        var kept = (await ReviewAuditTests.PostAsync(expert, $"{url}/shares", new { recipientName = "Судья Ахметова", recipientRole = "judge", expiresAt = now.AddDays(5) }))
            .GetProperty("id").GetGuid();
        var revoked = (await ReviewAuditTests.PostAsync(expert, $"{url}/shares", new { recipientName = "Адвокат Серик", recipientRole = "defender", expiresAt = now.AddDays(5) }))
            .GetProperty("id").GetGuid();
        var revocation = (await ReviewAuditTests.PostAsync(expert, $"{url}/shares/{revoked}/revoke", new { reason = "по просьбе обследованного" }))
            .GetProperty("id").GetGuid();
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "shareExpiry":
                await app.WithDbAsync(db => db.Set<ExaminationShare>().Where(s => s.Id == kept).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, now.AddYears(1))));
                expected = $"{ExaminationShareLedger.Shared} {kept}: commitment mismatch";
                break;
            case "deleteShare":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ExaminationShare>().Where(s => s.Id == kept).ExecuteDeleteAsync());
                expected = $"{ExaminationShareLedger.Shared} {kept}: record missing";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ExaminationShareRevocation>().Where(r => r.Id == revocation).ExecuteDeleteAsync());
                expected = $"{ExaminationShareLedger.Revoked} {revocation}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
