using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PdfDocument = UglyToad.PdfPig.PdfDocument;

namespace Aigaq.Tests.Recommendations.Reports;

/// <summary>
/// <c>GET /api/v1/recommendations/report</c> (issue 18, item 5): the follow-up report made from the register, in each
/// language and format, its text read back (DOCX through the Open XML SDK, PDF by PdfPig) against what was registered:
/// paragraphs in numeric order, the summary in the language (else <c>summary</c>), the actor's latest grade with its
/// label and the other actor's beside it, an indicator's value equal to the statistics API's figure; each report made is
/// an access; bad input is named and writes nothing; an officer is refused.
/// </summary>
public abstract class FollowUpReportApiTests(HostFixture fixture)
{
    private const string Region = "KZ-10";
    private const string Url = "/api/v1/recommendations/report";

    private AigaqHost Host => fixture.Host;

    private static JsonObject Paragraph(string document, int paragraph, string? sub, string summary, JsonObject? summaries) => new()
    {
        ["mechanism"] = "CAT",
        ["document"] = document,
        ["paragraph"] = paragraph,
        ["subParagraph"] = sub,
        ["summary"] = summary,
        ["summaries"] = summaries,
        ["adoptedAt"] = "2021-12-03",
        ["followUp"] = sub is null,
        ["followUpDueBy"] = sub is null ? "2022-12-03" : null,
    };

    [Fact]
    public async Task The_report_is_made_from_the_register_in_each_language_and_format_and_each_one_is_logged()
    {
        // Two detentions of the region this year (the host's clock: 2 March 2026), one registered late.
        var facility = await Host.FacilityAsync(Region, name: "ИВС " + Guid.NewGuid().ToString("N")[..4]);
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-5));
        await Host.RegisterAsync(officer, facility.Id, new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.FromHours(5)));

        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);
        var summaries = new Dictionary<string, string>
        {
            ["kk"] = "Ұстауды нақты ұсталған сәттен тіркеу",
            ["ru"] = "Регистрировать задержание с момента фактического задержания",
            ["en"] = "Register detention from the moment of apprehension",
        };
        const string Only = "Investigate every report promptly";
        // Registered out of order: the report gives 10, 10 (b), 11.
        async Task<string> RegisterAsync(int n, string? sub, string summary, JsonObject? given) =>
            (await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Paragraph(document, n, sub, summary, given))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var eleven = await RegisterAsync(11, null, Only, null);
        await RegisterAsync(10, "b", "Sub-paragraph b", null);
        var ten = await RegisterAsync(10, null, "x", new JsonObject { ["kk"] = summaries["kk"], ["ru"] = summaries["ru"], ["en"] = summaries["en"] });

        async Task AssessAsync(string id, string actor, string scale, string grade, int daysAgo) =>
            await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{id}/assessments", new JsonObject
            {
                ["actor"] = actor,
                ["scale"] = scale,
                ["grade"] = grade,
                ["rationale"] = "Частично",
                ["at"] = Requests.Instant(Host.Now.AddDays(-daysAgo)),
            })).ExpectAsync(HttpStatusCode.Created);
        await AssessAsync(ten, "ngo", "coalition", "1", 10);
        await AssessAsync(ten, "ngo", "coalition", "2", 1);
        await AssessAsync(ten, "state", "catFollowUp", "implemented", 5);
        await AssessAsync(eleven, "state", "catFollowUp", "initialSteps", 5);
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{ten}/indicators", new JsonObject
        {
            ["metric"] = "lateRegistrationShare",
            ["region"] = Region,
            ["from"] = 2026,
            ["to"] = 2026,
        })).ExpectAsync(HttpStatusCode.Created);

        // A measure on paragraph 10, its target passed and not finished: printed with its status in the language, overdue.
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{ten}/measures", new JsonObject
        {
            ["title"] = "Видеофиксация в ИВС",
            ["lead"] = "МВД",
            ["targetDate"] = "2025-06-30",
            ["status"] = "inProgress",
        })).ExpectAsync(HttpStatusCode.Created);

        // The figure the statistics API gives for the region and year is the one the report prints.
        var figures = (await (await analyst.Client.GetAsync($"/api/v1/statistics/detentions?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK))["total"]!;
        Assert.Equal((1, 2), (figures["registeredLate"]!.GetValue<int>(), figures["detentions"]!.GetValue<int>()));

        foreach (var language in FollowUpReportText.Languages)
        {
            var t = Localizer(language);
            var headings = new[] { "10", "10 (b)", "11" }.Select(h => t["FollowUp.Paragraph", h].Value).ToList();
            var share = "50 % (" + t["FollowUp.PartOfWhole", 1, 2] + ")";
            var grade = t["FollowUp.Grade"] + ": " + t["Scale.coalition.2"] + " * (" + t["Scale.coalition"] + ")";
            var state = t["Scale.catFollowUp.implemented"].Value;

            using (var response = await analyst.Client.GetAsync($"{Url}?document={document.ToLowerInvariant()}&actor=ngo&lang={language}&format=docx"))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(GetFollowUpReport.DocxType, response.Content.Headers.ContentType?.MediaType);
                Assert.EndsWith($"-ngo-{language}.docx", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
                using var word = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
                var body = word.MainDocumentPart!.Document!.Body!;
                var paragraphs = body.Elements<Paragraph>().ToList();
                Assert.Equal(headings, paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText));
                var text = string.Join('\n', paragraphs.Select(p => p.InnerText));
                Assert.Contains(summaries[language], text, StringComparison.Ordinal);
                Assert.Contains(Only, text, StringComparison.Ordinal);
                Assert.Contains(grade, text, StringComparison.Ordinal);
                var rows = body.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
                Assert.Equal(share, rows.Single(r => r[0] == "2026")[1]);
                Assert.Contains(rows, r => r[0] == t["FollowUp.Actor.state"] && r.Contains(state));
                var measure = rows.Single(r => r[0] == "Видеофиксация в ИВС");
                Assert.Contains(measure, c => c.StartsWith(t["MeasureStatus.inProgress"], StringComparison.Ordinal) && c.Length > t["MeasureStatus.inProgress"].Value.Length);
                Assert.Contains("МВД", measure);
            }

            using (var response = await analyst.Client.GetAsync($"{Url}?document={document}&actor=ngo&lang={language}&format=pdf"))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(GetFollowUpReport.PdfType, response.Content.Headers.ContentType?.MediaType);
                Assert.EndsWith($"-ngo-{language}.pdf", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
                using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
                var text = Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));
                var at = headings.Select(h => text.IndexOf(Squeeze(h) + Squeeze(t["FollowUp.Recommendation"]), StringComparison.Ordinal)).ToList();
                Assert.DoesNotContain(-1, at);
                Assert.Equal(at.Order(), at);
                Assert.Contains(Squeeze(summaries[language]), text, StringComparison.Ordinal);
                Assert.Contains("2026" + Squeeze(share), text, StringComparison.Ordinal);
                Assert.Contains(Squeeze(t["FollowUp.Grade"] + t["Scale.coalition.2"] + " * (" + t["Scale.coalition"] + ")"), text, StringComparison.Ordinal);
                Assert.Contains(Squeeze(state), text, StringComparison.Ordinal);
                Assert.Contains(Squeeze(Only), text, StringComparison.Ordinal);
                Assert.Contains(Squeeze("Видеофиксация в ИВС"), text, StringComparison.Ordinal);
                Assert.Contains(Squeeze(t["MeasureStatus.inProgress"]), text, StringComparison.Ordinal);
            }
        }

        // Each report made is an access of the analyst, naming the document, never anything else.
        var logged = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().AsNoTracking()
            .Where(e => e.Action == GetFollowUpReport.AccessAction && e.UserId == analyst.User.Id).Select(e => new { e.Resource, e.Outcome }).ToListAsync());
        Assert.Equal(6, logged.Count);
        Assert.All(logged, e => Assert.Equal(document, e.Resource));
        Assert.Contains(logged, e => e.Outcome == "allowed:ngo:kk:pdf");
    }

    [Fact]
    public async Task Bad_input_is_named_and_writes_nothing_and_an_officer_is_refused()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Paragraph(document, 12, null, "Registered", null))).ExpectAsync(HttpStatusCode.Created);

        foreach (var (query, field) in new[]
        {
            ("actor=ngo&lang=en&format=pdf", "document"),
            ("document=CAT/C/KAZ/CO/0&actor=ngo&lang=en&format=pdf", "document"),
            ($"document={document}&actor=judge&lang=en&format=pdf", "actor"),
            ($"document={document}&lang=en&format=pdf", "actor"),
            ($"document={document}&actor=ngo&lang=de&format=pdf", "lang"),
            ($"document={document}&actor=ngo&lang=en&format=odt", "format"),
            ($"document={document}&actor=ngo&lang=en", "format"),
        })
        {
            await (await analyst.Client.GetAsync($"{Url}?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == GetFollowUpReport.AccessAction && e.UserId == analyst.User.Id)));

        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-75");
        await (await officer.Client.GetAsync($"{Url}?document={document}&actor=ngo&lang=en&format=pdf")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        using var allowed = await analyst.Client.GetAsync($"{Url}?document={document}&actor=committee&lang=kk&format=docx");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

public sealed class FollowUpReportApiOnSqlite(SqliteHost fixture) : FollowUpReportApiTests(fixture), IClassFixture<SqliteHost>;

public sealed class FollowUpReportApiOnPostgres(PostgresHost fixture) : FollowUpReportApiTests(fixture), IClassFixture<PostgresHost>;
