using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Protection;

/// <summary>
/// A detainee's complaint of ill-treatment in custody protects the complainant from the start (issue 15, item 1): the
/// protection scan registers them, with Aigaq as registrant, so the police who recorded the complaint neither write nor
/// read the protection; an already protected detainee is linked, not registered twice; a complainant who cannot be
/// registered raises ComplainantNotProtected.
/// </summary>
public abstract class CustodyComplainantTests(HostFixture fixture)
{
    private const string Passphrase = "хранитель жалобщиков";

    private AigaqHost Host => fixture.Host;

    private async Task CustodiansAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var officer = await Host.UserAsync(Roles.ProtectionOfficer);
            await (await officer.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = Passphrase })).ExpectAsync(HttpStatusCode.Created);
        }
    }

    private async Task<(JsonObject Detention, TestUser Officer, TestUser Custody)> HeldAsync(string lastName, string firstName, string born, string iin)
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, facility: facility.Id);
        var detention = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-2), b =>
        {
            b["person"]!["lastName"] = lastName;
            b["person"]!["firstName"] = firstName;
            b["person"]!["birthDate"] = born;
            b["person"]!["iin"] = iin;
        });
        return (detention, officer, custody);
    }

    private async Task<JsonObject> ComplainAsync(TestUser custody, Guid detentionId, Guid? corrects = null)
    {
        var body = new JsonObject { ["type"] = "illTreatmentComplaint", ["at"] = Requests.Instant(Host.Now.AddHours(-1)), ["by"] = "the detainee" };
        if (corrects is { } target)
        {
            body["corrects"] = target.ToString();
            body["reason"] = "the time was written wrongly";
        }

        return await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(detentionId), body)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_complaint_in_custody_protects_the_complainant_by_the_scan_with_Aigaq_as_registrant_unseen_by_the_police()
    {
        await CustodiansAsync();
        var iin = ProtectedPersonsTests.IinOf(new DateOnly(1994, 2, 11), 4242);
        var (detention, officer, custody) = await HeldAsync("Жұмабаев", "Асқар", "1994-02-11", iin);
        var before = await Host.CountAsync<ProtectedPerson>();

        var complaint = await ComplainAsync(custody, detention.Id());

        // The police's transaction carries nothing of the protection: no person, no protection alert in the answer.
        Assert.Equal(before, await Host.CountAsync<ProtectedPerson>());
        Assert.DoesNotContain(complaint["alerts"].Objects(), a => AlertCodes.IsDiscreet(a.Str("code")!));
        var report = await Host.WithDbAsync(db => db.Set<Report>().SingleAsync(r => r.DetentionId == detention.Id() && r.Source == ReportSource.DetaineeComplaint));

        await Host.ProtectionScanAsync(Host.Now);

        var person = await Host.WithDbAsync(db => db.Set<ProtectedPerson>().SingleAsync(p => p.ReportId == report.Id));
        Assert.Equal(ProtectCustodyComplainants.Registrant, person.RecordedBy);
        Assert.Equal((ProtectedRole.Complainant, Disclosure.Confidential, RiskLevel.High), (person.Role, person.Disclosure, person.Risk));
        Assert.Equal(detention.Id(), person.DetentionId);
        Assert.Equal(report.Region, person.Region);
        Assert.DoesNotContain("Жұмабаев", person.Identity, StringComparison.Ordinal);

        // Held now, so the registration itself raised ProtectedPersonDetained for the protection officers and the prosecutor.
        var detained = await Host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.ProtectedPersonDetained && a.Key.EndsWith(":" + person.Id)));
        Assert.Equal(detention.Id(), MatchDetentions.DetentionOf(detained));

        // The region's protection officer reads the person; the police who recorded the complaint, and a prosecutor who did
        // not register them, do not.
        var protection = await Host.UserAsync(Roles.ProtectionOfficer);
        var read = await (await protection.Client.GetAsync($"/api/v1/protected-persons/{person.Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("complainant", read.Str("role"));
        Assert.Equal(report.Id.ToString(), read["links"]!.AsObject().Str("reportId"));
        foreach (var police in new[] { officer, custody })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await police.Client.GetAsync($"/api/v1/protected-persons/{person.Id}")).StatusCode);
        }

        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        Assert.Equal(HttpStatusCode.NotFound, (await prosecutor.Client.GetAsync($"/api/v1/protected-persons/{person.Id}")).StatusCode);

        // A pass read again, and a correction of the complaint, protect no one twice.
        await ComplainAsync(custody, detention.Id(), corrects: complaint["event"]!.AsObject().Id());
        await Host.ProtectionScanAsync(Host.Now);
        await Host.WithDbAsync(db => db.Set<ProtectionMatchCursor>().ExecuteUpdateAsync(s => s.SetProperty(c => c.NextIndex, 0)));
        await Host.ProtectionScanAsync(Host.Now);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<ProtectedPerson>().CountAsync(p => p.DetentionId == detention.Id())));
    }

    [Fact]
    public async Task A_protected_person_who_complains_in_custody_is_linked_to_the_report_not_registered_again()
    {
        await CustodiansAsync();
        var iin = ProtectedPersonsTests.IinOf(new DateOnly(1987, 9, 3), 515);
        var monitor = await Host.UserAsync(Roles.Monitor);
        var registered = await (await monitor.Client.PostJsonAsync("/api/v1/protected-persons", new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = "Серікова", ["firstName"] = "Әйгерім", ["birthDate"] = "1987-09-03", ["iin"] = iin } },
            ["role"] = "witness",
            ["disclosure"] = "confidential",
            ["risk"] = "medium",
        })).ExpectAsync(HttpStatusCode.Created);
        var (detention, _, custody) = await HeldAsync("Serikova", "Aigerim", "1987-09-03", iin);

        await ComplainAsync(custody, detention.Id());
        await Host.ProtectionScanAsync(Host.Now);

        var report = await Host.WithDbAsync(db => db.Set<Report>().SingleAsync(r => r.DetentionId == detention.Id() && r.Source == ReportSource.DetaineeComplaint));
        Assert.False(await Host.WithDbAsync(db => db.Set<ProtectedPerson>().AnyAsync(p => p.ReportId == report.Id)));
        var change = await Host.WithDbAsync(db => db.Set<ProtectedPersonChange>().SingleAsync(c => c.ReportId == report.Id));
        Assert.Equal(registered.Id(), change.PersonId);
        Assert.Equal(ProtectCustodyComplainants.Registrant, change.RecordedBy);
        Assert.Equal(detention.Id(), change.DetentionId);
        Assert.Contains(report.Number, change.Reason, StringComparison.Ordinal);
    }
}

public sealed class CustodyComplainantOnSqlite(SqliteHost fixture) : CustodyComplainantTests(fixture), IClassFixture<SqliteHost>;

public sealed class CustodyComplainantOnPostgres(PostgresHost fixture) : CustodyComplainantTests(fixture), IClassFixture<PostgresHost>;

/// <summary>Where the complainant cannot be registered, nothing of them is written and the protection officers are asked to.</summary>
public sealed class CustodyComplainantNotReadyTests
{
    [Fact]
    public async Task Too_few_custodians_leave_no_half_written_person_and_raise_ComplainantNotProtected_about_the_report()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = database.NewHost(new Dictionary<string, string?> { ["Aigaq:Protection:MinCustodians"] = "2" });
        var protection = await host.UserAsync(Roles.ProtectionOfficer);
        await (await protection.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "единственный хранитель" })).ExpectAsync(HttpStatusCode.Created);
        var held = await host.HeldAsync();
        await (await held.Custody.Client.PostJsonAsync(Scenario.EventsUrl(held.Id), new JsonObject
        {
            ["type"] = "illTreatmentComplaint",
            ["at"] = Requests.Instant(host.Now.AddHours(-1)),
        })).ExpectAsync(HttpStatusCode.Created);

        await host.ProtectionScanAsync(host.Now);
        await host.ProtectionScanAsync(host.Now);

        Assert.Equal(0, await host.CountAsync<ProtectedPerson>());
        var report = await host.WithDbAsync(db => db.Set<Report>().SingleAsync(r => r.DetentionId == held.Id));
        var alert = await host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.ComplainantNotProtected));
        Assert.Null(alert.ReportId);
        Assert.Null(alert.DetentionId);
        Assert.Equal(report.Number, alert.Detail);
        Assert.Equal(report.Region, alert.Region);
    }
}
