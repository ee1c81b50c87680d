using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Cli;

/// <summary>
/// <c>aigaq recommendations import</c> against a real database, run as an operator runs it: a CSV with broken rows is
/// refused whole, one line per bad row naming the row, the field and the reason; a JSON list is registered all at once,
/// each recommendation with its log entry; the same file again duplicates stored paragraphs and imports nothing.
/// </summary>
public abstract class RecommendationsImportCommandTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private Task<CliRun> ImportAsync(string file, string by) =>
        AigaqProcess.RunAsync(["recommendations", "import", file, "--by", by, .. AigaqProcess.On(Host.Database)]);

    [Fact]
    public async Task A_broken_file_imports_nothing_and_names_each_bad_row_and_a_good_one_imports_all()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = "CCPR/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("aigaq-import-").FullName;
        var csv = Path.Combine(folder, "recommendations.csv");
        await File.WriteAllTextAsync(csv, string.Join("\r\n",
            "mechanism,document,paragraph,subParagraph,summary,adoptedAt,followUp,themes,addressees",
            $"HRC,{document},10,,\"Ensure prompt access to a lawyer, from the outset\",2016-08-09,true,custody-safeguards;lawyers,Генеральная прокуратура",
            $"XYZ,{document},11,,Summary,2016-08-09,false,,",
            $"HRC,{document},10,,Another summary,2016-08-09,false,,",
            $"HRC,{document},x,,Summary,2016-08-09,false,,",
            $"HRC,{document},12,a,Summary,2099-01-01,false,,") + "\r\n");

        var run = await ImportAsync(csv, analyst.User.Email!);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(
            ["row 3: mechanism", "row 4: paragraph", "row 5: paragraph", "row 6: adoptedAt"],
            run.ErrorLines.Where(l => l.StartsWith("row ", StringComparison.Ordinal)).Select(l => string.Join(':', l.Split(':').Take(2))));
        Assert.Contains(run.ErrorLines, l => l.Contains("also row 2", StringComparison.Ordinal));
        Assert.False(await Host.WithDbAsync(db => db.Set<Recommendation>().AnyAsync(r => r.Document == document)));

        var json = Path.Combine(folder, "recommendations.json");
        await File.WriteAllTextAsync(json, $$"""
            [
              { "mechanism": "HRC", "document": "{{document}}", "paragraph": 10, "summary": "Ensure prompt access to a lawyer",
                "summaries": { "kk": "Адвокатқа қол жеткізу", "ru": "Обеспечить доступ к адвокату" },
                "adoptedAt": "2016-08-09", "followUp": true, "followUpDueBy": "2018-08-09", "themes": ["lawyers"], "addressees": ["МВД"] },
              { "mechanism": "HRC", "document": "{{document}}", "paragraph": 11, "subParagraph": "b", "summary": "Record all detentions",
                "adoptedAt": "2016-08-09", "followUp": false }
            ]
            """);
        run = await ImportAsync(json, analyst.User.Email!);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("imported 2", run.StandardOutput.Trim());
        var stored = await Host.WithDbAsync(db => db.Set<Recommendation>().AsNoTracking().Where(r => r.Document == document).OrderBy(r => r.Paragraph).ToListAsync());
        Assert.Equal([("import", 10, "", "Обеспечить доступ к адвокату"), ("import", 11, "b", null)], stored.Select(r => (r.Source, r.Paragraph, r.SubParagraph, r.SummaryRu)));
        Assert.All(stored, r => Assert.Equal(analyst.Id, r.RecordedBy));
        var ids = stored.Select(r => r.Id).ToList();
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == RecommendationLedger.Registered && ids.Contains(e.RecordId))));

        // The same file again: each row duplicates a stored paragraph; nothing more is imported.
        run = await ImportAsync(json, analyst.User.Email!);
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(2, run.ErrorLines.Count(l => l.Contains("is already registered", StringComparison.Ordinal)));
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync(r => r.Document == document)));

        // Only a user who may register recommendations imports them.
        var officer = await Host.UserAsync(Roles.Officer);
        run = await ImportAsync(json, officer.User.Email!);
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("--by", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_malformed_json_or_csv_is_refused_whole_with_one_line_each_and_imports_nothing()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = "CCPR/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("aigaq-import-").FullName;
        var good = $$"""{ "mechanism": "HRC", "document": "{{document}}", "paragraph": 10, "summary": "Ensure prompt access to a lawyer", "adoptedAt": "2016-08-09", "followUp": false }""";
        const string Header = "mechanism,document,paragraph,summary,adoptedAt,followUp,addressees";
        var row = $"HRC,{document},10,Summary,2016-08-09,false,МВД";

        // Each file holds a good recommendation beside what breaks it; the expected line names where.
        foreach (var (name, text, expected) in new[]
        {
            ("cut.json", $"[ {good}, {{ \"mechanism\": \"HRC\", ", "file: not JSON"),
            ("object.json", good, "file: must be a JSON list of recommendations"),
            ("typed.json", $"[ {good}, {good.Replace("\"paragraph\": 10", "\"paragraph\": \"eleven\"", StringComparison.Ordinal)} ]", "row 2: paragraph: is not valid here"),
            ("entry.json", $"[ {good}, 42 ]", "row 2: body: is not valid here"),
            ("unclosed.csv", $"{Header}\r\n{row}\r\nHRC,{document},11,Summary,2016-08-09,false,\"МВД\r\n", "row 3: row: a quoted field is not closed"),
            ("columns.csv", $"{Header}\r\n{row}\r\nHRC,{document},11,Summary,2016-08-09,false,МВД,КНБ\r\n", "row 3: row: has 8 fields, the header 7"),
            ("header.csv", $"{Header},judge\r\n{row},x\r\n", "row 1: header: judge is not a column"),
        })
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, text);
            var run = await ImportAsync(path, analyst.User.Email!);
            Assert.True(run.ExitCode != 0, name + ": " + run);
            var line = Assert.Single(run.ErrorLines, l => l.StartsWith("row ", StringComparison.Ordinal) || l.StartsWith("file: ", StringComparison.Ordinal));
            Assert.StartsWith(expected, line, StringComparison.Ordinal);
            Assert.False(await Host.WithDbAsync(db => db.Set<Recommendation>().AnyAsync(r => r.Document == document)), name);
        }

        Directory.Delete(folder, recursive: true);
    }
}

public sealed class RecommendationsImportOnSqlite(SqliteHost fixture) : RecommendationsImportCommandTests(fixture), IClassFixture<SqliteHost>;

public sealed class RecommendationsImportOnPostgres(PostgresHost fixture) : RecommendationsImportCommandTests(fixture), IClassFixture<PostgresHost>;
