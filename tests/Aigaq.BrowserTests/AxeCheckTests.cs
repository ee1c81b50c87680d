using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Aigaq.BrowserTests;

/// <summary>
/// The accessibility check that every browser test uses (<see cref="AxeCheck"/>) finds what the library's default
/// mode finds: on a page with known faults, the same rules fail on the same elements in both; a clean page passes.
/// </summary>
public sealed class AxeCheckTests
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    private const string Faulty = """
        <!doctype html><html lang="en"><head><title>Faults</title></head><body><main><h1>Faults</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <button></button>
        <p style="color:#bbb;background:#fff">Pale text on white.</p>
        <label>Name <input id="a"></label><input id="a">
        </main></body></html>
        """;

    private const string Clean = """
        <!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1>
        <p>Dark text on white.</p><button type="button">Send</button></main></body></html>
        """;

    [Fact]
    public async Task The_check_finds_the_same_faults_as_the_librarys_default_mode_and_passes_a_clean_page()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.SetContentAsync(Faulty);
        var ours = Faults(await AxeCheck.RunAsync(page, Options));
        var library = Faults(await page.RunAxe(Options));
        Assert.Contains("image-alt", ours.Keys);
        Assert.Contains("button-name", ours.Keys);
        Assert.Contains("color-contrast", ours.Keys);
        Assert.Equal(library, ours);

        await page.SetContentAsync(Clean);
        Assert.Empty(Faults(await AxeCheck.RunAsync(page, Options)));
    }

    private static SortedDictionary<string, string> Faults(AxeResult result) =>
        new(result.Violations.ToDictionary(v => v.Id, v => string.Join(" | ", v.Nodes.Select(n => n.Target.ToString()).Order(StringComparer.Ordinal))), StringComparer.Ordinal);
}
