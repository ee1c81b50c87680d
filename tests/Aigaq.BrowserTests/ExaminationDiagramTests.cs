using System.Globalization;
using Deque.AxeCore.Commons;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The body diagram of an examination (issue 16, item 5) on a phone: a finger on the chest fills the finding's view,
/// region and place (fractions of the view's drawing) and draws the marker; a region is reached with Tab and chosen
/// with Enter; every region has its name in the page's language, and axe finds no serious fault. Hosted by the development-only preview page.
/// </summary>
public sealed class ExaminationDiagramTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_finding_is_placed_by_tapping_the_chest_on_a_phone_and_by_the_keyboard()
    {
        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/examinations/body-diagram");

        var chest = page.Locator("[data-view=front][data-region=chest]");
        await Expect(chest).ToHaveAttributeAsync("aria-label", "Кеуде (Алдыңғы жағы)");
        await Expect(page.Locator(".body-region")).ToHaveCountAsync(23 + 21 + 16 + 16 + 3 + 2);

        // 30% across and 40% down the chest, whose box in the front view's 200 x 410 drawing is x 70-130, y 72-124.
        var box = (await chest.BoundingBoxAsync())!;
        await chest.TapAsync(new() { Position = new() { X = box.Width * 0.3f, Y = box.Height * 0.4f } });

        Assert.Equal("front", await page.InputValueAsync("input[name=view]"));
        Assert.Equal("chest", await page.InputValueAsync("input[name=bodyRegion]"));
        Assert.InRange(Number(await page.InputValueAsync("input[name=x]")), 0.43, 0.45);
        Assert.InRange(Number(await page.InputValueAsync("input[name=y]")), 0.22, 0.235);
        await Expect(page.Locator("svg[data-view=front] circle.body-marker.chosen")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-body-choice]")).ToHaveTextAsync("Белгіленді: Кеуде, Алдыңғы жағы.");

        // The keyboard: Tab goes from region to region, Enter marks the centre of the one in focus.
        var thigh = page.Locator("[data-view=back][data-region=leftThigh]");
        await thigh.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("back", await page.InputValueAsync("input[name=view]"));
        Assert.Equal("leftThigh", await page.InputValueAsync("input[name=bodyRegion]"));
        Assert.InRange(Number(await page.InputValueAsync("input[name=x]")), 0.42, 0.435);
        Assert.InRange(Number(await page.InputValueAsync("input[name=y]")), 0.58, 0.595);
        await Expect(page.Locator("circle.body-marker.chosen")).ToHaveCountAsync(1);
        await Expect(page.Locator("svg[data-view=back] circle.body-marker.chosen")).ToHaveCountAsync(1);
        await Expect(thigh).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(chest).Not.ToHaveAttributeAsync("aria-pressed", "true");

        await page.Keyboard.PressAsync("Tab");
        var next = await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('data-region')");
        Assert.NotNull(next);
        Assert.NotEqual("leftThigh", next);

        // No serious or critical accessibility fault on the diagram, as the other pages are held to.
        var axe = await AxeCheck.RunAsync(page, new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            ResultTypes = [ResultType.Violations],
        });
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id + ": " + string.Join(", ", v.Nodes.Select(n => n.Target))));
    }

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
