using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The public receipt check, reached from the public lookup: a real receipt fetched from the app is valid, with its
/// index, the witness bound and the witness's cosignature it carries; the same receipt with one hash changed, or
/// with the witness's cosignature changed, is not, and the page says why.
/// </summary>
public sealed class ReceiptTests(WitnessedHost app) : IClassFixture<WitnessedHost>
{
    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_defender_pastes_a_receipt_and_learns_whether_it_is_valid_and_what_it_proves(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-receipt-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Сәрсенов", "Ерлан", new DateOnly(1991, 6, 2), rightsExplained: true);
        await app.IntegrateAndWitnessAsync();
        long index;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            index = await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<LedgerEntry>()
                .Where(e => e.Kind == DetentionLedger.Registered && e.RecordId == detention.Id).Select(e => e.Index).SingleAsync();
        }

        string receipt;
        using (var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            receipt = await http.GetStringAsync($"/api/v1/log/receipts/{index}");
        }

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lookup");
        await page.ClickAsync("#receipt-check-link");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of(culture, "receiptCheck"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);

        // Nothing pasted: the field says it is required.
        await page.ClickAsync("#receipt-form button[type=submit]");
        await Expect(page.Locator("#receipt-text-error")).ToContainTextAsync(Text.Of(culture, "required"));
        await Expect(page.Locator("#receipt-text")).ToHaveAttributeAsync("aria-invalid", "true");

        // The real receipt, found by its label.
        await page.GetByLabel(Text.Of(culture, "receiptLabel")).FillAsync(receipt);
        await page.ClickAsync("#receipt-form button[type=submit]");
        var answer = page.Locator("#receipt-answer");
        await Expect(answer).ToContainTextAsync(Text.Of(culture, "receiptValid"));
        await Expect(page.Locator("#receipt-index")).ToHaveTextAsync(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The record named as people know it: the detention's number and the kind of entry in the reader's language.
        await Expect(page.Locator("#receipt-number")).ToHaveTextAsync(detention.Number);
        await Expect(page.Locator("#receipt-kind")).ToHaveTextAsync(Text.Of(culture, "receiptKind"));
        await Expect(page.Locator("#receipt-witnessed")).ToContainTextAsync("witness.example.kz/ombudsman");
        await Expect(answer).Not.ToContainTextAsync("Сәрсенов");
        await Expect(page.Locator("#receipt-cosignatures li[data-status=Verified]")).ToContainTextAsync("witness.example.kz/ombudsman");
        await Shots.SaveAsync(page, $"receipt-valid-{culture}");

        // One hash of the path changed, sent from the keyboard: not valid, and why.
        var proof = TlogProof.Parse(receipt);
        var path = proof.InclusionProof.Select(h => (byte[])h.Clone()).ToList();
        path[0][0] ^= 1;
        await page.FillAsync("#receipt-text", new TlogProof(proof.Index, path, proof.Checkpoint).Format());
        await page.FocusAsync("#receipt-text");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#receipt-answer")).ToContainTextAsync(Text.Of(culture, "receiptInvalid"));
        await Expect(page.Locator("#receipt-reason")).ToHaveTextAsync(Text.Of(culture, "receiptBadInclusion"));
        await Expect(page.Locator("#receipt-index")).ToHaveCountAsync(0);
        await Shots.SaveAsync(page, $"receipt-invalid-{culture}");

        // One bit of the witness's cosignature changed: not valid, and that witness's line is flagged.
        var sigs = proof.Checkpoint.Signatures.ToList();
        var bytes = sigs[^1].Signature.ToArray();
        bytes[^1] ^= 1;
        sigs[^1] = sigs[^1] with { Signature = bytes };
        await page.FillAsync("#receipt-text", new TlogProof(proof.Index, proof.InclusionProof, new SignedNote(proof.Checkpoint.Text, sigs)).Format());
        await page.ClickAsync("#receipt-form button[type=submit]");
        await Expect(page.Locator("#receipt-reason")).ToHaveTextAsync(Text.Of(culture, "receiptBadCosignature"));
        await Expect(page.Locator("#receipt-cosignatures li[data-status=Invalid]")).ToContainTextAsync("witness.example.kz/ombudsman");
    }
}
