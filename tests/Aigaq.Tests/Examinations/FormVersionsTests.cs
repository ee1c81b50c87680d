using System.Globalization;
using System.Text;
using Aigaq.Examinations;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Form versions (issue 16, item 8): version 1 is what examinations were recorded on before the two optional consent
/// items for intimate photographs, which live in version 2; new examinations take the newest version in force. A version
/// added as a file names its own sections, fields, items and regions in kk, ru and en where SharedResource has no entry
/// (SharedResource wins where it has one), must give every language, and the report prints a section that no annex IV
/// heading holds under a heading of its own. No database: one provider.
/// </summary>
public sealed class FormVersionsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public void Version_1_is_as_it_was_used_and_version_2_adds_only_the_optional_intimate_photograph_items()
    {
        var forms = fixture.Host.Services.GetRequiredService<ExaminationForms>();
        var v1 = forms.ById("istanbul-kz-v1")!;
        var v2 = forms.ById("istanbul-kz-v2")!;

        string[] before = ["examination", "photographs", "intimatePhotographs", "shareWithInvestigators", "shareWithCourt", "shareWithDefender", "proxyForMinor"];
        Assert.Equal(before, v1.Consent.Select(c => c.Id));
        Assert.Equal([.. before, "intimateToInvestigators", "intimateToDefender"], v2.Consent.Select(c => c.Id));
        Assert.All(v2.Consent.Skip(before.Length), c => Assert.True(c.Optional && c.IntimateRoles is { Length: > 0 }));
        Assert.Equal(Json(v1.Sections), Json(v2.Sections));
        Assert.Equal(Json(v1.BodyRegions), Json(v2.BodyRegions));
        Assert.Equal(Json(v1.Consent), Json(v2.Consent.Take(before.Length)));

        Assert.Same(v1, forms.At(v1.EffectiveFrom));
        Assert.Same(v1, forms.At(v2.EffectiveFrom.AddTicks(-1)));
        Assert.Same(v2, forms.At(v2.EffectiveFrom));
        Assert.Same(forms.All[^1], forms.At(DateTimeOffset.MaxValue));
    }

    /// <summary>
    /// Every published form version, by the SHA-256 of its file (line ends as LF). Examinations keep the version they were
    /// recorded on, so a published version is never edited again: a change is a new version (a new file with a new id and
    /// effective date), and only then a new line here.
    /// </summary>
    private static readonly Dictionary<string, string> Published = new(StringComparer.Ordinal)
    {
        ["istanbul-kz-v1"] = "d0daa9d1e8ac3ec903e2c8fc5f3cf7ea2dfe489ebfe1544baa3fde7717edb2b2",
        ["istanbul-kz-v2"] = "f0608af3c80b89776e03931ce72e61080b4e53bfc4958206ec82f6f29d29aa65",
    };

    [Fact]
    public void A_published_form_version_is_never_edited_again()
    {
        var assembly = typeof(ExaminationForms).Assembly;
        var shipped = assembly.GetManifestResourceNames().Where(n => n.Contains(".Rules.Forms.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Published.Count, shipped.Count);
        foreach (var (id, expected) in Published)
        {
            using var stream = assembly.GetManifestResourceStream($"Aigaq.Rules.Forms.{id}.json")!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            var text = Encoding.UTF8.GetString(bytes.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
            var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            Assert.True(expected == actual, $"The published form {id} was edited. Examinations were recorded on it as it was: restore it, "
                + "and put the change in a new version (a new file, id and effectiveFrom), then add its hash here.");
        }
    }

    [Theory]
    [InlineData("kk", "Қадағалау", "Жолдама берілді", "Кіндік", "Суретке түсіруге келісім")]
    [InlineData("ru", "Наблюдение", "Направление выдано", "Пупок", "Согласие на снимки")]
    [InlineData("en", "Follow-up", "Referral given", "Navel", "Consent to pictures")]
    public void A_form_file_names_what_it_adds_and_the_report_prints_its_new_section(string culture, string section, string field, string region, string item)
    {
        var form = Form(Labels);
        Assert.Empty(form.Problems());
        Assert.Contains("label navel must be given in kk, ru and en", Form(Labels.Replace("\"ru\": \"Пупок\", ", "", StringComparison.Ordinal)).Problems());

        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            Assert.Equal(section, ExaminationFormLabels.Section(t, form, "followUp"));
            Assert.Equal(field, ExaminationFormLabels.Field(t, form, "referralGiven"));
            Assert.Equal(region, ExaminationFormLabels.BodyRegion(t, form, "navel"));
            Assert.Equal(item, ExaminationFormLabels.ConsentItem(t, form, "pictures"));
            // SharedResource's entry wins over the form's own label.
            Assert.Equal(t["BodyRegion.chest"].Value, ExaminationFormLabels.BodyRegion(t, form, "chest"));
            Assert.Equal("unlabelled", ExaminationFormLabels.Field(t, form, "unlabelled"));

            var model = new ExaminationReportModel(
                "EX-2026-000099", "A. B.", AigaqHost.Start, "investigator", null, null, null, AigaqHost.Start, "", new ReportExaminer("", "", "", true),
                new ReportSession([], false, null, null, null), [new ReportConsent("pictures", true)], null, null,
                [new ReportFinding(1, "front", "navel", 0.5, 0.5, "Bruise", null, "consistent", "Fits.")], [], null, null, null, null, false, [], null)
            {
                Form = form,
                Sections =
                [
                    new ReportSection("allegations", ExaminationFormLabels.Section(t, form, "allegations"), [new ReportField("summary", ExaminationFormLabels.Field(t, form, "summary"), "Struck")]),
                    new ReportSection("followUp", section, [new ReportField("referralGiven", field, t["Yes"])]),
                ],
            };
            using var scope = fixture.Host.Services.CreateScope();
            var text = ReportPdfTests.Read(scope.ServiceProvider.GetRequiredService<RenderExaminationReport>().Render(model, culture));
            Assert.Contains(ReportPdfTests.Squeeze(t["Allegations"] + t["FormSection.allegations"] + t["FormField.summary"] + "Struck"), text, StringComparison.Ordinal);
            Assert.Contains(ReportPdfTests.Squeeze(section + field + t["Yes"]), text, StringComparison.Ordinal);
            Assert.Contains(ReportPdfTests.Squeeze(region), text, StringComparison.Ordinal);
            Assert.Contains(ReportPdfTests.Squeeze(item + t["Given"]), text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    private const string Labels = """
        {
          "followUp": { "kk": "Қадағалау", "ru": "Наблюдение", "en": "Follow-up" },
          "referralGiven": { "kk": "Жолдама берілді", "ru": "Направление выдано", "en": "Referral given" },
          "navel": { "kk": "Кіндік", "ru": "Пупок", "en": "Navel" },
          "pictures": { "kk": "Суретке түсіруге келісім", "ru": "Согласие на снимки", "en": "Consent to pictures" },
          "chest": { "kk": "x", "ru": "x", "en": "x" }
        }
        """;

    /// <summary>A version as a file from the forms folder would hold it: a new section, field, consent item and region, with its own labels.</summary>
    private static ExaminationForm Form(string labels)
    {
        var json = $$"""
            {
              "id": "istanbul-kz-test", "title": "Test", "effectiveFrom": "2030-01-01T00:00:00+05:00",
              "sections": [
                { "id": "allegations", "heading": "Allegations", "fields": [ { "id": "summary", "type": "longText" } ] },
                { "id": "followUp", "heading": "Follow-up", "fields": [ { "id": "referralGiven", "type": "bool" } ] }
              ],
              "consent": [ { "id": "examination", "kind": "consent" }, { "id": "pictures", "kind": "consent", "optional": true } ],
              "consistency": [ "notConsistent", "consistent" ],
              "absenceStatementBelow": "consistent",
              "bodyRegions": { "front": [ "chest", "navel" ] },
              "labels": {{labels}}
            }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ExaminationForms.Parse(stream, "istanbul-kz-test.json");
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}
