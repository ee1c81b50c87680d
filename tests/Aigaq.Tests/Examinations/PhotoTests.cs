using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Examinations;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Examination photographs (issue 16, items 5 and 9): the examiner alone adds them, with consent, before the seal; the
/// original is kept as sent and its SHA-256 logged; the first identifies the person; readers of the medical content get a
/// copy without any metadata, an intimate one only where the person consented for their role; the original goes to the
/// examiner only; every read is logged; a store that cannot be written or read answers 503, never 500.
/// </summary>
public abstract class PhotoTests(PhotoHost fixture)
{
    private const string Url = "/api/v1/examinations";

    private AigaqHost Host => fixture.Host;

    private static MultipartFormDataContent Form(byte[]? file, string type = "image/jpeg", params (string Name, string? Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(content, "file", "IMG_0412.jpg");
        }

        var values = new Dictionary<string, string?> { ["scaleShown"] = "true", ["colourChartShown"] = "true" };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            form.Add(new StringContent(value!), name);
        }

        return form;
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

    private async Task<(string At, TestUser Expert, TestUser Defender)> ExaminationAsync()
    {
        var defender = await Host.UserAsync(Roles.Defender);
        var created = await (await defender.Client.PostJsonAsync(Url, new JsonObject
        {
            ["requestedAt"] = Requests.Instant(Host.Now.AddMinutes(-10)),
            ["requestedBy"] = new JsonObject { ["kind"] = "defender" },
            ["person"] = new JsonObject { ["lastName"] = "Ахметов", ["firstName"] = "Данияр" },
        })).ExpectAsync(HttpStatusCode.Created);
        var at = $"{Url}/{created.Str("id")}";
        var expert = await Host.UserAsync(Roles.ForensicExpert);
        await (await expert.Client.PostJsonAsync($"{at}/examiner", new JsonObject
        {
            ["name"] = "Жумабекова А. М.",
            ["qualifications"] = "судебно-медицинский эксперт",
            ["employer"] = "forensicCentre",
            ["independenceDeclared"] = true,
        })).ExpectAsync(HttpStatusCode.Created);
        return (at, expert, defender);
    }

    private JsonObject Consent(int minutesAgo, bool photographs) => new()
    {
        ["at"] = Requests.Instant(Host.Now.AddMinutes(-minutesAgo)),
        ["items"] = new JsonObject
        {
            ["examination"] = true,
            ["photographs"] = photographs,
            ["intimatePhotographs"] = true,
            ["shareWithInvestigators"] = true,
            ["shareWithCourt"] = true,
            ["shareWithDefender"] = true,
            ["intimateToInvestigators"] = true,
            ["intimateToDefender"] = false,
        },
        ["refusalReason"] = "не согласен показывать интимные фотографии защитнику",
    };

    private Task<int> RowsAsync(string at)
    {
        var id = Guid.Parse(at[(Url.Length + 1)..]);
        return Host.WithDbAsync(db => db.Set<ExaminationPhoto>().CountAsync(p => p.ExaminationId == id));
    }

    [Fact]
    public async Task The_examiner_adds_photographs_with_consent_and_readers_get_a_copy_without_metadata_by_consent()
    {
        var (at, expert, defender) = await ExaminationAsync();
        var jpeg = MediaImages.PhoneJpeg();
        var (png, pngStripped) = MediaImages.PhonePng();

        // Without consent to photographs, nothing is taken in, nor written to the store.
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(8, photographs: false))).ExpectAsync(HttpStatusCode.Created);
        await (await PostAsync(expert, $"{at}/photos", Form(jpeg))).ExpectProblemAsync(HttpStatusCode.Conflict, "consent.photographs");
        var store = Host.Services.GetRequiredService<PhotoStore>();
        Assert.False(File.Exists(store.PathOf(Convert.ToHexStringLower(SHA256.HashData(jpeg)))));
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(7, photographs: true))).ExpectAsync(HttpStatusCode.Created);

        // Only the examiner of record adds one; the requester may not (no permission), another expert neither.
        await (await PostAsync(await Host.UserAsync(Roles.ForensicExpert), $"{at}/photos", Form(jpeg))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await PostAsync(defender, $"{at}/photos", Form(jpeg))).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // Bad input is named and writes nothing.
        await (await PostAsync(expert, $"{at}/photos", Form("not a photograph at all"u8.ToArray()))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        byte[] big = [0xFF, 0xD8, .. MediaImages.Segment(0xFE, new byte[PhotoHost.MaxPhotoBytes / 2]), .. MediaImages.Segment(0xFE, new byte[PhotoHost.MaxPhotoBytes / 2]),
            .. MediaImages.JpegPixels()];
        await (await PostAsync(expert, $"{at}/photos", Form(big))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(expert, $"{at}/photos", Form(null))).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        await (await PostAsync(expert, $"{at}/photos", Form(jpeg, "image/jpeg", ("scaleShown", null)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "scaleShown");
        await (await PostAsync(expert, $"{at}/photos", Form(jpeg, "image/jpeg", ("intimate", "maybe")))).ExpectProblemAsync(HttpStatusCode.BadRequest, "intimate");
        await (await PostAsync(expert, $"{at}/photos", Form(jpeg, "image/jpeg", ("findingId", Guid.NewGuid().ToString()))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "findingId");
        await (await expert.Client.PostJsonAsync($"{at}/photos", new JsonObject { ["file"] = "x" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Equal(0, await RowsAsync(at));

        // The first photograph identifies the person; its SHA-256 is the original's, and the log commits to it. A retry with
        // the key gets the same answer and adds nothing.
        var key = Guid.NewGuid().ToString("N");
        var first = await (await PostAsync(expert, $"{at}/photos", Form(jpeg), key)).ExpectAsync(HttpStatusCode.Created);
        var again = await (await PostAsync(expert, $"{at}/photos", Form(jpeg), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(jpeg)), first.Str("sha256"));
        Assert.True(first["identifiesPerson"]!.GetValue<bool>());
        var firstId = Guid.Parse(first.Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ExaminationPhotoLedger.Kind && e.RecordId == firstId)));
        var row = await Host.WithDbAsync(db => db.Set<ExaminationPhoto>().SingleAsync(p => p.Id == firstId));
        Assert.Equal((MediaImages.Make + " " + MediaImages.Model, true), (row.Device, row.GpsPresent));
        var committed = ExaminationPhotoLedger.Content(row).ToJsonString();
        Assert.Contains(first.Str("sha256"), committed, StringComparison.Ordinal);
        Assert.DoesNotContain(MediaImages.Model, committed, StringComparison.Ordinal);

        // A PNG of a finding, intimate: not the first, so it does not identify the person.
        var finding = await (await expert.Client.PostJsonAsync($"{at}/findings", new JsonObject
        {
            ["view"] = "front",
            ["bodyRegion"] = "genitals",
            ["x"] = 0.5,
            ["y"] = 0.5,
            ["description"] = "Ожог",
            ["consistency"] = "typicalOf",
            ["rationale"] = "Форма",
        })).ExpectAsync(HttpStatusCode.Created);
        var second = await (await PostAsync(expert, $"{at}/photos", Form(png, "image/png", ("findingId", finding.Str("id")), ("intimate", "true"))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.False(second["identifiesPerson"]!.GetValue<bool>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), second.Str("sha256"));
        Assert.Equal(2, await RowsAsync(at));

        // The shared copy carries none of the metadata and is not the original; the original goes to the examiner only.
        async Task<HttpResponseMessage> GetAsync(TestUser user, string url) => await user.Client.GetAsync(url);
        var shared = await GetAsync(expert, $"{at}/photos/{firstId}");
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal("image/jpeg", shared.Content.Headers.ContentType?.MediaType);
        Assert.True(shared.Headers.CacheControl?.NoStore);
        var copy = await shared.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(jpeg, copy);
        byte[] stripped = [0xFF, 0xD8, .. MediaImages.Jfif, .. MediaImages.JpegPixels()];
        Assert.Equal(stripped, copy);
        Assert.False(ReadPhotoExif.Read(copy).Metadata);
        var original = await GetAsync(expert, $"{at}/photos/{firstId}/original");
        Assert.Equal(jpeg, await original.Content.ReadAsByteArrayAsync());
        Assert.True(original.Headers.CacheControl?.NoStore);

        // The region's prosecutor reads the medical content (shared with investigators) and the intimate photograph (consented
        // for them); the defender reads the record but not the intimate photograph; neither gets an original.
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var shown = await (await prosecutor.Client.GetAsync(at)).ExpectAsync(HttpStatusCode.OK);
        var photos = shown["photos"].Objects().ToList();
        Assert.Equal([first.Str("id"), second.Str("id")], photos.Select(p => p.Str("id")));
        Assert.Equal("2026-11-30T14:05:09+05:00", photos[0].Str("takenAt"));
        Assert.True(photos[0]["scaleShown"]!.GetValue<bool>());
        Assert.Equal(finding.Str("id"), photos[1].Str("findingId"));
        Assert.False(photos[1]["withheld"]!.GetValue<bool>());
        var pngShared = await prosecutor.Client.GetAsync($"{at}/photos/{second.Str("id")}");
        Assert.Equal("image/png", pngShared.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pngStripped, await pngShared.Content.ReadAsByteArrayAsync());
        await (await prosecutor.Client.GetAsync($"{at}/photos/{firstId}/original")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.ForensicExpert)).Client.GetAsync($"{at}/photos/{firstId}/original")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var forDefender = await (await defender.Client.GetAsync(at)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(forDefender["photos"].Objects().Single(p => p.Str("id") == second.Str("id"))["withheld"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await defender.Client.GetAsync($"{at}/photos/{firstId}")).StatusCode);
        await (await defender.Client.GetAsync($"{at}/photos/{second.Str("id")}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.Prosecutor, region: "KZ-71")).Client.GetAsync($"{at}/photos/{firstId}"))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await Host.UserAsync(Roles.Officer)).Client.GetAsync($"{at}/photos/{firstId}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var reads = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(e => e.Action.StartsWith("examination.photo.")).ToListAsync());
        Assert.Contains(reads, e => e.Action == "examination.photo.read" && e.Resource == second.Str("id") && e.Outcome == "denied");
        Assert.Contains(reads, e => e.Action == "examination.photo.read" && e.Resource == second.Str("id") && e.Outcome == "allowed");
        Assert.Contains(reads, e => e.Action == "examination.photo.original" && e.Outcome == "denied");

        // The person withdraws consent to photographs: nobody but the examiner sees them any longer.
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(5, photographs: false))).ExpectAsync(HttpStatusCode.Created);
        var withdrawn = await (await prosecutor.Client.GetAsync(at)).ExpectAsync(HttpStatusCode.OK);
        Assert.All(withdrawn["photos"].Objects(), p => Assert.True(p["withheld"]!.GetValue<bool>()));
        await (await prosecutor.Client.GetAsync($"{at}/photos/{firstId}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await prosecutor.Client.GetAsync($"{at}/photos/{second.Str("id")}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await expert.Client.GetAsync($"{at}/photos/{second.Str("id")}")).StatusCode);
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(4, photographs: true))).ExpectAsync(HttpStatusCode.Created);

        // An upload cut off before its closing boundary (a phone that lost its connection): 400 naming the body.
        using (var cut = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(
            "--cut\r\nContent-Disposition: form-data; name=\"scaleShown\"\r\n\r\ntrue\r\n--cut\r\n" +
            "Content-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff\u00e0partial")))
        {
            cut.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
            await (await expert.Client.PostAsync($"{at}/photos", cut)).ExpectProblemAsync(HttpStatusCode.BadRequest, "body");
        }

        Assert.Equal(2, await RowsAsync(at));

        // Sealed: a photograph is no amendment.
        await (await expert.Client.PostJsonAsync($"{at}/session", new JsonObject
        {
            ["place"] = "ЦСЭ",
            ["startedAt"] = Requests.Instant(Host.Now.AddMinutes(-6)),
            ["present"] = new JsonArray(new JsonObject { ["name"] = "Ж. А.", ["affiliation"] = "examiner" }),
            ["policePresent"] = false,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/seal", new JsonObject
        {
            ["opinion"] = "typicalOf",
            ["conclusions"] = "c",
            ["recommendations"] = "r",
            ["policePresent"] = false,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await PostAsync(expert, $"{at}/photos", Form(jpeg))).ExpectProblemAsync(HttpStatusCode.Conflict, "photos");
        Assert.Equal(2, await RowsAsync(at));
    }

    [Fact]
    public async Task An_original_stays_on_disk_only_with_its_row_a_refused_photograph_leaves_no_file()
    {
        var (at, expert, _) = await ExaminationAsync();
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(7, photographs: true))).ExpectAsync(HttpStatusCode.Created);
        var store = Host.Services.GetRequiredService<PhotoStore>();
        var (recorded, _) = MediaImages.PhonePng();
        await (await PostAsync(expert, $"{at}/photos", Form(recorded, "image/png"))).ExpectAsync(HttpStatusCode.Created);

        // The file is written before the transaction: refused inside it (a finding of no examination), the file goes again.
        var fresh = Aigaq.Cli.DemoExaminationPhotos.Png(5);
        var path = store.PathOf(Convert.ToHexStringLower(SHA256.HashData(fresh)));
        await (await PostAsync(expert, $"{at}/photos", Form(fresh, "image/png", ("findingId", Guid.NewGuid().ToString()))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "findingId");
        Assert.False(File.Exists(path));

        // The same refusal for a photograph already recorded leaves its file alone.
        await (await PostAsync(expert, $"{at}/photos", Form(recorded, "image/png", ("findingId", Guid.NewGuid().ToString()))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "findingId");
        Assert.Equal(StoredFileStatus.Intact, (await store.ReadAsync(Convert.ToHexStringLower(SHA256.HashData(recorded)), default)).Status);
        Assert.Equal(1, await RowsAsync(at));

        // Accepted, it stays.
        await (await PostAsync(expert, $"{at}/photos", Form(fresh, "image/png"))).ExpectAsync(HttpStatusCode.Created);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_store_that_cannot_be_written_or_read_answers_503_and_writes_nothing()
    {
        var (at, expert, _) = await ExaminationAsync();
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(7, photographs: true))).ExpectAsync(HttpStatusCode.Created);
        var (png, _) = MediaImages.PhonePng();
        var stored = await (await PostAsync(expert, $"{at}/photos", Form(png, "image/png"))).ExpectAsync(HttpStatusCode.Created);

        // The originals' folder replaced by a file: neither written nor read (as a full or unwritable disk would be).
        var root = Host.Services.GetRequiredService<PhotoStore>().Root;
        var aside = root + ".aside";
        Directory.Move(root, aside);
        try
        {
            await File.WriteAllTextAsync(root, "not a folder");
            await (await PostAsync(expert, $"{at}/photos", Form(MediaImages.PhoneJpeg()))).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
            await (await expert.Client.GetAsync($"{at}/photos/{stored.Str("id")}")).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(1, await RowsAsync(at));
        }
        finally
        {
            File.Delete(root);
            Directory.Move(aside, root);
        }

        Assert.Equal(HttpStatusCode.OK, (await expert.Client.GetAsync($"{at}/photos/{stored.Str("id")}")).StatusCode);
    }
}

/// <summary>A host that takes photographs of at most <see cref="MaxPhotoBytes"/>, so that an over-size one is small to send.</summary>
public abstract class PhotoHost(DatabaseProvider provider) : HostFixture(provider)
{
    public const int MaxPhotoBytes = 8192;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Aigaq:Examinations:MaxPhotoBytes"] = MaxPhotoBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed class PhotoSqliteHost() : PhotoHost(DatabaseProvider.Sqlite);

public sealed class PhotoPostgresHost() : PhotoHost(DatabaseProvider.Postgres);

public sealed class PhotosOnSqlite(PhotoSqliteHost fixture) : PhotoTests(fixture), IClassFixture<PhotoSqliteHost>;

public sealed class PhotosOnPostgres(PhotoPostgresHost fixture) : PhotoTests(fixture), IClassFixture<PhotoPostgresHost>;
