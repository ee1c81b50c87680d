using Microsoft.Playwright;

namespace Aigaq.BrowserTests;

/// <summary>Saves full-page screenshots when AIGAQ_SCREENSHOTS names a folder, for a person to look at.</summary>
public static class Shots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("AIGAQ_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
