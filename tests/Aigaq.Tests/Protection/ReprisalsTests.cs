using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Protection;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Protection;

/// <summary>
/// The reprisal register (issue 15, items 6 and 7): a reprisal against a protected person is recorded once, with its log
/// entry and a discreet ReprisalReported alert that names the pseudonym and the kind only; its readers are the region's
/// protection officers and the recorder, never a police role; interventions and their updates are appended, never
/// changed; statistics suppress small counts so that no sum gives them back.
/// </summary>
public abstract class ReprisalsTests(HostFixture fixture)
{
    private const string Url = "/api/v1/reprisals";

    private AigaqHost Host => fixture.Host;

    /// <summary>Two custodians (so that identities can be sealed), the first a protection officer of KZ-75.</summary>
    private async Task<TestUser> CustodiansAsync()
    {
        TestUser first = null!;
        for (var i = 0; i < 2; i++)
        {
            var officer = await Host.UserAsync(Roles.ProtectionOfficer);
            await (await officer.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
                .ExpectAsync(HttpStatusCode.Created);
            first ??= officer;
        }

        return first;
    }

    private static async Task<JsonObject> PersonAsync(TestUser registrant, string lastName, string? region = null)
    {
        var body = new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = lastName, ["firstName"] = "Ерлан", ["birthDate"] = "1986-05-14" } },
            ["role"] = "complainant",
            ["disclosure"] = "confidential",
            ["risk"] = "high",
            ["region"] = region,
        };
        return await (await registrant.Client.PostJsonAsync("/api/v1/protected-persons", body)).ExpectAsync(HttpStatusCode.Created);
    }

    private static JsonObject Reprisal(string personId, DateTimeOffset occurredAt, string type = "counterCharge", string agency = "police") => new()
    {
        ["protectedPersonId"] = personId,
        ["occurredAt"] = Requests.Instant(occurredAt),
        ["type"] = type,
        ["perpetrator"] = new JsonObject { ["agency"] = agency, ["unit"] = "УП г. Алматы, отдел полиции № 3" },
        ["description"] = "Следователь Жаксылыков пригрозил возбудить дело по ст. 419 УК, если жалоба не будет отозвана",
        ["source"] = "lawyer",
        ["reliability"] = "credible",
        ["evidence"] = "аудиозапись разговора у защитника",
    };

    [Fact]
    public async Task A_reprisal_is_recorded_once_read_by_its_readers_only_acted_on_and_raises_a_discreet_alert()
    {
        var officer = await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var person = await PersonAsync(prosecutor, "Жұмағалиев");
        var personId = person.Str("id");
        var key = Guid.NewGuid().ToString("N");

        var created = await (await prosecutor.Client.PostJsonAsync(Url, Reprisal(personId, Host.Now.AddDays(-3)), key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await prosecutor.Client.PostJsonAsync(Url, Reprisal(personId, Host.Now.AddDays(-3)), key)).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        Assert.Equal(created.Str("id"), retry.Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<Reprisal>().CountAsync(r => r.ProtectedPersonId == Guid.Parse(personId))));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ProtectionLedger.ReprisalRecorded && e.RecordId == id)));

        // One alert, in the person's region, by pseudonym and kind: no name, no free text, attached to no record that police read.
        var alert = await Host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.ReprisalReported && a.Key.Contains(id.ToString())));
        Assert.Equal($"{person.Str("pseudonym")} · counterCharge", alert.Detail);
        Assert.Equal("KZ-75", alert.Region);
        Assert.Null(alert.DetentionId);
        Assert.Null(alert.CaseId);
        Assert.True(AlertCodes.IsDiscreet(AlertCodes.ReprisalReported));
        var listed = await (await prosecutor.Client.GetAsync("/api/v1/alerts?code=" + AlertCodes.ReprisalReported)).ExpectAsync(HttpStatusCode.OK);
        var shown = listed["items"].Objects().Single(a => a.Str("id") == alert.Id.ToString());
        Assert.Equal("high", shown.Str("severity"));
        Assert.DoesNotContain("Жаксылыков", shown.ToJsonString(), StringComparison.Ordinal);
        var onPerson = await (await officer.Client.GetAsync($"/api/v1/protected-persons/{personId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(onPerson["alerts"].Objects(), a => a.Str("id") == alert.Id.ToString() && a["detentionId"] is null);

        // The recorder and the region's protection officer read it; each read is in the access log.
        var read = await (await prosecutor.Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(person.Str("pseudonym"), read.Str("pseudonym"));
        Assert.Equal("counterCharge", read.Str("type"));
        Assert.Equal("police", read["perpetrator"].Str("agency"));
        Assert.Equal("credible", read.Str("reliability"));
        Assert.Equal("KZ-75", read.Str("region"));
        await (await officer.Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "reprisal.read" && e.Resource == id.ToString())));

        // Not another prosecutor, nor a protection officer of another region or of none; never a police role.
        foreach (var stranger in new[]
                 {
                     await Host.UserAsync(Roles.Prosecutor), await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71"),
                     await Host.UserAsync(Roles.ProtectionOfficer, region: null),
                 })
        {
            await (await stranger.Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
            var theirs = await (await stranger.Client.GetAsync(Url)).ExpectAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(theirs["items"].Objects(), r => r.Str("id") == id.ToString());
        }

        // An older reprisal: the person's page lists both, newest first.
        var older = await (await officer.Client.PostJsonAsync(Url, Reprisal(personId, Host.Now.AddDays(-40), "visitsDenied", "penitentiary")))
            .ExpectAsync(HttpStatusCode.Created);
        var page = await (await officer.Client.GetAsync($"/api/v1/protected-persons/{personId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id.ToString(), older.Str("id")], page["reprisals"].Objects().Select(r => r.Str("id")));

        // The list narrows by type, agency and the days of occurrence.
        async Task<IReadOnlyList<string>> ListAsync(string query) =>
            [.. (await (await officer.Client.GetAsync($"{Url}?{query}")).ExpectAsync(HttpStatusCode.OK))["items"].Objects().Select(r => r.Str("id"))];
        Assert.Contains(id.ToString(), await ListAsync("type=counterCharge&agency=police&region=KZ-75"));
        Assert.DoesNotContain(id.ToString(), await ListAsync("type=visitsDenied"));
        var day = Host.Now.AddDays(-3).ToOffset(TimeSpan.FromHours(5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var window = await ListAsync($"from={day}&to={day}");
        Assert.Contains(id.ToString(), window);
        Assert.DoesNotContain(older.Str("id"), window);

        // An intervention opens; an update, appended, answers it; the reprisal shows both, the status now the update's.
        var intervention = await (await officer.Client.PostJsonAsync($"{Url}/{id}/interventions", new JsonObject
        {
            ["actor"] = "protectionOfficer",
            ["addressee"] = "supervisoryProsecutor",
            ["request"] = "Проверить законность угроз возбуждения дела по ст. 419 УК",
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("open", intervention.Str("status"));
        var update = await (await prosecutor.Client.PostJsonAsync($"/api/v1/reprisal-interventions/{intervention.Str("id")}/updates", new JsonObject
        {
            ["status"] = "resolved",
            ["answer"] = "Проверка проведена, следователь отстранён",
            ["effect"] = "угрозы прекратились",
        })).ExpectAsync(HttpStatusCode.Created);
        var acted = await (await officer.Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        var shownIntervention = acted["interventions"].Objects().Single();
        Assert.Equal("resolved", shownIntervention.Str("status"));
        Assert.Equal(update.Str("id"), shownIntervention["updates"].Objects().Single().Str("id"));
        Assert.Equal("угрозы прекратились", shownIntervention["updates"].Objects().Single().Str("effect"));
        Assert.Equal("open", await Host.WithDbAsync(db => db.Set<ReprisalIntervention>().Where(i => i.Id == Guid.Parse(intervention.Str("id"))).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task Police_roles_and_others_without_the_permission_are_refused_everywhere()
    {
        await CustodiansAsync();
        var monitor = await Host.UserAsync(Roles.Monitor);
        var person = await PersonAsync(monitor, "Серікбаев");
        var mine = await (await monitor.Client.PostJsonAsync(Url, Reprisal(person.Str("id"), Host.Now.AddDays(-1), "threat"))).ExpectAsync(HttpStatusCode.Created);
        var intervention = await (await monitor.Client.PostJsonAsync($"{Url}/{mine.Str("id")}/interventions", new JsonObject
        {
            ["actor"] = "monitor",
            ["addressee"] = "facilityAdministration",
            ["request"] = "Восстановить свидания",
        })).ExpectAsync(HttpStatusCode.Created);

        var facility = await Host.FacilityAsync();
        foreach (var role in new[] { Roles.Officer, Roles.CustodyOfficer, Roles.Investigator, Roles.Defender, Roles.ForensicExpert, Roles.Administrator })
        {
            var user = await Host.UserAsync(role, facility: role == Roles.CustodyOfficer ? facility.Id : null);
            await (await user.Client.PostJsonAsync(Url, Reprisal(person.Str("id"), Host.Now.AddDays(-1)))).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await user.Client.GetAsync($"{Url}/{mine.Str("id")}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await user.Client.GetAsync(Url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await user.Client.GetAsync($"{Url}/statistics")).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await user.Client.PostJsonAsync($"{Url}/{mine.Str("id")}/interventions", new JsonObject { ["actor"] = "other" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await user.Client.PostJsonAsync($"/api/v1/reprisal-interventions/{intervention.Str("id")}/updates", new JsonObject { ["status"] = "resolved" }))
                .ExpectProblemAsync(HttpStatusCode.Forbidden);
        }

        // An analyst reads the statistics, which name no one, and nothing else; a prosecutor may not act on a reprisal it cannot read.
        var analyst = await Host.UserAsync(Roles.Analyst);
        await (await analyst.Client.GetAsync($"{Url}/statistics")).ExpectAsync(HttpStatusCode.OK);
        await (await analyst.Client.GetAsync(Url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var other = await Host.UserAsync(Roles.Prosecutor);
        await (await other.Client.PostJsonAsync($"{Url}/{mine.Str("id")}/interventions", new JsonObject
        {
            ["actor"] = "prosecutor",
            ["addressee"] = "court",
            ["request"] = "—",
        })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PostJsonAsync($"/api/v1/reprisal-interventions/{intervention.Str("id")}/updates", new JsonObject { ["status"] = "resolved" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        // Nor record one against a person it may not read.
        await (await other.Client.PostJsonAsync(Url, Reprisal(person.Str("id"), Host.Now.AddDays(-1)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "protectedPersonId");
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_written()
    {
        await CustodiansAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var person = await PersonAsync(prosecutor, "Әбенов");
        var id = person.Str("id");
        var cases = new (string Field, JsonObject Body)[]
        {
            ("type", Reprisal(id, Host.Now.AddDays(-1)).With("type", "beating")),
            ("reliability", Reprisal(id, Host.Now.AddDays(-1)).With("reliability", "likely")),
            ("source", Reprisal(id, Host.Now.AddDays(-1)).With("source", "rumour")),
            ("description", Reprisal(id, Host.Now.AddDays(-1)).Without("description")),
            ("perpetrator.agency", Reprisal(id, Host.Now.AddDays(-1)).With("perpetrator.agency", "mafia")),
            ("protectedPersonId", Reprisal(Guid.NewGuid().ToString(), Host.Now.AddDays(-1))),
            ("occurredAt", Reprisal(id, Host.Now.AddDays(1))),
            ("occurredAt", Reprisal(id, new DateTimeOffset(1990, 12, 31, 12, 0, 0, TimeSpan.FromHours(5)))),
            ("visitId", Reprisal(id, Host.Now.AddDays(-1)).With("visitId", Guid.NewGuid().ToString())),
            ("caseId", Reprisal(id, Host.Now.AddDays(-1)).With("caseId", Guid.NewGuid().ToString())),
        };
        var before = await Host.CountAsync<Reprisal>();
        var alertsBefore = await Host.WithDbAsync(db => db.Set<Alert>().CountAsync(a => a.Code == AlertCodes.ReprisalReported));
        foreach (var (field, body) in cases)
        {
            await (await prosecutor.Client.PostJsonAsync(Url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(before, await Host.CountAsync<Reprisal>());
        Assert.Equal(alertsBefore, await Host.WithDbAsync(db => db.Set<Alert>().CountAsync(a => a.Code == AlertCodes.ReprisalReported)));

        var reprisal = await (await prosecutor.Client.PostJsonAsync(Url, Reprisal(id, Host.Now.AddDays(-1)))).ExpectAsync(HttpStatusCode.Created);
        var interventions = $"{Url}/{reprisal.Str("id")}/interventions";
        var good = new JsonObject { ["actor"] = "prosecutor", ["addressee"] = "court", ["request"] = "Обеспечить защиту" };
        await (await prosecutor.Client.PostJsonAsync(interventions, Copy(good).With("actor", "neighbour"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "actor");
        await (await prosecutor.Client.PostJsonAsync(interventions, Copy(good).With("addressee", "president"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "addressee");
        await (await prosecutor.Client.PostJsonAsync(interventions, Copy(good).Without("request"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "request");
        await (await prosecutor.Client.PostJsonAsync(interventions, Copy(good).With("requestedAt", Requests.Instant(Host.Now.AddDays(-2)))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "requestedAt");
        var opened = await (await prosecutor.Client.PostJsonAsync(interventions, good)).ExpectAsync(HttpStatusCode.Created);
        var updates = $"/api/v1/reprisal-interventions/{opened.Str("id")}/updates";
        await (await prosecutor.Client.PostJsonAsync(updates, new JsonObject { ["status"] = "closed" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await prosecutor.Client.PostJsonAsync(updates, new JsonObject { ["status"] = "open" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/reprisal-interventions/{Guid.NewGuid()}/updates", new JsonObject { ["status"] = "resolved" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<ReprisalInterventionUpdate>().CountAsync(u => u.InterventionId == Guid.Parse(opened.Str("id")))));

        await (await prosecutor.Client.GetAsync($"{Url}?type=beating")).ExpectProblemAsync(HttpStatusCode.BadRequest, "type");
        await (await prosecutor.Client.GetAsync($"{Url}?from=2026-13-01")).ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await prosecutor.Client.GetAsync($"{Url}?from=0001-01-01")).ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await prosecutor.Client.GetAsync($"{Url}?to=9999-12-31")).ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
        await (await prosecutor.Client.GetAsync($"{Url}/statistics?from=2026-05&to=2026-01")).ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await prosecutor.Client.GetAsync($"{Url}/statistics?to=March")).ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    private static JsonObject Copy(JsonObject body) => (JsonObject)body.DeepClone();

    [Fact]
    public async Task Statistics_answer_large_counts_exactly_and_suppress_small_ones_and_the_cells_that_would_give_them_away()
    {
        var officer = await CustodiansAsync();
        var person = await PersonAsync(officer, "Тоқтаров");
        var id = person.Str("id");
        // March 2015, a month of its own: 10 threats, 6 kinds of psychological pressure, 2 violent reprisals, all by the police.
        var at = new DateTimeOffset(2015, 3, 10, 12, 0, 0, TimeSpan.FromHours(5));
        foreach (var (type, n) in new[] { ("threat", 10), ("psychologicalPressure", 6), ("violence", 2) })
        {
            for (var i = 0; i < n; i++)
            {
                await (await officer.Client.PostJsonAsync(Url, Reprisal(id, at.AddHours(i), type))).ExpectAsync(HttpStatusCode.Created);
            }
        }

        var analyst = await Host.UserAsync(Roles.Analyst);
        foreach (var query in new[] { "from=2015-03&to=2015-03&region=", "from=2015-03&to=2015-03&region=KZ-75" })
        {
            var stats = await (await analyst.Client.GetAsync($"{Url}/statistics?{query}")).ExpectAsync(HttpStatusCode.OK);
            JsonObject Cell(string list, string key) => stats[list].Objects().Single(c => c.Str("key") == key);

            Assert.Equal(10, Cell("byType", "threat")["count"]!.GetValue<int>());
            Assert.Equal(18, Cell("byAgency", "police")["count"]!.GetValue<int>());
            Assert.Equal(18, Cell("byRegion", "KZ-75")["count"]!.GetValue<int>());
            Assert.Equal(18, Cell("byMonth", "2015-03")["count"]!.GetValue<int>());
            Assert.Equal(0, Cell("byType", "transfer")["count"]!.GetValue<int>());
            // 2 is small; with the total known (18, by agency), 6 would give it back, so it is suppressed too, alike.
            foreach (var small in new[] { "violence", "psychologicalPressure" })
            {
                Assert.True(Cell("byType", small)["suppressed"]!.GetValue<bool>(), small);
                Assert.Null(Cell("byType", small)["count"]);
            }

            Assert.Null(stats["total"]);
            Assert.Equal(5, stats["threshold"]!.GetValue<int>());
        }
    }
}

public sealed class ReprisalsOnSqlite(SqliteHost fixture) : ReprisalsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ReprisalsOnPostgres(PostgresHost fixture) : ReprisalsTests(fixture), IClassFixture<PostgresHost>;

/// <summary>The rules of suppression on their own, and the vocabularies' labels, which need no database.</summary>
public sealed class ReprisalRulesTests
{
    [Fact]
    public void Suppression_leaves_no_relation_that_pins_a_small_count()
    {
        // Parts 1, 1 and 10 of a shown total 12: the two small ones could only both be 1, so the 10 is suppressed too.
        var s = new ReprisalSuppression();
        int[] parts = [s.Cell(1), s.Cell(1), s.Cell(10), s.Cell(0)];
        var total = s.Cell(12);
        s.Sum(parts, total);
        Assert.Equal([parts[0], parts[1], parts[2]], s.Suppressed(5).Order());

        // A part of 3 beside 7 and 9 of 19: the 3 alone would be the difference, so the smallest other (7) goes with it.
        var t = new ReprisalSuppression();
        int[] others = [t.Cell(3), t.Cell(9), t.Cell(7)];
        t.Sum(others, t.Cell(19));
        Assert.Equal([others[0], others[2]], t.Suppressed(5).Order());
    }

    [Fact]
    public void Every_code_of_the_reprisal_vocabularies_has_a_label_in_the_three_languages()
    {
        var r = RulePackCatalog.LoadEmbedded().All[^1].Reprisals;
        var keys = r.Types.Select(c => "ReprisalType." + c)
            .Concat(r.Sources.Select(c => "ReprisalSource." + c))
            .Concat(r.Actors.Select(c => "ReprisalActor." + c))
            .Concat(r.Addressees.Select(c => "ReprisalAddressee." + c))
            .Concat(r.InterventionStatuses.Select(c => "InterventionStatus." + c))
            .Concat(Enum.GetNames<ReprisalReliability>().Select(n => "ReprisalReliability." + char.ToLowerInvariant(n[0]) + n[1..]))
            .Append("Alert." + AlertCodes.ReprisalReported)
            .ToList();
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.kk.resx", "SharedResource.ru.resx" })
        {
            var labels = Aigaq.Tests.Web.GlossaryTests.Resources.Read("src/Aigaq/Web/Resources/" + file);
            Assert.Empty(keys.Where(k => string.IsNullOrWhiteSpace(labels.GetValueOrDefault(k))).Select(k => $"{file}: {k}"));
        }
    }
}
