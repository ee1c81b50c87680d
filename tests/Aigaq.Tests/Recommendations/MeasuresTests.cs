using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// Measures on a recommendation (issue 18, item 2): recorded with a first status, later statuses appended as new facts
/// (never an update) and shown with their history; evidence files kept by content with their SHA-256 in the row and
/// the log, served back as taken in and every read access-logged; bad input named, nothing written; other roles refused.
/// </summary>
public abstract class MeasuresTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private async Task<(TestUser Analyst, string Url)> RecommendationAsync()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var body = new JsonObject
        {
            ["mechanism"] = "CAT",
            ["document"] = "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["paragraph"] = 24,
            ["summary"] = "Ensure an independent mechanism investigates complaints of torture",
            ["adoptedAt"] = "2021-12-03",
            ["followUp"] = true,
            ["followUpDueBy"] = "2022-12-03",
        };
        var id = (await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", body)).ExpectAsync(HttpStatusCode.Created)).Str("id");
        return (analyst, $"/api/v1/recommendations/{id}");
    }

    private static JsonObject Measure(string status = "planned") => new()
    {
        ["title"] = "Amend the Criminal Procedure Code so that torture complaints go to the prosecutor's special unit",
        ["lead"] = "Генеральная прокуратура",
        ["supporting"] = new JsonArray("МВД", "Уполномоченный по правам человека"),
        ["targetDate"] = "2025-06-30",
        ["status"] = status,
    };

    [Fact]
    public async Task A_measure_is_recorded_with_its_status_and_each_change_is_a_new_fact_shown_in_its_history()
    {
        var (analyst, url) = await RecommendationAsync();
        var key = Guid.NewGuid().ToString("N");
        var created = await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(created.Str("id"), (await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(), key)).ExpectAsync(HttpStatusCode.Created)).Str("id"));
        var measureId = Guid.Parse(created.Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == MeasureLedger.Added && e.RecordId == measureId)));

        var status = $"{url}/measures/{measureId}/status";
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var started = new JsonObject { ["status"] = "inProgress", ["note"] = "Проект закона внесён в Мажилис", ["at"] = Requests.Instant(Host.Now) };
        var changed = await (await monitor.Client.PostJsonAsync(status, started)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(("inProgress", "planned"), (changed.Str("status"), changed.Str("previous")));
        // The same status again changes nothing; a moment before the latest status, or in the future, is named.
        await (await monitor.Client.PostJsonAsync(status, started)).ExpectProblemAsync(HttpStatusCode.Conflict, "status");
        await (await monitor.Client.PostJsonAsync(status, new JsonObject { ["status"] = "completed", ["at"] = Requests.Instant(Host.Now.AddDays(-1)) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await monitor.Client.PostJsonAsync(status, new JsonObject { ["status"] = "completed", ["at"] = Requests.Instant(Host.Now.AddDays(2)) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await monitor.Client.PostJsonAsync(status, new JsonObject { ["status"] = "done", ["at"] = Requests.Instant(Host.Now) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await analyst.Client.PostJsonAsync(status, new JsonObject { ["status"] = "completed", ["at"] = Requests.Instant(Host.Now) })).ExpectAsync(HttpStatusCode.Created);

        // The recommendation shows the measure, its current status and every status it held; the first row is unchanged.
        var read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        var measure = Assert.Single(read["measures"].Objects());
        Assert.Equal(("completed", "Генеральная прокуратура", "2025-06-30"), (measure.Str("status"), measure.Str("lead"), measure.Str("targetDate")));
        Assert.Equal(["МВД", "Уполномоченный по правам человека"], measure["supporting"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(["planned", "inProgress", "completed"], measure["history"].Objects().Select(h => h.Str("status")));
        Assert.Equal("Проект закона внесён в Мажилис", measure["history"].Objects().ElementAt(1).Str("note"));
        Assert.Equal(3, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == MeasureLedger.StatusChanged
            && db.Set<MeasureStatusChange>().Any(s => s.Id == e.RecordId && s.MeasureId == measureId))));

        // Bad input named; nothing written.
        var count = await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().CountAsync());
        var bad = Measure();
        bad["title"] = " ";
        bad["supporting"] = new JsonArray("Генеральная прокуратура");
        bad["targetDate"] = "2020-01-01";
        bad["status"] = null;
        var problem = await (await analyst.Client.PostJsonAsync(url + "/measures", bad)).ExpectProblemAsync(HttpStatusCode.BadRequest, "title");
        Assert.Equal(["status", "supporting", "targetDate", "title"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure("finished"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{Guid.NewGuid()}/measures", Measure())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await analyst.Client.PostJsonAsync($"{url}/measures/{Guid.NewGuid()}/status", started)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(count, await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().CountAsync()));

        // Other roles neither record measures nor change their status.
        foreach (var role in new[] { Roles.Officer, Roles.Prosecutor })
        {
            var other = await Host.UserAsync(role, region: "KZ-75");
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostJsonAsync(url + "/measures", Measure())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostJsonAsync(status, started)).StatusCode);
        }
    }

    [Fact]
    public async Task Evidence_is_kept_with_its_sha256_served_as_taken_in_and_every_read_is_logged()
    {
        var (analyst, url) = await RecommendationAsync();
        var measureId = (await (await analyst.Client.PostJsonAsync(url + "/measures", Measure("inProgress"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var evidenceUrl = $"{url}/measures/{measureId}/evidence";
        var pdf = "%PDF-1.7\n% Приказ Генерального прокурора\n"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(64)).ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));

        var key = Guid.NewGuid().ToString("N");
        var added = await (await PostAsync(analyst, evidenceUrl, Form(pdf, "application/pdf"), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(added.Str("id"), (await (await PostAsync(analyst, evidenceUrl, Form(pdf, "application/pdf"), key)).ExpectAsync(HttpStatusCode.Created)).Str("id"));
        Assert.Equal(sha256, added.Str("sha256"));
        var evidenceId = Guid.Parse(added.Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == MeasureLedger.EvidenceAdded && e.RecordId == evidenceId)));
        // The log commits to the file's SHA-256 and to a digest of its name, which may name someone.
        var committed = MeasureLedger.Content(await Host.WithDbAsync(db => db.Set<MeasureEvidence>().SingleAsync(e => e.Id == evidenceId))).ToJsonString();
        Assert.Contains(sha256, committed, StringComparison.Ordinal);
        Assert.DoesNotContain("prikaz", committed, StringComparison.Ordinal);

        // Listed with the measure; served as it was taken in, not cached, and the read is in the access log.
        var read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        var listed = Assert.Single(Assert.Single(read["measures"].Objects())["evidence"].Objects());
        Assert.Equal((sha256, "application/pdf", "prikaz-17.pdf"), (listed.Str("sha256"), listed.Str("mediaType"), listed.Str("fileName")));
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        using var served = await monitor.Client.GetAsync($"{evidenceUrl}/{evidenceId}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", served.Headers.CacheControl?.ToString());
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e =>
            e.Action == "recommendation.measure.evidence.read" && e.Resource == evidenceId.ToString() && e.UserId == monitor.User.Id && e.Outcome == "allowed")));

        // A file altered on disk is not served.
        var store = Host.Services.GetRequiredService<EvidenceStore>();
        await File.WriteAllTextAsync(Path.Combine(store.Root, sha256), "%PDF-1.7 forged");
        await (await monitor.Client.GetAsync($"{evidenceUrl}/{evidenceId}")).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);

        // A file not what its type says, none, two, or for a measure that is not there: named, and no file left behind.
        var exe = "MZ\u0090\0"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(32)).ToArray();
        await (await PostAsync(analyst, evidenceUrl, Form(exe, "application/pdf"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(analyst, evidenceUrl, Form(pdf, "application/x-msdownload"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(analyst, evidenceUrl, new MultipartFormDataContent { { new StringContent("x"), "note" } })).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        var two = Form(pdf, "application/pdf");
        two.Add(new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "b.pdf");
        await (await PostAsync(analyst, evidenceUrl, two)).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        var orphan = "%PDF-1.4 orphan "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(16)).ToArray();
        await (await PostAsync(analyst, $"{url}/measures/{Guid.NewGuid()}/evidence", Form(orphan, "application/pdf"))).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.False(File.Exists(Path.Combine(store.Root, Convert.ToHexStringLower(SHA256.HashData(orphan)))));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<MeasureEvidence>().CountAsync(e => e.MeasureId == Guid.Parse(measureId))));
        await (await monitor.Client.GetAsync($"{evidenceUrl}/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Other roles neither add nor read evidence.
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-75");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(officer, evidenceUrl, Form(pdf, "application/pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync($"{evidenceUrl}/{evidenceId}")).StatusCode);
    }

    private static MultipartFormDataContent Form(byte[] file, string type)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { content, "file", "prikaz-17.pdf" } };
    }

    private static async Task<HttpResponseMessage> PostAsync(TestUser user, string url, MultipartFormDataContent form, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await user.Client.SendAsync(request);
    }
}

public sealed class MeasuresOnSqlite(SqliteHost fixture) : MeasuresTests(fixture), IClassFixture<SqliteHost>;

public sealed class MeasuresOnPostgres(PostgresHost fixture) : MeasuresTests(fixture), IClassFixture<PostgresHost>;
