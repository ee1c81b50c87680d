using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Aigaq.BrowserTests;

/// <summary>
/// Runs axe-core on a page as it is. Every browser test's accessibility check goes through here.
/// </summary>
/// <remarks>
/// The library's default <c>RunAxe</c> finishes each run in a new page of its own (a new browser context), so that the
/// results of cross-origin frames are combined where no page script can reach them. Aigaq's pages have no frames, and
/// that extra context made each check about 2.7 times as long (measured side by side on the statistics page, the same
/// violations found): the accessibility walks were half the browser suite's CPU. The library's single-page mode runs
/// the same axe-core with the same options in the page itself; it is marked obsolete, so a version that removes it
/// fails the build here, in one place.
/// </remarks>
internal static class AxeCheck
{
    public static async Task<AxeResult> RunAsync(IPage page, AxeRunOptions options)
    {
        Assert.True(page.Frames.Count == 1, $"{page.Url} has frames: the single-page check would not see into them.");
#pragma warning disable CS0618 // see the remarks above
        return await page.RunAxeLegacy(options: options);
#pragma warning restore CS0618
    }
}
