using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Protection;
using Aigaq.Tests.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Protection;

/// <summary>
/// Protected persons (issue 15, items 1 to 3 and 7): registered under a pseudonym with a check digit, their identity
/// sealed for the custodians and the recovery key and answered to no one, and recognised in a detention by blind index
/// (IIN, or names spelled another way with the same birth date) without opening anything, raising
/// ProtectedPersonDetained that the detaining agency sees withheld.
/// </summary>
public abstract class ProtectedPersonsTests(HostFixture fixture)
{
    private const string Url = "/api/v1/protected-persons";
    private const string Passphrase = "хранитель тайны личности";

    private AigaqHost Host => fixture.Host;

    /// <summary>A valid IIN of a man born on <paramref name="born"/> in the 1900s, with serial <paramref name="serial"/> or the next that has a check digit.</summary>
    internal static string IinOf(DateOnly born, int serial)
    {
        for (var s = serial; ; s++)
        {
            var body = born.ToString("yyMMdd", CultureInfo.InvariantCulture) + "3" + (s % 10000).ToString("D4", CultureInfo.InvariantCulture);
            var d = body.Select(c => c - '0').ToArray();
            var check = Enumerable.Range(0, 11).Sum(i => d[i] * (i + 1)) % 11;
            if (check == 10)
            {
                check = Enumerable.Range(0, 11).Sum(i => d[i] * (((i + 2) % 11) + 1)) % 11;
            }

            if (check != 10)
            {
                return body + (char)('0' + check);
            }
        }
    }

    private async Task<TestUser> CustodiansAsync()
    {
        TestUser first = null!;
        for (var i = 0; i < 2; i++)
        {
            var officer = await Host.UserAsync(Roles.ProtectionOfficer);
            await (await officer.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = Passphrase })).ExpectAsync(HttpStatusCode.Created);
            first ??= officer;
        }

        return first;
    }

    private static JsonObject Person(string lastName, string firstName, string? birthDate, string? iin = null, JsonObject? extra = null)
    {
        var person = new JsonObject { ["lastName"] = lastName, ["firstName"] = firstName, ["birthDate"] = birthDate, ["iin"] = iin };
        var body = new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = person, ["phone"] = "+77015550011", ["address"] = "г. Алматы, ул. Жибек Жолы, 5" },
            ["role"] = "complainant",
            ["disclosure"] = "confidential",
            ["risk"] = "high",
        };
        foreach (var (k, v) in extra ?? [])
        {
            body[k] = v?.DeepClone();
        }

        return body;
    }

    [Fact]
    public async Task The_identity_is_sealed_for_the_custodians_and_the_recovery_key_and_answered_to_no_one()
    {
        var custodian = await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));
        var iin = IinOf(new DateOnly(1988, 4, 12), 4242);

        var created = await (await prosecutor.Client.PostJsonAsync(Url, Person("Жұмабаев", "Асқар", "1988-04-12", iin, new JsonObject { ["reportId"] = report.Str("id") })))
            .ExpectAsync(HttpStatusCode.Created);

        var id = Guid.Parse(created.Str("id"));
        Assert.True(Pseudonyms.IsValid(created.Str("pseudonym")), created.Str("pseudonym"));
        var read = await (await prosecutor.Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Str("pseudonym"), read.Str("pseudonym"));
        Assert.Equal("complainant", read.Str("role"));
        Assert.Equal("high", read.Str("risk"));
        Assert.Equal(report.Str("id"), read["links"].Str("reportId"));
        var text = read.ToJsonString();
        foreach (var secret in new[] { "Жұмабаев", "Асқар", iin, "+77015550011", "Жибек" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // Who may read it: the region's protection officer and whoever registered it; not another prosecutor or region.
        await (await custodian.Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        await (await (await Host.UserAsync(Roles.Prosecutor)).Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71")).Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await Host.UserAsync(Roles.ProtectionOfficer, region: null)).Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await Host.UserAsync(Roles.Officer)).Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The row holds ciphertext: a custodian opens it with their passphrase, and the recovery key opens it offline.
        var (stored, key) = await Host.WithDbAsync(async db => (
            await db.Set<ProtectedPerson>().SingleAsync(p => p.Id == id),
            await db.Set<CustodianKey>().SingleAsync(k => k.UserId == custodian.Id)));
        Assert.DoesNotContain("Жұмабаев", stored.Identity, StringComparison.Ordinal);
        Assert.DoesNotContain(iin, stored.Identity, StringComparison.Ordinal);
        var envelope = IdentityEnvelope.FromJson(stored.Identity);
        Assert.True(HolderKeys.TryUnlock(SealedHolderKey.FromJson(key.Sealed), Passphrase, out var privateKey));
        using (privateKey)
        {
            Assert.True(envelope.TryOpen(custodian.Id.ToString(), privateKey, id.ToByteArray(), out var plain));
            Assert.Equal("Жұмабаев", JsonNode.Parse(plain)!["person"]!["lastName"]!.GetValue<string>());
            Assert.False(envelope.TryOpen(custodian.Id.ToString(), privateKey, Guid.NewGuid().ToByteArray(), out _));
        }

        Assert.True(RecoveryKey.TryOpen(envelope, TestProtectionKeys.RecoveryPrivate, id.ToByteArray(), out var recovered));
        Assert.Equal(iin, JsonNode.Parse(recovered)!["person"]!["iin"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_detention_of_a_protected_person_by_iin_raises_ProtectedPersonDetained_which_no_reader_of_the_detention_sees()
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var iin = IinOf(new DateOnly(1990, 7, 1), 1717);
        var person = await (await prosecutor.Client.PostJsonAsync(Url, Person("Оспанов", "Нұрлан", "1990-07-01", iin))).ExpectAsync(HttpStatusCode.Created);
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);

        // Spelled otherwise in the detention, but the IIN is the same.
        var detention = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Ospanov";
            b["person"]!["firstName"] = "Nurlan";
            b["person"]!["birthDate"] = "1990-07-01";
            b["person"]!["iin"] = iin;
        });

        // The registration's transaction wrote only the alerts its answer lists: an alert written beside the detention's log
        // entry would show the officer, in the public log's entries of that transaction, that the detainee is protected.
        var listed0 = detention["alerts"].Objects().Select(a => a.Str("id")!).Order(StringComparer.Ordinal).ToList();
        var written = await Host.WithDbAsync(db => db.Set<Alert>()
            .Where(a => a.DetentionId == detention.Id() || a.Key.Contains(detention.Str("id")!)).Select(a => a.Id.ToString()).ToListAsync());
        Assert.Equal(listed0, written.Order(StringComparer.Ordinal));

        // The protection scan recognises the person, after the registration's transaction and apart from it.
        await Host.ProtectionScanAsync(Host.Now);

        // No reader of the detention learns of it, not even as a withheld row or a count: the alert is not the detention's.
        Assert.DoesNotContain(AlertCodes.ProtectedPersonDetained, detention.ToJsonString(), StringComparison.Ordinal);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, facility: facility.Id);
        foreach (var reader in new[] { officer, custody, await Host.UserAsync(Roles.Investigator), prosecutor })
        {
            var seen = await reader.GetDetentionAsync(detention.Id());
            Assert.Empty(seen["alerts"].Objects());
        }

        var listed = await (await custody.Client.GetAsync("/api/v1/detentions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed["items"].Objects().Single(d => d.Str("id") == detention.Str("id"))["openAlerts"]!.GetValue<int>());

        // The region's supervisory prosecutor finds it among the alerts, by pseudonym and detention number, never by name.
        var alerts = await (await prosecutor.Client.GetAsync("/api/v1/alerts?code=" + AlertCodes.ProtectedPersonDetained)).ExpectAsync(HttpStatusCode.OK);
        var alert = alerts["items"].Objects().Single(a => a.Str("detail")!.Contains(person.Str("pseudonym"), StringComparison.Ordinal));
        Assert.Contains(detention.Str("number"), alert.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("Оспанов", alert.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("critical", alert.Str("severity"));
        var dashboard = await prosecutor.Client.GetStringAsync("/dashboard");
        Assert.Contains(person.Str("pseudonym"), dashboard, StringComparison.Ordinal);

        // The protection officer sees it on the person, with the detention it is about (the detention names an article,
        // so it is a counter-charge too).
        var read = await (await prosecutor.Client.GetAsync($"{Url}/{person.Str("id")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [(AlertCodes.CounterChargeAgainstReporter, detention.Str("id")), (AlertCodes.ProtectedPersonDetained, detention.Str("id"))],
            read["alerts"].Objects().Select(a => (a.Str("code")!, a.Str("detentionId"))).OrderBy(a => a.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_charge_or_a_transfer_of_a_protected_person_raises_its_alert_which_the_police_never_see()
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var iin = IinOf(new DateOnly(1988, 2, 14), 4190);
        var person = await (await prosecutor.Client.PostJsonAsync(Url, Person("Жақсылықов", "Ерлан", "1988-02-14", iin))).ExpectAsync(HttpStatusCode.Created);
        var facility = await Host.FacilityAsync();
        var other = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        void Same(JsonObject b)
        {
            b["person"]!["iin"] = iin;
            b["person"]!["birthDate"] = "1988-02-14";
        }


        // Charged with knowingly false denunciation (Criminal Code art. 419): the reprisal the coalition reports most.
        var charged = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            Same(b);
            b["grounds"] = new JsonObject { ["kind"] = "suspicion", ["article"] = "ст. 419 ч. 1 УК РК" };
        });

        // Held without an article: detained, but no charge to warn of.
        var held = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            Same(b);
            b["grounds"] = new JsonObject { ["kind"] = "administrative", ["description"] = "нарушение общественного порядка" };
        });

        // Moved to another facility while protected: each transfer warns.
        var custody = await Host.UserAsync(Roles.CustodyOfficer, facility: facility.Id);
        await (await custody.Client.PostJsonAsync($"/api/v1/detentions/{held.Id()}/events", Requests.Event("arrivedAtFacility", Host.Now, ("facilityId", facility.Id.ToString()))))
            .ExpectAsync(HttpStatusCode.Created);
        await (await custody.Client.PostJsonAsync($"/api/v1/detentions/{held.Id()}/events", Requests.Event("transferred", Host.Now, ("facilityId", other.Id.ToString()))))
            .ExpectAsync(HttpStatusCode.Created);

        await Host.ProtectionScanAsync(Host.Now);
        var read = await (await prosecutor.Client.GetAsync($"{Url}/{person.Str("id")}")).ExpectAsync(HttpStatusCode.OK);
        string[] expected =
        [
            $"{AlertCodes.CounterChargeAgainstReporter} {charged.Str("id")}", $"{AlertCodes.ProtectedPersonDetained} {charged.Str("id")}",
            $"{AlertCodes.ProtectedPersonDetained} {held.Str("id")}", $"{AlertCodes.ProtectedPersonTransferred} {held.Str("id")}",
        ];
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            read["alerts"].Objects().Select(a => $"{a.Str("code")} {a.Str("detentionId")}").Order(StringComparer.Ordinal));
        var counter = read["alerts"].Objects().Single(a => a.Str("code") == AlertCodes.CounterChargeAgainstReporter);
        Assert.Equal($"{person.Str("pseudonym")} · {charged.Str("number")} · ст. 419 ч. 1 УК РК", counter.Str("detail"));
        Assert.DoesNotContain("Жақсылықов", read.ToJsonString(), StringComparison.Ordinal);

        // The detaining agency and the custody officer see none of it on the detentions.
        foreach (var reader in new[] { officer, custody })
        {
            foreach (var d in new[] { charged, held })
            {
                Assert.DoesNotContain((await reader.GetDetentionAsync(d.Id()))["alerts"].Objects(), a => AlertCodes.Protection.Contains(a.Str("code")!));
            }
        }
    }

    [Fact]
    public async Task A_name_spelled_another_way_with_the_same_birth_date_is_recognised_and_another_birth_date_is_not()
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var person = await (await prosecutor.Client.PostJsonAsync(Url, Person("Сейітқалиев", "Бауыржан", "1985-11-23"))).ExpectAsync(HttpStatusCode.Created);
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);

        var same = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Сейиткалиев";
            b["person"]!["firstName"] = "Бауржан";
            b["person"]!["birthDate"] = "1985-11-23";
        });
        var other = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Сейиткалиев";
            b["person"]!["firstName"] = "Бауржан";
            b["person"]!["birthDate"] = "1985-11-24";
        });
        await Host.ProtectionScanAsync(Host.Now);

        var alerts = await Host.WithDbAsync(db => db.Set<Alert>().Where(a => a.Code == AlertCodes.ProtectedPersonDetained && a.Key.EndsWith(":" + person.Str("id"))).ToListAsync());
        Assert.Equal([same.Id()], alerts.Select(a => MatchDetentions.DetentionOf(a)!.Value));
        Assert.DoesNotContain(alerts, a => MatchDetentions.DetentionOf(a) == other.Id());
    }

    [Fact]
    public async Task A_person_registered_while_held_is_matched_with_the_detention_at_once()
    {
        await CustodiansAsync();
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var detention = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Қасымов";
            b["person"]!["firstName"] = "Дәулет";
            b["person"]!["birthDate"] = "1979-03-30";
        });
        var monitor = await Host.UserAsync(Roles.Monitor);

        var created = await (await monitor.Client.PostJsonAsync(Url, Person("Kasymov", "Daulet", "1979-03-30"))).ExpectAsync(HttpStatusCode.Created);

        // The registrant is not told where the person is held; the alert is raised for those who must know.
        Assert.Null(created["detentionsMatched"]);
        var alert = await Host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.ProtectedPersonDetained && a.Key.EndsWith(":" + created.Str("id"))));
        Assert.Equal(detention.Id(), MatchDetentions.DetentionOf(alert));
        Assert.Null(alert.DetentionId);

        // Held under an IIN with no birth date given, and protected by name and birth date alone: the IIN begins with it.
        var byIin = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Бекмұратов";
            b["person"]!["firstName"] = "Ержан";
            b["person"]!["birthDate"] = null;
            b["person"]!["iin"] = IinOf(new DateOnly(1982, 5, 17), 77);
        });
        var named = await (await monitor.Client.PostJsonAsync(Url, Person("Бекмуратов", "Ержан", "1982-05-17"))).ExpectAsync(HttpStatusCode.Created);
        var found = await Host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.ProtectedPersonDetained && a.Key.EndsWith(":" + named.Str("id"))));
        Assert.Equal(byIin.Id(), MatchDetentions.DetentionOf(found));
    }

    [Theory]
    [InlineData("identity", null)]
    [InlineData("identity.person.iin", "123")]
    [InlineData("identity.person.lastName", "")]
    [InlineData("identity.person.birthDate", null)]
    [InlineData("role", null)]
    [InlineData("visitId", null)]
    [InlineData("reportId", null)]
    [InlineData("region", "KZ-00")]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_registered(string field, string? value)
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var body = Person("Әлиев", "Марат", "1992-01-15");
        switch (field)
        {
            case "identity":
                body.Remove("identity");
                break;
            case "identity.person.iin":
                body["identity"]!["person"]!["iin"] = value;
                break;
            case "identity.person.lastName":
                body["identity"]!["person"]!["lastName"] = value;
                break;
            case "identity.person.birthDate":
                // Neither an IIN nor a birth date: no registration could be recognised as the person's.
                body["identity"]!["person"]!["birthDate"] = null;
                break;
            case "role":
                body.Remove("role");
                break;
            case "visitId":
                body["visitId"] = Guid.NewGuid().ToString();
                break;
            case "reportId":
                body["reportId"] = Guid.NewGuid().ToString();
                break;
            default:
                body["region"] = value;
                break;
        }

        var before = await Host.CountAsync<ProtectedPerson>();
        await (await prosecutor.Client.PostJsonAsync(Url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await Host.CountAsync<ProtectedPerson>());
    }

    [Fact]
    public async Task A_report_can_protect_its_complainant_from_the_start_and_the_detention_of_that_person_is_recognised()
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-11");
        var body = CaseScenario.Report(Host.Now.AddHours(-1), region: "KZ-11");
        body["victims"] = new JsonArray(
            new JsonObject { ["lastName"] = "Иванов", ["firstName"] = "Пётр", ["birthDate"] = "1970-01-01" },
            new JsonObject { ["lastName"] = "Қалиева", ["firstName"] = "Айгерім", ["birthDate"] = "1996-04-12" });
        body["protect"] = new JsonObject { ["victim"] = 1, ["disclosure"] = "confidential", ["risk"] = "high", ["phone"] = "+77017770099" };

        var report = await prosecutor.ReceiveAsync(body);

        // The contact given for the protected person is sealed with the identity, not kept in the report.
        Assert.DoesNotContain("+77017770099", report.ToJsonString(), StringComparison.Ordinal);
        var person = await Host.WithDbAsync(db => db.Set<ProtectedPerson>().AsNoTracking().SingleAsync(p => p.ReportId == report.Id()));
        Assert.Equal((ProtectedRole.Complainant, Disclosure.Confidential, RiskLevel.High, "KZ-11"), (person.Role, person.Disclosure, person.Risk, person.Region));
        Assert.DoesNotContain("Қалиева", person.Identity, StringComparison.Ordinal);
        Assert.DoesNotContain("+77017770099", person.Identity, StringComparison.Ordinal);

        // The second victim, not the first, is the one recognised in custody.
        var facility = await Host.FacilityAsync(region: "KZ-11");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-11");
        var detention = await Host.RegisterAsync(officer, facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Калиева";
            b["person"]!["firstName"] = "Айгерим";
            b["person"]!["birthDate"] = "1996-04-12";
        });
        await Host.ProtectionScanAsync(Host.Now);
        var alert = await Host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.ProtectedPersonDetained && a.Key.EndsWith(":" + person.Id)));
        Assert.Equal(detention.Id(), MatchDetentions.DetentionOf(alert));
    }

    [Theory]
    [InlineData("protect.risk", "extreme")]
    [InlineData("protect.disclosure", null)]
    [InlineData("protect.disclosure", "anonymous")]
    [InlineData("protect.victim", "3")]
    [InlineData("victims[0].birthDate", "no birth date")]
    [InlineData("protect", "investigator")]
    public async Task A_report_whose_protection_is_refused_is_refused_whole_naming_the_field(string field, string? value)
    {
        await CustodiansAsync();
        var user = await Host.UserAsync(value == "investigator" ? Roles.Investigator : Roles.Prosecutor);
        var body = CaseScenario.Report(Host.Now.AddHours(-1));
        var protect = new JsonObject { ["disclosure"] = "confidential", ["risk"] = "medium" };
        switch (field)
        {
            case "protect.risk":
                protect["risk"] = value;
                break;
            case "protect.disclosure" when value is null:
                protect.Remove("disclosure");
                break;
            case "protect.disclosure":
                protect["disclosure"] = value;
                break;
            case "protect.victim":
                protect["victim"] = int.Parse(value!, CultureInfo.InvariantCulture);
                break;
            case "victims[0].birthDate":
                body["victims"]![0]!.AsObject().Remove("birthDate");
                break;
        }

        body["protect"] = protect;
        var reports = await Host.CountAsync<Aigaq.Cases.Report>();
        var persons = await Host.CountAsync<ProtectedPerson>();

        var problem = await (await user.Client.PostJsonAsync("/api/v1/reports", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.NotNull(problem);
        Assert.Equal(reports, await Host.CountAsync<Aigaq.Cases.Report>());
        Assert.Equal(persons, await Host.CountAsync<ProtectedPerson>());
    }

    [Fact]
    public async Task A_change_of_risk_or_a_new_link_is_appended_with_its_reason_and_the_person_reads_as_changed()
    {
        await CustodiansAsync();
        var officer = await Host.UserAsync(Roles.ProtectionOfficer);
        var person = await (await officer.Client.PostJsonAsync(Url, Person("Төлегенов", "Арман", "1983-05-05"))).ExpectAsync(HttpStatusCode.Created);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-2)));
        var changes = $"{Url}/{person.Str("id")}/changes";

        await (await officer.Client.PostJsonAsync(changes, new JsonObject { ["risk"] = "low", ["reason"] = "переехал в другой город" })).ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync(changes, new JsonObject
        {
            ["disclosure"] = "anonymous",
            ["reportId"] = report.Str("id"),
            ["reason"] = "свидетель по второму заявлению",
        })).ExpectAsync(HttpStatusCode.Created);

        // Bad input names the field and adds nothing; another region's protection officer does not find the person.
        await (await officer.Client.PostJsonAsync(changes, new JsonObject { ["risk"] = "high" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await officer.Client.PostJsonAsync(changes, new JsonObject { ["reason"] = "ничего" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "risk");
        await (await officer.Client.PostJsonAsync(changes, new JsonObject { ["reportId"] = Guid.NewGuid().ToString(), ["reason"] = "нет такого" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "reportId");
        var elsewhere = await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71");
        await (await elsewhere.Client.PostJsonAsync(changes, new JsonObject { ["risk"] = "high", ["reason"] = "чужой регион" })).ExpectProblemAsync(HttpStatusCode.NotFound);

        var read = await (await officer.Client.GetAsync($"{Url}/{person.Str("id")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("low", "anonymous"), (read.Str("risk"), read.Str("disclosure")));
        Assert.Equal(["переехал в другой город", "свидетель по второму заявлению"], read["changes"].Objects().Select(c => c.Str("reason")));
        Assert.Equal(report.Str("id"), read["moreLinks"].Objects().Single().Str("reportId"));
        var registered = await Host.WithDbAsync(db => db.Set<ProtectedPerson>().AsNoTracking().SingleAsync(p => p.Id == person.Id()));
        Assert.Equal((RiskLevel.High, Disclosure.Confidential), (registered.Risk, registered.Disclosure));
    }

    [Fact]
    public async Task A_retry_registers_once_and_the_same_key_with_another_person_is_refused()
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var key = Guid.NewGuid().ToString("N");

        var first = await (await prosecutor.Client.PostJsonAsync(Url, Person("Бекмұхамбетов", "Әділ", "1977-12-01"), key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await prosecutor.Client.PostJsonAsync(Url, Person("Бекмұхамбетов", "Әділ", "1977-12-01"), key)).ExpectAsync(HttpStatusCode.Created);
        var other = await prosecutor.Client.PostJsonAsync(Url, Person("Бекмұхамбетова", "Әлия", "1979-02-02"), key);

        Assert.Equal(first.Str("id"), retry.Str("id"));
        await other.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<ProtectedPerson>().CountAsync(p => p.RecordedBy == prosecutor.Id)));
    }

    [Fact]
    public async Task Only_those_who_may_register_protected_persons_do()
    {
        var officer = await Host.UserAsync(Roles.Officer);
        var investigator = await Host.UserAsync(Roles.Investigator);

        await (await officer.Client.PostJsonAsync(Url, Person("Әлиев", "Марат", "1992-01-15"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await investigator.Client.PostJsonAsync(Url, Person("Әлиев", "Марат", "1992-01-15"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class ProtectedPersonsOnSqlite(SqliteHost fixture) : ProtectedPersonsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ProtectedPersonsOnPostgres(PostgresHost fixture) : ProtectedPersonsTests(fixture), IClassFixture<PostgresHost>;

/// <summary>Without a recovery key configured, or with too few custodians, nothing is sealed: a clear refusal instead.</summary>
public sealed class ProtectionNotReadyTests
{
    private static JsonObject Body() => new()
    {
        ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = "Әлиев", ["firstName"] = "Марат", ["birthDate"] = "1992-01-15" } },
        ["role"] = "witness",
        ["disclosure"] = "anonymous",
        ["risk"] = "low",
    };

    [Fact]
    public async Task Without_a_recovery_key_registration_is_unavailable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = database.NewHost(new Dictionary<string, string?> { ["Aigaq:Protection:RecoveryPublicKey"] = "" });
        var prosecutor = await host.UserAsync(Roles.Prosecutor);

        var problem = await (await prosecutor.Client.PostJsonAsync("/api/v1/protected-persons", Body())).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Contains("RecoveryPublicKey", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync<ProtectedPerson>());
    }

    [Fact]
    public async Task With_fewer_custodians_than_required_nothing_is_sealed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = database.NewHost(new Dictionary<string, string?> { ["Aigaq:Protection:MinCustodians"] = "2" });
        var officer = await host.UserAsync(Roles.ProtectionOfficer);
        await (await officer.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "единственный хранитель" })).ExpectAsync(HttpStatusCode.Created);

        await (await officer.Client.PostJsonAsync("/api/v1/protected-persons", Body())).ExpectProblemAsync(HttpStatusCode.Conflict);

        // A report that asks to protect its complainant is refused whole rather than kept without the protection.
        var prosecutor = await host.UserAsync(Roles.Prosecutor);
        var report = CaseScenario.Report(host.Now.AddHours(-1));
        report["protect"] = new JsonObject { ["disclosure"] = "confidential", ["risk"] = "high" };
        await (await prosecutor.Client.PostJsonAsync("/api/v1/reports", report)).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(0, await host.CountAsync<ProtectedPerson>());
        Assert.Equal(0, await host.CountAsync<Aigaq.Cases.Report>());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("loose")]
    [InlineData("short")]
    [InlineData("inDataFolder")]
    [InlineData("recovery")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_key_setting_that_cannot_be_used_stops_the_start_naming_it(string fault)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("aigaq-bad-key-").FullName;
        var file = Path.Combine(fault == "inDataFolder" ? database.DataDir : folder, "blind-index.key");
        var setting = "Aigaq:Protection:BlindIndexKeyFile";
        var settings = new Dictionary<string, string?> { [setting] = file };
        if (fault != "missing")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, Convert.ToBase64String(fault == "short" ? new byte[16] : BlindIndex.NewKey()));
            File.SetUnixFileMode(file, fault == "loose" ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (fault == "recovery")
        {
            setting = "Aigaq:Protection:RecoveryPublicKey";
            settings[setting] = "aigaq-recovery-public-1:not-a-key";
        }

        var error = Assert.ThrowsAny<Exception>(() => database.NewHost(settings));

        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

}
