using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>Receipts made against a checkpoint a real witness cosigned, and their check (API and page), on both providers.</summary>
public sealed partial class CosignedReceiptTests
{
    private const string Verify = "/api/v1/log/receipts/verify";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receipt_carries_the_witness_cosignature_which_is_checked_named_and_flagged_when_changed(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        var (logKey, witness, app) = await VerifyWitnessTests.WitnessedAppAsync(store);
        await using var w = witness;
        await using var a = app;
        using var officer = await app.OfficerAsync();
        using var http = app.CreateClient();

        var id = await app.RegisterDetentionAsync(officer, 1);
        var index = await app.LogIndexAsync("detention.registered", id);
        var size1 = await app.IntegrateAllAsync();

        // Not yet witnessed: the receipt carries the log's signature alone.
        Assert.Single(TlogProof.Parse(await http.GetStringAsync($"/api/v1/log/receipts/{index}")).Checkpoint.Signatures);

        Assert.Equal(1, await app.DispatchOnceAsync());
        await app.RegisterDetentionAsync(officer, 2);
        var size2 = await app.IntegrateAllAsync();
        Assert.Equal(1, await app.DispatchOnceAsync());
        Assert.True(size2 > size1);

        // Now it is made against the earliest cosigned checkpoint holding the entry, with the witness's line,
        // and it verifies by the specifications alone: the log key, the witness key, the entry.
        var receipt = await http.GetStringAsync($"/api/v1/log/receipts/{index}");
        var proof = TlogProof.Parse(receipt);
        var leaf = MerkleHash.Leaf(Encoding.UTF8.GetBytes(await app.WithDbAsync(db =>
            db.Set<LedgerEntry>().Where(e => e.Index == index).Select(e => e.Entry).SingleAsync())));
        Assert.Equal(size1, proof.Verify(leaf, logKey, [witness.Key], witnessQuorum: 1).Size);
        Assert.Equal([logKey.Name, witness.Key.Name], proof.Checkpoint.Signatures.Select(s => s.Name));

        // The latest checkpoint, log signature only, on request; anything but true or false is refused by name.
        var plain = TlogProof.Parse(await http.GetStringAsync($"/api/v1/log/receipts/{index}?cosigned=false"));
        Assert.Equal(size2, Checkpoint.Verify(plain.Checkpoint, logKey).Size);
        Assert.Single(plain.Checkpoint.Signatures);
        using (var bad = await http.GetAsync($"/api/v1/log/receipts/{index}?cosigned=maybe"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cosigned", out _));
        }

        // The check names the witness and the time it put in its cosignature: the receipt's own bound.
        var signedAt = await app.WithDbAsync(db => db.Set<LedgerCosignature>().Where(c => c.Size == size1).Select(c => c.SignedAt).SingleAsync());
        var answer = await PostAsync(http, receipt);
        Assert.True(answer.GetProperty("valid").GetBoolean(), answer.ToString());
        var cosigned = answer.GetProperty("cosigned");
        Assert.Equal(size1, cosigned.GetProperty("size").GetInt64());
        Assert.Equal(signedAt, cosigned.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(witness.Key.Name, Assert.Single(cosigned.GetProperty("witnesses").EnumerateArray()).GetString());
        var line = Assert.Single(answer.GetProperty("cosignatures").EnumerateArray());
        Assert.Equal((witness.Key.Name, $"{witness.Key.KeyId:x8}", "verified"), (line.GetProperty("witness").GetString(), line.GetProperty("keyId").GetString(), line.GetProperty("status").GetString()));
        Assert.Equal(size1, answer.GetProperty("witnessed").GetProperty("size").GetInt64());

        // A receipt with no cosignature says so by leaving both out.
        var plainAnswer = await PostAsync(http, plain.Format());
        Assert.True(plainAnswer.GetProperty("valid").GetBoolean());
        Assert.False(plainAnswer.TryGetProperty("cosigned", out _));
        Assert.False(plainAnswer.TryGetProperty("cosignatures", out _));

        // One bit of the witness's line changed: not valid, and that line is flagged by the witness's name.
        var tampered = Tampered(proof);
        var flagged = await PostAsync(http, tampered);
        Assert.False(flagged.GetProperty("valid").GetBoolean());
        Assert.Equal("badCosignature", flagged.GetProperty("reason").GetString());
        var flaggedLine = Assert.Single(flagged.GetProperty("cosignatures").EnumerateArray());
        Assert.Equal((witness.Key.Name, "invalid"), (flaggedLine.GetProperty("witness").GetString(), flaggedLine.GetProperty("status").GetString()));
        Assert.False(flagged.TryGetProperty("entry", out _));

        // A line from a witness key this log does not know is listed as such and proves nothing here.
        using var stranger = NoteSigner.Generate("witness.example/stranger", NoteKeyType.Cosignature);
        var extra = new TlogProof(proof.Index, proof.InclusionProof, proof.Checkpoint.AddSignatures(stranger)).Format();
        var withStranger = await PostAsync(http, extra);
        Assert.True(withStranger.GetProperty("valid").GetBoolean());
        Assert.Equal(
            ["verified", "unknownKey"],
            withStranger.GetProperty("cosignatures").EnumerateArray().Select(c => c.GetProperty("status").GetString()));
        Assert.Equal(witness.Key.Name, Assert.Single(withStranger.GetProperty("cosigned").GetProperty("witnesses").EnumerateArray()).GetString());

        // The page says the same in the three languages.
        foreach (var (culture, cosignedText, flaggedText) in new[]
        {
            ("kk", "растады", "Түбіртектегі куәгер қолтаңбасы сол куәгердің кілтіне сәйкес келмейді"),
            ("ru", "заверено", "Подпись свидетеля в квитанции не соответствует ключу этого свидетеля"),
            ("en", "cosigned at", "A witness's cosignature in the receipt does not match that witness's key"),
        })
        {
            var valid = await PageAsync(app, culture, receipt);
            Assert.Contains($"data-witness=\"{witness.Key.Name}\" data-status=\"Verified\"", valid, StringComparison.Ordinal);
            Assert.Contains($"{witness.Key.Name}: {(culture == "kk" ? "" : cosignedText)}", valid, StringComparison.Ordinal);
            Assert.Contains(cosignedText, valid, StringComparison.Ordinal);

            var invalid = await PageAsync(app, culture, tampered);
            Assert.Contains("data-reason=\"BadCosignature\"", invalid, StringComparison.Ordinal);
            Assert.Contains(flaggedText, invalid, StringComparison.Ordinal);
            Assert.Contains($"data-witness=\"{witness.Key.Name}\" data-status=\"Invalid\"", invalid, StringComparison.Ordinal);
        }
    }

    /// <summary>The proof with one bit flipped in the signature of its last (witness) line.</summary>
    internal static string Tampered(TlogProof proof)
    {
        var sigs = proof.Checkpoint.Signatures.ToList();
        var bytes = sigs[^1].Signature.ToArray();
        bytes[^1] ^= 1;
        sigs[^1] = sigs[^1] with { Signature = bytes };
        return new TlogProof(proof.Index, proof.InclusionProof, new SignedNote(proof.Checkpoint.Text, sigs)).Format();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string receipt)
    {
        using var res = await http.PostAsJsonAsync(Verify, new { receipt });
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The receipt-check page: the form (with its antiforgery token), then the answer, decoded.</summary>
    private static async Task<string> PageAsync(LogNode app, string culture, string receipt)
    {
        using var browser = app.CreateClient();
        var form = await browser.GetStringAsync($"/log/receipt?culture={culture}");
        var token = Token().Match(form).Groups[1].Value;
        using var res = await browser.PostAsync($"/log/receipt/check?culture={culture}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Receipt"] = receipt,
        }));
        var html = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, html);
        return WebUtility.HtmlDecode(html);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
