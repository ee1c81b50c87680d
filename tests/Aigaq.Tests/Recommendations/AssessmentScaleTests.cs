using System.Globalization;
using System.Text.Json.Nodes;
using Aigaq.Recommendations;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// The assessment scales as data (issue 18, item 4; ADR 0031): the coalition's 1-3 with "n/a" and a reason, the Committee
/// against Torture's follow-up words and the Human Rights Committee's A-E are shipped; a grade is checked against its
/// scale naming the field; a later version (a coalition's own labels) is a file of the folder; a broken document is
/// refused with a one-line reason before any assessment uses it.
/// </summary>
public sealed class AssessmentScaleTests(SqliteHost fixture) : IClassFixture<SqliteHost>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.FromHours(5));
    private readonly string _dir = Directory.CreateTempSubdirectory("aigaq-scales-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonObject Shipped()
    {
        using var stream = typeof(AssessmentScales).Assembly.GetManifestResourceStream("Aigaq.Rules.Scales.assessment-scales-v1.json")!;
        return JsonNode.Parse(stream, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
    }

    [Fact]
    public void A_grade_is_taken_on_its_scale_and_a_wrong_one_is_refused_naming_its_field()
    {
        var scales = fixture.Host.Services.GetRequiredService<AssessmentScales>();
        var set = Assert.Single(scales.All);
        Assert.Equal(["coalition", "catFollowUp", "hrcGrades"], set.Scales.Select(s => s.Id));
        Assert.Equal(["1", "2", "3", "na"], set.Scale("coalition")!.Grades.Select(g => g.Id));
        Assert.Equal(["A", "B", "C", "D", "E"], set.Scale("hrcGrades")!.Grades.Select(g => g.Id));

        var ok = new Validation();
        var b = scales.Validate(ok, "hrcGrades", "B", null, Now);
        var na = scales.Validate(ok, "coalition", "na", "The paragraph concerns a law not yet drafted.", Now);
        Assert.True(ok.IsValid);
        Assert.Equal(("assessment-scales-kz", 1, "B", 2), (b!.ScalesId, b.Version, b.Grade.Id, b.Grade.Rank));
        Assert.Equal("na", na!.Grade.Id);
        // A grade is compared with another actor's on the same scale by rank; the coalition's steps are not ranked yet.
        Assert.True(set.Scale("catFollowUp")!.Grade("implemented")!.Rank > set.Scale("catFollowUp")!.Grade("initialSteps")!.Rank);
        Assert.All(set.Scale("coalition")!.Grades, g => Assert.Null(g.Rank));

        (string? Scale, string? Grade, string? Rationale, string Field)[] bad =
        [
            ("nps", "1", null, "scale"),
            (null, "1", null, "scale"),
            ("hrcGrades", "F", null, "grade"),
            ("hrcGrades", "b", null, "grade"),
            ("coalition", "4", null, "grade"),
            ("catFollowUp", null, null, "grade"),
            ("coalition", "na", null, "rationale"),
            ("coalition", "na", "  ", "rationale"),
        ];
        foreach (var (scale, grade, rationale, field) in bad)
        {
            var v = new Validation();
            Assert.Null(scales.Validate(v, scale, grade, rationale, Now));
            Assert.Equal([field], v.Errors.Keys);
        }

        var named = new Validation();
        scales.Validate(named, "hrcGrades", "Z", null, Now, gradeField: "assessments[2].grade");
        Assert.True(named.Has("assessments[2].grade"));
    }

    [Fact]
    public void A_later_version_from_the_folder_carries_the_coalitions_own_labels_and_the_first_stays_for_earlier_grades()
    {
        var v2 = Shipped();
        v2["version"] = 2;
        v2["validFrom"] = "2026-06-01T00:00:00+05:00";
        var coalition = v2["scales"]!.AsArray().Single(s => (string?)s!["id"] == "coalition")!;
        coalition["provisional"] = false;
        coalition["grades"]![0]!["labels"] = new JsonObject { ["en"] = "Not implemented", ["kk"] = "Орындалмады", ["ru"] = "Не выполнена" };
        coalition["grades"]![0]!["rank"] = 0;
        File.WriteAllText(Path.Combine(_dir, "assessment-scales-v2.json"), v2.ToJsonString());

        var scales = AssessmentScales.Load(_dir);
        Assert.Equal([1, 2], scales.All.Select(s => s.Version));
        Assert.Equal(1, scales.At(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Version);
        var now = scales.At(Now);
        Assert.Equal(2, now.Version);
        Assert.NotNull(scales.Version("assessment-scales-kz", 1));

        var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
            var scale = now.Scale("coalition")!;
            Assert.Equal("Не выполнена", AssessmentScales.Label(t, scale, scale.Grade("1")));
            Assert.Equal("2", AssessmentScales.Label(t, scale, scale.Grade("2")));
            Assert.Equal("Не применимо", AssessmentScales.Label(t, scale, scale.Grade("na")));
            Assert.Equal("Коалиция НПО (1-3)", AssessmentScales.Label(t, scale));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public static TheoryData<string, string> Broken() => new()
    {
        { """{"scales":[{"id":"coalition","source":"x","grades":[{"id":"1"},{"id":"2"}]},{"id":"coalition","source":"y","grades":[{"id":"1"},{"id":"2"}]}]}""", "scale coalition is given twice" },
        { """{"scales":[{"id":"s","source":"x","grades":[{"id":"1"},{"id":"1"}]}]}""", "scale s gives grade 1 twice" },
        { """{"scales":[{"id":"s","source":"x","grades":[{"id":"1"}]}]}""", "scale s has fewer than two grades" },
        { """{"scales":[{"id":"s t","source":"x","grades":[{"id":"1"},{"id":"2"}]}]}""", "scale id 's t' must be letters" },
        { """{"scales":[{"id":"s","source":"x","grades":[{"id":"n/a"},{"id":"2"}]}]}""", "grade id 'n/a' that is not letters" },
        { """{"scales":[{"id":"s","source":"x","grades":[{"id":"1","rank":1},{"id":"2","rank":1}]}]}""", "scale s gives rank 1 to more than one grade" },
        { """{"scales":[]}""", "no scale is given" },
        { """{"scales":[{"id":"s","source":"x","grades":[{"id":"1","colour":"red"},{"id":"2"}]}]}""", "colour" },
        { """{"scales":[{"id":"s","grades":[{"id":"1"},{"id":"2"}]}]}""", "source" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_document_is_refused_with_a_one_line_reason(string scales, string reason)
    {
        var document = JsonNode.Parse(scales)!.AsObject();
        document["id"] = "assessment-scales-kz";
        document["version"] = 9;
        document["validFrom"] = "2027-01-01T00:00:00+05:00";
        File.WriteAllText(Path.Combine(_dir, "broken.json"), document.ToJsonString());

        var e = Assert.Throws<InvalidOperationException>(() => AssessmentScales.Load(_dir));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void Every_scale_and_grade_shipped_has_a_label(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var keys = AssessmentScales.Load(null).All.SelectMany(s => s.Scales)
                .SelectMany(s => s.Grades.Select(g => $"Scale.{s.Id}.{g.Id}").Prepend($"Scale.{s.Id}"))
                .Append("Scale.Provisional")
                .ToList();
            Assert.Equal([], keys.Where(k => t[k].ResourceNotFound).ToArray());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
