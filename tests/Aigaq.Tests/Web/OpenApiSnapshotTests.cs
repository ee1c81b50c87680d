using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aigaq.Tests.Web;

/// <summary>
/// The OpenAPI document checked in at <c>docs/openapi/v1.json</c>, from which the client of
/// <c>tests/Aigaq.ClientTests</c> is generated, is the one the application serves. When they differ, run
/// <c>./openapi.sh</c> (this test with <see cref="RefreshVariable"/>=1, which rewrites the file) and commit the file.
/// </summary>
public sealed class OpenApiSnapshotTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    public const string RefreshVariable = "AIGAQ_OPENAPI_REFRESH";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task The_checked_in_document_is_the_served_one()
    {
        using var http = fixture.Host.Anonymous();
        var served = AsCheckedIn(await http.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var checkedIn = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        var line = FirstDifferentLine(checkedIn, served);
        Assert.True(line is null,
            $"docs/openapi/v1.json is not the served document (first difference at line {line}); run ./openapi.sh and commit the file");
    }

    /// <summary>The document without <c>servers</c>, which name the host that served it, indented, with a final newline.</summary>
    private static string AsCheckedIn(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static int? FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aigaq.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of Aigaq.slnx) is not above " + AppContext.BaseDirectory);
    }
}
