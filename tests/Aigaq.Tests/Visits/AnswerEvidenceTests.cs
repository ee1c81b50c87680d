using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Examinations;
using Aigaq.Facilities;
using Aigaq.Tests.Examinations;
using Aigaq.TransparencyLog;
using Aigaq.Visits.Answers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Visits;

/// <summary>
/// Photographs and documents as evidence for a checklist answer (issue 17, item 6): attached to the item's current answer,
/// a photograph kept without its metadata (where, when, with what), kept by its SHA-256 in the shared store and committed
/// in the log with the visit, item and revision; a retry with its key attaches it once; listed with the answer; read by
/// those who may read the visit, every read access-logged; refused after the departure; bad files named and nothing kept.
/// </summary>
public abstract class AnswerEvidenceTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_photo_is_attached_to_an_answer_without_its_metadata_listed_once_and_read_by_the_visits_readers_only()
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
            ["team"] = new JsonArray(new JsonObject { ["name"] = "Гульнара Ахметова", ["role"] = "lead", ["sex"] = "female" }),
        })).ExpectAsync(HttpStatusCode.Created);
        var id = visit.Str("id");
        var url = $"/api/v1/visits/{id}/checklist-answers/toilet/evidence";
        var photo = MediaImages.PhoneJpeg();
        Assert.True(photo.Length < EvidenceHost.MaxEvidenceBytes);
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);

        // Before the arrival, before the item is answered: refused, and nothing reaches the disk.
        await (await PostAsync(monitor, url, Form(photo, "image/jpeg"))).ExpectProblemAsync(HttpStatusCode.Conflict, "arrival");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(t0.AddMinutes(-30)) }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await PostAsync(monitor, url, Form(photo, "image/jpeg"))).ExpectProblemAsync(HttpStatusCode.Conflict, "itemId");
        var store = Host.Services.GetRequiredService<VisitEvidenceStore>();
        Assert.False(System.IO.Directory.Exists(store.Root) && System.IO.Directory.EnumerateFiles(store.Root).Any());

        var answered = await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checklist-answers", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-10)),
            ["answers"] = new JsonObject { ["toilet"] = "open" },
        })).ExpectAsync(HttpStatusCode.Created);
        var answerId = Guid.Parse(answered["answers"].Objects().Single().Str("id"));

        // Others neither attach nor read.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(officer, url, Form(photo, "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(elsewhere, url, Form(photo, "image/jpeg"))).StatusCode);

        // Sent twice with its key: attached once.
        var key = Guid.NewGuid().ToString("N");
        var added = await (await PostAsync(monitor, url, Form(photo, "image/jpeg"), key)).ExpectAsync(HttpStatusCode.Created);
        var again = await (await PostAsync(monitor, url, Form(photo, "image/jpeg"), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(added.Str("id"), again.Str("id"));
        Assert.Equal(("toilet", 1, "image/jpeg"), (added.Str("itemId"), added["revision"]!.GetValue<int>(), added.Str("mediaType")));
        // Without a new key, the same file on the same answer is refused, not attached twice.
        await (await PostAsync(monitor, url, Form(photo, "image/jpeg"))).ExpectProblemAsync(HttpStatusCode.Conflict, "file");

        // Kept without the blocks that say where, when and with what it was taken; the log commits to what is kept.
        var evidenceId = Guid.Parse(added.Str("id"));
        var row = await Host.WithDbAsync(db => db.Set<VisitAnswerEvidence>().AsNoTracking().SingleAsync(e => e.VisitId == Guid.Parse(id)));
        var stripped = StripPhotoMetadata.Strip(PhotoFormat.Jpeg, photo)!;
        Assert.Equal((evidenceId, answerId, Convert.ToHexStringLower(SHA256.HashData(stripped)), true), (row.Id, row.AnswerId, row.Sha256, row.MetadataRemoved));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(photo)), row.Sha256);
        Assert.Equal(PhotoExif.None, ReadPhotoExif.Read(await File.ReadAllBytesAsync(store.PathOf(row.Sha256))));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == AnswerLedger.EvidenceAttached && e.RecordId == evidenceId)));
        Assert.Equal(row.Sha256, AnswerLedger.Content(row)["sha256"]!.GetValue<string>());

        // The answer lists its photo; answered again, the item keeps it, with the revision it was attached to.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checklist-answers", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-5)),
            ["answers"] = new JsonObject { ["toilet"] = "partitioned" },
        })).ExpectAsync(HttpStatusCode.Created);
        var read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        var listed = Assert.Single(read["checklistAnswers"].Objects().Single(a => a.Str("itemId") == "toilet")["evidence"].Objects());
        Assert.Equal((evidenceId.ToString(), 1, row.Sha256, $"/api/v1/visits/{id}/evidence/{evidenceId}"),
            (listed.Str("id"), listed["revision"]!.GetValue<int>(), listed.Str("sha256"), listed.Str("url")));

        // Read back as kept, never cached, each read in the access log; another region's monitor and an officer do not.
        using var served = await monitor.Client.GetAsync(listed.Str("url"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stripped, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", served.Headers.CacheControl?.ToString());
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e =>
            e.Action == "visit.checklist.evidence.read" && e.Resource == evidenceId.ToString() && e.UserId == monitor.User.Id && e.Outcome == "allowed")));
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.GetAsync(listed.Str("url"))).StatusCode);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e =>
            e.Action == "visit.checklist.evidence.read" && e.Resource == evidenceId.ToString() && e.UserId == elsewhere.User.Id && e.Outcome == "notFound")));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync(listed.Str("url"))).StatusCode);

        // A document, as the measures take them, goes with the answer as sent.
        var pdf = "%PDF-1.4 акт проверки "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(32)).ToArray();
        var document = await (await PostAsync(monitor, url, Form(pdf, "application/pdf"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(pdf)), 2), (document.Str("sha256"), document["revision"]!.GetValue<int>()));

        // Bad files are named and nothing is kept: not what its type says, too large, none, two, a broken image.
        var before = System.IO.Directory.EnumerateFiles(store.Root).Count();
        var exe = "MZ\u0090\0"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(32)).ToArray();
        await (await PostAsync(monitor, url, Form(exe, "image/jpeg"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(monitor, url, Form(RandomNumberGenerator.GetBytes((int)EvidenceHost.MaxEvidenceBytes + 1), "text/plain")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(monitor, url, new MultipartFormDataContent { { new StringContent("x"), "note" } })).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        var two = Form(pdf, "application/pdf");
        two.Add(new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "b.pdf");
        await (await PostAsync(monitor, url, two)).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(monitor, url, Form([0xFF, 0xD8, 0xFF, 0xE0, 0x00], "image/jpeg"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(monitor, $"/api/v1/visits/{Guid.NewGuid()}/checklist-answers/toilet/evidence", Form(pdf.Concat("x"u8.ToArray()).ToArray(), "application/pdf")))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, System.IO.Directory.EnumerateFiles(store.Root).Count());

        // A file altered on disk is not served.
        await File.WriteAllBytesAsync(store.PathOf(document.Str("sha256")), "%PDF-1.4 forged"u8.ToArray());
        await (await monitor.Client.GetAsync($"/api/v1/visits/{id}/evidence/{document.Str("id")}")).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);

        // After the departure, fieldwork is closed: no more files.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/departure", new JsonObject { ["at"] = Requests.Instant(t0) })).ExpectAsync(HttpStatusCode.Created);
        var late = "%PDF-1.4 late "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(16)).ToArray();
        await (await PostAsync(monitor, url, Form(late, "application/pdf"))).ExpectProblemAsync(HttpStatusCode.Conflict, "departure");
        Assert.False(File.Exists(store.PathOf(Convert.ToHexStringLower(SHA256.HashData(late)))));
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<VisitAnswerEvidence>().CountAsync(e => e.VisitId == Guid.Parse(id))));
    }

    [Fact]
    public async Task An_item_that_asks_for_a_photo_says_so_takes_an_answer_without_one_and_shows_it_missing_until_a_photo_is_attached()
    {
        var cell = await Host.FacilityAsync(region: "KZ-39", name: "ИВС ОП г. Рудного", type: FacilityType.PoliceHoldingCell);
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-39");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-39");
        var t0 = Host.Now;

        // The checklist says what each item asks for: a photograph, a document, or nothing.
        var lists = await (await monitor.Client.GetAsync("/api/v1/checklists?facilityType=policeHoldingCell")).ExpectAsync(HttpStatusCode.OK);
        var items = lists["items"].Objects().Single(c => c["inForce"]!.GetValue<bool>())["themes"].Objects().SelectMany(t => t["items"].Objects())
            .ToDictionary(i => i.Str("id"), i => i["evidence"]?.GetValue<string>());
        Assert.Equal(
            ("photo", "photo", "document", "document", (string?)null),
            (items["injuriesSeen"], items["mattressAtNight"], items["custodyRegisterComplete"], items["forceAndRestraintRecorded"], items["familyNotified"]));

        var id = (await (await monitor.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = cell.Id.ToString(),
            ["plannedFor"] = Requests.Instant(t0.AddHours(-1)),
            ["kind"] = "regular",
            ["announced"] = true,
            ["team"] = new JsonArray(new JsonObject { ["name"] = "Гульнара Ахметова", ["role"] = "lead", ["sex"] = "female" }),
        })).ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(t0.AddMinutes(-30)) }))
            .ExpectAsync(HttpStatusCode.Created);

        // Answered with no file at all: accepted (a place may forbid photographs), and each answer says what it lacks. A
        // document item answered "not applicable" lacks nothing; an item that asks for nothing lacks nothing.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checklist-answers", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-20)),
            ["answers"] = new JsonObject(Given.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Value))),
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(
            ["custodyRegisterComplete:document:True", "familyNotified:-:False", "forceAndRestraintRecorded:document:False", "injuriesSeen:photo:True", "mattressAtNight:photo:True"],
            await LacksAsync());
        var page = await monitor.Client.GetStringAsync($"/visits/{id}");
        Assert.Contains("id=\"evidence-injuriesSeen-missing\" data-missing=\"photo\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"evidence-custodyRegisterComplete-missing\" data-missing=\"document\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evidence-forceAndRestraintRecorded-missing\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evidence-familyNotified-missing\"", page, StringComparison.Ordinal);
        // The form asks for the photograph with the phone's camera, and for the document with the usual files.
        Assert.Contains(
            "id=\"evidence-injuriesSeen-file\" name=\"file\" type=\"file\" form=\"evidence-injuriesSeen-form\" accept=\"image/jpeg,image/png\" capture=\"environment\"",
            page, StringComparison.Ordinal);
        Assert.Contains("id=\"evidence-injuriesSeen-asked\" data-asked=\"photo\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"evidence-custodyRegisterComplete-asked\" data-asked=\"document\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evidence-familyNotified-asked\"", page, StringComparison.Ordinal);

        // The full visit report says it under each answer, in each language; the public one never.
        await ReportsAsync(missing: ["injuriesSeen:photo", "mattressAtNight:photo", "custodyRegisterComplete:document"], complete: ["forceAndRestraintRecorded:document"]);

        // A document is no photograph: the injuries still lack one; the register's copy is the document it asked for.
        var pdf = "%PDF-1.4 копия журнала "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(32)).ToArray();
        await (await PostAsync(monitor, $"/api/v1/visits/{id}/checklist-answers/injuriesSeen/evidence", Form(pdf, "application/pdf"))).ExpectAsync(HttpStatusCode.Created);
        await (await PostAsync(monitor, $"/api/v1/visits/{id}/checklist-answers/custodyRegisterComplete/evidence", Form(pdf, "application/pdf"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(
            ["custodyRegisterComplete:document:False", "familyNotified:-:False", "forceAndRestraintRecorded:document:False", "injuriesSeen:photo:True", "mattressAtNight:photo:True"],
            await LacksAsync());

        // The photograph attached: nothing lacks for the injuries, and answered again it still has its photograph.
        await (await PostAsync(monitor, $"/api/v1/visits/{id}/checklist-answers/injuriesSeen/evidence", Form(MediaImages.PhoneJpeg(), "image/jpeg"))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checklist-answers", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-10)),
            ["answers"] = new JsonObject { ["injuriesSeen"] = "yes" },
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(
            ["custodyRegisterComplete:document:False", "familyNotified:-:False", "forceAndRestraintRecorded:document:False", "injuriesSeen:photo:False", "mattressAtNight:photo:True"],
            await LacksAsync());
        Assert.DoesNotContain("id=\"evidence-injuriesSeen-missing\"", await monitor.Client.GetStringAsync($"/visits/{id}"), StringComparison.Ordinal);
        await ReportsAsync(missing: ["mattressAtNight:photo"], complete: ["injuriesSeen:photo", "custodyRegisterComplete:document", "forceAndRestraintRecorded:document"]);

        async Task<string[]> LacksAsync()
        {
            var visit = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
            return [.. visit["checklistAnswers"].Objects()
                .Select(a => $"{a.Str("itemId")}:{a["evidenceAsked"]?.GetValue<string>() ?? "-"}:{a["evidenceMissing"]?.GetValue<bool>()}")
                .Order(StringComparer.Ordinal)];
        }

        async Task ReportsAsync(string[] missing, string[] complete)
        {
            foreach (var language in new[] { "kk", "ru", "en" })
            {
                var before = System.Globalization.CultureInfo.CurrentUICulture;
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(language);
                try
                {
                    var t = Host.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Aigaq.Web.SharedResource>>();
                    var full = await PdfTextAsync($"/api/v1/visits/{id}/report?lang={language}&version=full");
                    var open = await PdfTextAsync($"/api/v1/visits/{id}/report?lang={language}&version=public");
                    string Line(string item, string asked) =>
                        Squeeze(t["Checklist." + item] + t["Answer." + Given[item]] + t["EvidenceMissing." + asked]);
                    Assert.All(missing.Select(m => m.Split(':')), m => Assert.Contains(Line(m[0], m[1]), full, StringComparison.Ordinal));
                    Assert.All(complete.Select(m => m.Split(':')), m => Assert.DoesNotContain(Line(m[0], m[1]), full, StringComparison.Ordinal));
                    Assert.All(complete.Select(m => m.Split(':')), m => Assert.Contains(Squeeze(t["Checklist." + m[0]] + t["Answer." + Given[m[0]]]), full, StringComparison.Ordinal));
                    Assert.All(new[] { "photo", "document" }, asked => Assert.DoesNotContain(Squeeze(t["EvidenceMissing." + asked]), open, StringComparison.Ordinal));
                }
                finally
                {
                    System.Globalization.CultureInfo.CurrentUICulture = before;
                }
            }
        }

        async Task<string> PdfTextAsync(string url)
        {
            using var response = await monitor.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
        }
    }

    /// <summary>The first answers of the evidence test, each item's stored value.</summary>
    private static readonly Dictionary<string, string> Given = new()
    {
        ["injuriesSeen"] = "yes",
        ["mattressAtNight"] = "no",
        ["custodyRegisterComplete"] = "no",
        ["forceAndRestraintRecorded"] = "na",
        ["familyNotified"] = "yes",
    };

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static MultipartFormDataContent Form(byte[] file, string type)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { content, "file", "IMG_0412.jpg" } };
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

public abstract class EvidenceHost(DatabaseProvider provider) : HostFixture(provider)
{
    public const long MaxEvidenceBytes = 16384;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Aigaq:Visits:MaxEvidenceBytes"] = MaxEvidenceBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed class EvidenceSqliteHost() : EvidenceHost(DatabaseProvider.Sqlite);

public sealed class EvidencePostgresHost() : EvidenceHost(DatabaseProvider.Postgres);

public sealed class AnswerEvidenceOnSqlite(EvidenceSqliteHost fixture) : AnswerEvidenceTests(fixture), IClassFixture<EvidenceSqliteHost>;

public sealed class AnswerEvidenceOnPostgres(EvidencePostgresHost fixture) : AnswerEvidenceTests(fixture), IClassFixture<EvidencePostgresHost>;
