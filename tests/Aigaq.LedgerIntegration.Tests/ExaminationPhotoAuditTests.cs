using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Examinations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Examination photographs are in the log by the original's SHA-256: a photograph row deleted, its hash edited (to another
/// photograph's, so that the row points to a file that does exist), or the stored original's bytes edited, is named by the
/// audit, by kind and record id.
/// </summary>
public sealed class ExaminationPhotoAuditTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["deleteRow", "editSha", "editFile"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_photograph_that_changed(string tamper, bool postgres)
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
        await ReviewAuditTests.PostAsync(expert, $"{url}/examiner", new
        {
            name = "Каримова Салтанат",
            qualifications = "судебно-медицинский эксперт",
            employer = "forensicCentre",
            independenceDeclared = true,
        });
        await ReviewAuditTests.PostAsync(expert, $"{url}/consent", new
        {
            at = now.AddMinutes(-29),
            items = new { examination = true, photographs = true, intimatePhotographs = true, shareWithInvestigators = true, shareWithCourt = true, shareWithDefender = true },
        });
        var photo = await PostPhotoAsync(expert, url, Jpeg(0x3F));
        var other = await PostPhotoAsync(expert, url, Jpeg(0x7F));
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "deleteRow":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ExaminationPhoto>().Where(p => p.Id == photo.Id).ExecuteDeleteAsync());
                expected = $"{ExaminationPhotoLedger.Kind} {photo.Id}: record missing";
                break;
            case "editSha":
                // The row made to point at the other photograph, whose file is intact: only the log tells.
                await app.WithDbAsync(db => db.Set<ExaminationPhoto>().Where(p => p.Id == photo.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Sha256, other.Sha256)));
                expected = $"{ExaminationPhotoLedger.Kind} {photo.Id}: commitment mismatch";
                break;
            default:
                // The original edited in place: the row and the log still agree, the file no longer does.
                var path = app.Services.GetRequiredService<PhotoStore>().PathOf(photo.Sha256);
                var bytes = await File.ReadAllBytesAsync(path);
                bytes[^3] ^= 0x40;
                await File.WriteAllBytesAsync(path, bytes);
                expected = $"{ExaminationPhotoLedger.Kind} {photo.Id}: original altered";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains(other.Id.ToString(), StringComparison.Ordinal));
    }

    /// <summary>An 8x8 grey baseline JPEG whose one scan byte is <paramref name="scan"/>, so that two differ.</summary>
    private static byte[] Jpeg(byte scan)
    {
        static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        return
        [
            0xFF, 0xD8,
            .. Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]),
            .. Segment(0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
            .. Segment(0xC4, [0x00, 1, .. new byte[15], 0x00]),
            .. Segment(0xC4, [0x10, 1, .. new byte[15], 0x00]),
            .. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]),
            scan, 0xFF, 0xD9,
        ];
    }

    private static async Task<(Guid Id, string Sha256)> PostPhotoAsync(HttpClient client, string url, byte[] jpeg)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "photo.jpg");
        form.Add(new StringContent("true"), "scaleShown");
        form.Add(new StringContent("false"), "colourChartShown");
        var res = await client.PostAsync($"{url}/photos", form);
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Created, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("id").GetGuid(), json.GetProperty("sha256").GetString()!);
    }
}
