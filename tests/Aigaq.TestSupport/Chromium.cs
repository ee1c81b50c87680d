using Microsoft.Playwright;

namespace Aigaq.TestSupport;

/// <summary>One headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>
    /// Chromium features turned off. Chromium reads only the last <c>--disable-features</c> switch, so this repeats the
    /// ones Playwright 1.64 turns off by default, then adds the omnibox's WebUI popups: Debian's Chromium 156 prewarms two
    /// of them (chrome://omnibox-popup.top-chrome) in a renderer of their own for every browser context, a headless test
    /// never shows them, and on the 2-core CI machine they took a quarter of the browser's CPU (measured with 10 contexts
    /// a run: 3.6+1.5 s of CPU against 4.7+2.1 s, and 13.3 s against 18.8 s of wall time).
    /// </summary>
    private static readonly string[] DisabledFeatures =
    [
        "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "DialMediaRouteProvider", "GlobalMediaControls",
        "HttpsUpgrades", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
        "BlockOriginHeaderModificationOnRedirect", "AvoidCorsURLLoaderRestartOnRedirect", "Translate", "AutoDeElevate",
        "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled",
        "WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup",
    ];

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-features=" + string.Join(',', DisabledFeatures)],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A browser context on <paramref name="baseUrl"/> in a language (the culture cookie, as the switcher sets it), phone-sized if asked.</summary>
    public async Task<IBrowserContext> ContextAsync(string baseUrl, string culture, bool phone = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-US",
        });
        // A loaded 2-core CI machine can take longer than Playwright's 30 s default for a sign-in.
        context.SetDefaultTimeout(90_000);
        // Likewise an assertion's retries: 5 s by default, which a page rendered after a POST has overrun there.
        Assertions.SetDefaultExpectTimeout(30_000);
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = baseUrl }]);
        return context;
    }

    /// <summary>
    /// What the page's content security policy refuses from now on (an inline script or style, a foreign source), as the
    /// browser reports it on its console; a test asserts it stays empty.
    /// </summary>
    public static IReadOnlyCollection<string> PolicyRefusals(IPage page)
    {
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (refused)
                {
                    refused.Add(message.Text);
                }
            }
        };
        return refused;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
