using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.TransparencyLog;
using Aigaq.Visits.Answers;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Visits;

/// <summary>
/// The visit's checklist answered (issue 17, item 6) and its end: answers in a batch, checked per item against the visit's
/// version and kind of place, each a fact; an item answered again superseded, its history counted; nothing written for a
/// bad batch; the departure once, after the arrival, making the visit done and closing its fieldwork. Monitors of the
/// region only.
/// </summary>
public abstract class ChecklistAnswersTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Answers_are_facts_per_item_superseded_by_later_ones_and_the_departure_ends_the_visit()
    {
        var cell = await Host.FacilityAsync(region: "KZ-39", name: "ИВС ДП Костанайской области", type: FacilityType.PoliceHoldingCell);
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-39");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-39");
        var elsewhere = await Host.UserAsync(Roles.Monitor, region: "KZ-47");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-39");
        var t0 = Host.Now;
        var visit = await (await monitor.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = cell.Id.ToString(),
            ["plannedFor"] = Requests.Instant(t0.AddHours(-1)),
            ["kind"] = "regular",
            ["announced"] = true,
            ["team"] = new JsonArray(
                new JsonObject { ["name"] = "Гульнара Ахметова", ["role"] = "lead", ["sex"] = "female" },
                new JsonObject { ["name"] = "Санжар Искаков", ["role"] = "lawyer", ["sex"] = "male" }),
        })).ExpectAsync(HttpStatusCode.Created);
        var id = visit.Str("id");
        var url = $"/api/v1/visits/{id}/checklist-answers";
        var departure = $"/api/v1/visits/{id}/departure";
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);

        JsonObject Batch(JsonObject answers, JsonObject? notes = null, DateTimeOffset? at = null) => new()
        {
            ["at"] = Requests.Instant(at ?? t0),
            ["checklist"] = new JsonObject { ["id"] = "visit-kz", ["version"] = 1 },
            ["answers"] = answers,
            ["notes"] = notes,
        };

        // Before the arrival, and for a monitor of another region or an officer, nothing is taken.
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "no" })))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "arrival");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(t0.AddMinutes(-30)) }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(departure, new JsonObject { ["at"] = Requests.Instant(t0.AddMinutes(-40)) })).ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "no" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "no" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync(departure, new JsonObject { ["at"] = Requests.Instant(t0) })).StatusCode);

        // Bad input, each named per item; a batch with one bad answer writes none of its good ones.
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "no", ["floorSpacePerPerson"] = "wide" })))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "answers.floorSpacePerPerson");
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["noSuchItem"] = "yes" }))).ExpectProblemAsync(HttpStatusCode.BadRequest, "answers.noSuchItem");
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["longestRemandMonths"] = 3 })))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "answers.longestRemandMonths");
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "no" }, new JsonObject { ["toilet"] = "грязно" })))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "notes.toilet");
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject()))).ExpectProblemAsync(HttpStatusCode.BadRequest, "answers");
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "no" }, at: t0.AddMinutes(-45))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        var stale = Batch(new JsonObject { ["lawyerFromDetention"] = "no" });
        stale["checklist"]!["version"] = 7;
        await (await monitor.Client.PostJsonAsync(url, stale)).ExpectProblemAsync(HttpStatusCode.BadRequest, "checklist");
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<VisitChecklistAnswer>().CountAsync(a => a.VisitId == Guid.Parse(id))));

        // A batch sent twice with its key is recorded once; the lawyer item answered again later supersedes the first.
        var first = Batch(
            new JsonObject { ["lawyerFromDetention"] = "no", ["floorSpacePerPerson"] = 2.5, ["medicinesMissing"] = "  инсулин  " },
            new JsonObject { ["lawyerFromDetention"] = "Задержанный Б. говорит, что адвоката не было три дня" });
        var key = Guid.NewGuid().ToString("N");
        var recorded = await (await monitor.Client.PostJsonAsync(url, first, key)).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(url, first, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([1, 1, 1], recorded["answers"].Objects().Select(a => a["revision"]!.GetValue<int>()));
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["lawyerFromDetention"] = "yes" }, at: t0.AddMinutes(4))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, again["answers"].Objects().Single()["revision"]!.GetValue<int>());

        var read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("inProgress", read.Str("status"));
        var answers = read["checklistAnswers"].Objects().ToDictionary(a => a.Str("itemId"));
        Assert.Equal(["floorSpacePerPerson", "lawyerFromDetention", "medicinesMissing"], answers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("yes", answers["lawyerFromDetention"].Str("value"));
        Assert.Equal(2, answers["lawyerFromDetention"]["revisions"]!.GetValue<int>());
        Assert.Null(answers["lawyerFromDetention"]["note"]);
        Assert.Equal(2.5m, answers["floorSpacePerPerson"]["value"]!.GetValue<decimal>());
        Assert.Equal("инсулин", answers["medicinesMissing"].Str("value"));
        Assert.Equal(1, answers["medicinesMissing"]["revisions"]!.GetValue<int>());

        // Each answer is an entry of the log; the earlier answer is kept, not changed.
        var rows = await Host.WithDbAsync(db => db.Set<VisitChecklistAnswer>().AsNoTracking().Where(a => a.VisitId == Guid.Parse(id)).ToListAsync());
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.ItemId == "lawyerFromDetention" && r.Revision == 1 && r.Value == "\"no\"" && r.Note != null);
        var ids = rows.Select(r => r.Id).ToList();
        Assert.Equal(4, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == AnswerLedger.Answered && ids.Contains(e.RecordId))));

        // The departure: before the last answer is refused; then once (a retry with its key answers the same), and the visit is done.
        await (await monitor.Client.PostJsonAsync(departure, new JsonObject { ["at"] = Requests.Instant(t0.AddMinutes(2)) })).ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        var left = new JsonObject { ["at"] = Requests.Instant(t0.AddMinutes(5)) };
        var leaveKey = Guid.NewGuid().ToString("N");
        await (await monitor.Client.PostJsonAsync(departure, left, leaveKey)).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(departure, left, leaveKey)).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(departure, left)).ExpectProblemAsync(HttpStatusCode.Conflict, "departure");
        await (await monitor.Client.PostJsonAsync(url, Batch(new JsonObject { ["toilet"] = "open" }, at: t0.AddMinutes(5)))).ExpectProblemAsync(HttpStatusCode.Conflict, "departure");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject { ["kind"] = "area", ["name"] = "Камера 3", ["at"] = Requests.Instant(t0.AddMinutes(5)) }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "departure");
        // A recommendation follows the visit: it is often written after the team has left, and is taken then.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/recommendations", new JsonObject
        {
            ["addressee"] = "Начальник ИВС",
            ["theme"] = "healthCare",
            ["text"] = "Обеспечить круглосуточный доступ к врачу.",
            ["priority"] = "normal",
            ["responseDueBy"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        })).ExpectAsync(HttpStatusCode.Created);

        read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("done", read.Str("status"));
        Assert.Equal(t0.AddMinutes(5), DateTimeOffset.Parse(read["departure"].Str("at"), System.Globalization.CultureInfo.InvariantCulture));
        var list = await (await monitor.Client.GetAsync("/api/v1/visits")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(list["items"].Objects().Single(v => v.Str("id") == id)["departed"]!.GetValue<bool>());
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<VisitDeparture>().CountAsync(d => d.VisitId == Guid.Parse(id))));
    }
}

public sealed class ChecklistAnswersOnSqlite(SqliteHost fixture) : ChecklistAnswersTests(fixture), IClassFixture<SqliteHost>;

public sealed class ChecklistAnswersOnPostgres(PostgresHost fixture) : ChecklistAnswersTests(fixture), IClassFixture<PostgresHost>;
