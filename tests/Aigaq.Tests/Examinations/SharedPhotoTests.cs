using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Examinations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// A share's photographs (issue 16, item 9): served through the share's token with no sign-in, only the copy without
/// metadata, an intimate one only to a recipient whose role a given consent item names (an investigator here, not a
/// judge), listed on the share's page as shown or withheld; nothing once the share has expired or been revoked; every
/// serving an opening and an access log entry without an address, every refusal a denied entry.
/// </summary>
public abstract class SharedPhotoTests(PhotoHost fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_share_serves_the_stripped_photographs_it_may_withholds_an_intimate_one_and_serves_nothing_after_expiry_or_revocation()
    {
        var exam = await SealedExamination.CreateAsync(Host, seal: false);
        var consent = SealedExamination.Consent(Host.Now.AddMinutes(-5));
        var items = consent["items"]!.AsObject();
        items["intimatePhotographs"] = true;
        items["intimateToInvestigators"] = true;
        items["intimateToDefender"] = false;
        await (await exam.Examiner.Client.PostJsonAsync($"{exam.At}/consent", consent)).ExpectAsync(HttpStatusCode.Created);
        var jpeg = MediaImages.PhoneJpeg();
        var (png, pngStripped) = MediaImages.PhonePng();
        var plain = await AddAsync(exam, jpeg, "image/jpeg", ("findingId", exam.FindingId));
        var intimate = await AddAsync(exam, png, "image/png", ("intimate", "true"));
        await exam.SealAsync();

        var shares = $"{exam.At}/shares";
        var judge = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(7)))).ExpectAsync(HttpStatusCode.Created);
        var investigator = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("investigator", Host.Now.AddMinutes(5), "Следователь Омаров")))
            .ExpectAsync(HttpStatusCode.Created);
        var judgeUrl = judge.Str("url");
        var investigatorUrl = investigator.Str("url");
        using var anonymous = Host.Anonymous();

        // The page lists both: the judge sees the plain one and is told the intimate one is withheld; the investigator sees both.
        var page = await anonymous.GetStringAsync(judgeUrl + "?culture=en");
        Assert.Contains($"<img src=\"{judgeUrl}/photos/{plain}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"{judgeUrl}/photos/{intimate}", page, StringComparison.Ordinal);
        Assert.Contains($"data-photo=\"{intimate}\" data-withheld=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("Withheld: the person has not consented to show this photograph to you.", page, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{investigatorUrl}/photos/{intimate}\"", await anonymous.GetStringAsync(investigatorUrl), StringComparison.Ordinal);

        // Only the copy without metadata, never cached; the intimate one to the investigator only; a photograph not of this
        // examination, or a token that opens nothing, gets the share's neutral 404.
        using (var served = await anonymous.GetAsync($"{judgeUrl}/photos/{plain}"))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            Assert.True(served.Headers.CacheControl?.NoStore);
            Assert.Equal([0xFF, 0xD8, .. MediaImages.Jfif, .. MediaImages.JpegPixels()], await served.Content.ReadAsByteArrayAsync());
        }

        await (await anonymous.GetAsync($"{judgeUrl}/photos/{intimate}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(pngStripped, await (await anonymous.GetAsync($"{investigatorUrl}/photos/{intimate}")).Content.ReadAsByteArrayAsync());
        await NotFoundAsync(anonymous, $"{judgeUrl}/photos/{Guid.NewGuid()}");
        await NotFoundAsync(anonymous, $"/examinations/shared/{new string('A', 43)}/photos/{plain}");

        // Each serving is an opening the examiner sees and an allowed entry, each refusal a denied one; no address is kept.
        var judgeId = judge.Str("id");
        var entries = await Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .Where(e => e.Action == OpenExaminationShare.AccessAction && e.Resource == judgeId).ToListAsync());
        Assert.Equal(1, entries.Count(e => e.Outcome == "allowed:photo"));
        Assert.Equal(1, entries.Count(e => e.Outcome == "denied:withheld"));
        Assert.Equal(1, entries.Count(e => e.Outcome == "denied:photo"));
        Assert.All(entries, e => Assert.Null(e.Address));
        var listed = (await (await exam.Examiner.Client.GetAsync(shares)).ExpectAsync(HttpStatusCode.OK))["items"].Objects().ToDictionary(s => s.Str("id"));
        Assert.Equal(1, listed[judgeId]["openings"].Objects().Count(o => o.Str("what") == ReadSharedPhoto.Opening));

        // Expired, then revoked: nothing, not even the plain photograph.
        Host.Clock.Advance(TimeSpan.FromMinutes(6));
        await NotFoundAsync(anonymous, $"{investigatorUrl}/photos/{plain}");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{judgeUrl}/photos/{plain}")).StatusCode);
        await (await exam.Examiner.Client.PostJsonAsync($"{shares}/{judgeId}/revoke", new JsonObject { ["reason"] = "заседание отложено" }))
            .ExpectAsync(HttpStatusCode.Created);
        await NotFoundAsync(anonymous, $"{judgeUrl}/photos/{plain}");
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .CountAsync(e => e.Action == OpenExaminationShare.AccessAction && e.Outcome == "denied" && (e.Resource == judgeId || e.Resource == investigator.Str("id")))));
    }

    [Fact]
    public async Task Consent_items_the_form_version_does_not_know_open_nothing_and_the_pages_still_show_them_safely()
    {
        // An examination recorded on version 1 while it briefly held the intimateTo* items (tests and demo only; ADR 0026,
        // "Consent items a form version does not know"): the rows stay as recorded, and open nothing.
        var exam = await SealedExamination.CreateAsync(Host, seal: false);
        var consent = SealedExamination.Consent(Host.Now.AddMinutes(-5));
        var items = consent["items"]!.AsObject();
        items["intimatePhotographs"] = true;
        items["intimateToInvestigators"] = true;
        await (await exam.Examiner.Client.PostJsonAsync($"{exam.At}/consent", consent)).ExpectAsync(HttpStatusCode.Created);
        var intimate = await AddAsync(exam, MediaImages.PhonePng().Png, "image/png", ("intimate", "true"));
        await exam.SealAsync();
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<Examination>().Where(e => e.Id == exam.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.FormId, "istanbul-kz-v1"))));

        var share = await (await exam.Examiner.Client.PostJsonAsync($"{exam.At}/shares", exam.Share("investigator", Host.Now.AddDays(1))))
            .ExpectAsync(HttpStatusCode.Created);
        var url = share.Str("url");
        using var anonymous = Host.Anonymous();
        var page = await anonymous.GetStringAsync(url + "?culture=en");
        Assert.Contains($"data-photo=\"{intimate}\" data-withheld=\"true\"", page, StringComparison.Ordinal);
        await (await anonymous.GetAsync($"{url}/photos/{intimate}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The examiner's page lists the row as recorded, and says it has no effect.
        var examiner = await Host.SignedInWithCodeAsync(exam.Examiner, "en");
        var html = await examiner.GetStringAsync($"/examinations/{exam.Id}?culture=en");
        Assert.Contains("data-item=\"intimateToInvestigators\"", html, StringComparison.Ordinal);
        Assert.Contains("Not an item of this form version: it has no effect.", html, StringComparison.Ordinal);
    }

    private static async Task<Guid> AddAsync(SealedExamination exam, byte[] file, string type, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(content, "file", "IMG_0001");
        form.Add(new StringContent("true"), "scaleShown");
        form.Add(new StringContent("true"), "colourChartShown");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await exam.Examiner.Client.PostAsync($"{exam.At}/photos", form);
        return Guid.Parse((await response.ExpectAsync(HttpStatusCode.Created)).Str("id"));
    }

    private static async Task NotFoundAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SharedPhotosOnSqlite(PhotoSqliteHost fixture) : SharedPhotoTests(fixture), IClassFixture<PhotoSqliteHost>;

public sealed class SharedPhotosOnPostgres(PhotoPostgresHost fixture) : SharedPhotoTests(fixture), IClassFixture<PhotoPostgresHost>;
