using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Visits.Answers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// A photograph attached to a checklist answer is in the log by its SHA-256 with the visit, item and revision: the row
/// deleted, its hash edited (to the other photograph's, whose file is intact), its item moved, or the stored file's bytes
/// edited or the file removed, is named by the audit, by kind and record id; the other photograph is not.
/// </summary>
public sealed class VisitAnswerEvidenceAuditTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["deleteRow", "editSha", "moveItem", "editFile", "removeFile"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_answer_photo_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var admin = await ReviewAuditTests.ClientAsync(app, Roles.Administrator);
        using var monitor = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        using var second = await ReviewAuditTests.ClientAsync(app, Roles.Monitor);
        var facility = (await ReviewAuditTests.PostAsync(admin, "/api/v1/facilities", new
        {
            name = "ИВС УП г. Алматы",
            type = "policeHoldingCell",
            region = "KZ-75",
            agency = "police",
            address = "г. Алматы, ул. Сейфуллина, 10",
            acceptsMinors = false,
        })).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var visit = (await ReviewAuditTests.PostAsync(monitor, "/api/v1/visits", new
        {
            facilityId = facility,
            plannedFor = now.AddMinutes(-30),
            kind = "regular",
            announced = true,
            team = new object[] { new { name = "Айгүл Сейтқалиева", role = "lead", sex = "female" } },
        })).GetProperty("id").GetGuid();
        await ReviewAuditTests.PostAsync(second, $"/api/v1/visits/{visit}/approval", new { });
        await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/arrival", new { arrivedAt = now.AddMinutes(-20) });
        await ReviewAuditTests.PostAsync(monitor, $"/api/v1/visits/{visit}/checklist-answers", new
        {
            at = now.AddMinutes(-10),
            answers = new { toilet = "open", warmDryVentilated = "no" },
        });
        var photo = await PostPhotoAsync(monitor, $"/api/v1/visits/{visit}/checklist-answers/toilet/evidence", Jpeg(0x3F));
        var other = await PostPhotoAsync(monitor, $"/api/v1/visits/{visit}/checklist-answers/warmDryVentilated/evidence", Jpeg(0x7F));
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        var path = app.Services.GetRequiredService<VisitEvidenceStore>().PathOf(photo.Sha256);
        switch (tamper)
        {
            case "deleteRow":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<VisitAnswerEvidence>().Where(e => e.Id == photo.Id).ExecuteDeleteAsync());
                expected = $"{AnswerLedger.EvidenceAttached} {photo.Id}: record missing";
                break;
            case "editSha":
                // The row made to point at the other photograph, whose file is intact: only the log tells.
                await app.WithDbAsync(db => db.Set<VisitAnswerEvidence>().Where(e => e.Id == photo.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Sha256, other.Sha256)));
                expected = $"{AnswerLedger.EvidenceAttached} {photo.Id}: commitment mismatch";
                break;
            case "moveItem":
                // The photograph of the open toilet made to show something else.
                await app.WithDbAsync(db => db.Set<VisitAnswerEvidence>().Where(e => e.Id == photo.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ItemId, "warmDryVentilated")));
                expected = $"{AnswerLedger.EvidenceAttached} {photo.Id}: commitment mismatch";
                break;
            case "editFile":
                // The file edited in place: the row and the log still agree, the file no longer does.
                var bytes = await File.ReadAllBytesAsync(path);
                bytes[^3] ^= 0x40;
                await File.WriteAllBytesAsync(path, bytes);
                expected = $"{AnswerLedger.EvidenceAttached} {photo.Id}: file altered";
                break;
            default:
                File.Delete(path);
                expected = $"{AnswerLedger.EvidenceAttached} {photo.Id}: file missing";
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
        var res = await client.PostAsync(url, form);
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Created, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("id").GetGuid(), json.GetProperty("sha256").GetString()!);
    }
}
