using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Aigaq.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The app with a real <c>aigaq witness</c> host on another port and its workers off, so the test integrates
/// the log and sends checkpoints to the witness itself.
/// </summary>
public class WitnessedHost : BrowserApp
{
    private WebApplication _witness = null!;
    private string _witnessUrl = "";

    public NoteVerifier WitnessKey => _witness.Services.GetRequiredService<WitnessStore>().Key.Verifier;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Aigaq:Workers"] = "false",
        ["Aigaq:Ledger:Witnesses:0:Url"] = _witnessUrl,
        ["Aigaq:Ledger:Witnesses:0:Key"] = WitnessKey.VerifierKey,
    };

    protected override async Task BeforeStartAsync()
    {
        using var log = LedgerKeys.LoadOrCreate(Path.Combine(DataDir, "keys", LedgerKeys.FileName), new LedgerOptions().Origin);
        _witness = WitnessHost.Build("witness.example.kz/ombudsman", Path.Combine(DataDir, "witness"), [log.Verifier.VerifierKey], ["--urls", "http://127.0.0.1:0"]);
        await _witness.StartAsync();
        _witnessUrl = _witness.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>Integrates every sequenced entry and asks the witness to cosign the latest checkpoint.</summary>
    public async Task IntegrateAndWitnessAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var keys = Services.GetRequiredService<LedgerKeys>();
        var tree = new IntegratorTree();
        while ((await LedgerIntegrator.IntegrateOnceAsync(db, keys.Signer, "browser", TimeProvider.System, tree)).Integrated > 0)
        {
        }

        using var http = new HttpClient();
        var witnesses = ConfiguredWitness.From(Services.GetRequiredService<IOptions<AigaqOptions>>().Value.Ledger);
        await WitnessDispatcher.DispatchOnceAsync(db, http, witnesses, "browser", TimeProvider.System, NullLogger.Instance);
    }

    public override async Task DisposeAsync()
    {
        var store = _witness.Services.GetRequiredService<WitnessStore>();
        await _witness.StopAsync();
        await _witness.DisposeAsync();
        store.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>The detention page shows the earliest cosigned checkpoint that holds the registration.</summary>
public sealed class WitnessTests(WitnessedHost app) : IClassFixture<WitnessedHost>
{
    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Detention_page_shows_when_a_witness_bound_the_registration(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-witness-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Омаров", "Бауыржан", new DateOnly(1988, 3, 9), rightsExplained: true);
        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);

        await page.GotoAsync($"/detentions/{detention.Id}");
        await Expect(page.Locator("#log-witnessed")).ToContainTextAsync(Text.Of(culture, "notWitnessed"));

        await app.IntegrateAndWitnessAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#log-witnessed")).ToContainTextAsync(Text.Of(culture, "witnessed"));
        await Expect(page.Locator("#log-witnessed")).ToContainTextAsync("witness.example.kz/ombudsman");
        await Shots.SaveAsync(page, $"detention-witnessed-{culture}");

        // The log line leads to a page with the entry's receipt, ready to copy or check (not the bare text of the
        // API), which names the detention by its number.
        await page.ClickAsync("#log-receipt");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of(culture, "receiptCheck"));
        await Expect(page.Locator("#receipt-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^c2sp.org/tlog-proof@v1"));
        await page.ClickAsync("#receipt-form button[type=submit]");
        await Expect(page.Locator("#receipt-answer")).ToContainTextAsync(Text.Of(culture, "receiptValid"));
        await Expect(page.Locator("#receipt-number")).ToHaveTextAsync(detention.Number);
    }
}
