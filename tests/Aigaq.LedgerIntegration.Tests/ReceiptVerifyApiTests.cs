using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>POST /api/v1/log/receipts/verify through the real pipeline, with a real witness on a real port.</summary>
public sealed class ReceiptVerifyApiTests
{
    private const string Verify = "/api/v1/log/receipts/verify";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Receipts_are_verified_anonymously_with_the_reason_and_the_witnessed_bound(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var witness = await WitnessServer.ForLogOfAsync(store);
        await using var app = new LogNode(store, extra: new(witness.Settings())
        {
            ["Aigaq:PublicLookup:PermitPerMinute"] = "1000",
        });
        using var officer = await app.OfficerAsync();
        using var http = app.CreateClient();
        var id = await app.RegisterDetentionAsync(officer, 1);
        var index = await app.LogIndexAsync("detention.registered", id);
        var size = await app.IntegrateAllAsync();
        var receipt = await http.GetStringAsync($"/api/v1/log/receipts/{index}");

        // Valid, not yet witnessed: as JSON and as text/plain, with no sign-in.
        var answer = await PostJsonAsync(http, new { receipt });
        Assert.True(answer.GetProperty("valid").GetBoolean());
        Assert.False(answer.TryGetProperty("reason", out _));
        Assert.False(answer.TryGetProperty("witnessed", out _));
        var entry = answer.GetProperty("entry");
        Assert.Equal(index, entry.GetProperty("index").GetInt64());
        Assert.Equal("detention.registered", entry.GetProperty("kind").GetString());
        Assert.Equal(id, entry.GetProperty("recordId").GetGuid());
        Assert.EndsWith("Z", entry.GetProperty("recordedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(44, entry.GetProperty("commitment").GetString()!.Length);
        Assert.Equal(size, answer.GetProperty("checkpoint").GetProperty("size").GetInt64());
        Assert.True((await PostTextAsync(http, receipt)).GetProperty("valid").GetBoolean());

        // Once a configured witness cosigned a checkpoint holding the entry, the bound is reported.
        Assert.Equal(1, await app.DispatchOnceAsync());

        var witnessed = (await PostJsonAsync(http, new { receipt })).GetProperty("witnessed");
        Assert.Equal(size, witnessed.GetProperty("size").GetInt64());
        Assert.Equal(witness.Key.Name, Assert.Single(witnessed.GetProperty("witnesses").EnumerateArray()).GetString());
        Assert.True(witnessed.TryGetProperty("at", out _));

        // Damaged receipts are answered 200 with the reason.
        var proof = TlogProof.Parse(receipt);
        var path = proof.InclusionProof.Select(h => (byte[])h.Clone()).ToList();
        path[^1][5] ^= 0x10;
        await AssertReasonAsync(http, new TlogProof(proof.Index, path, proof.Checkpoint).Format(), "badInclusion");
        var sig = proof.Checkpoint.Signatures[0];
        var bytes = sig.Signature.ToArray();
        bytes[10] ^= 1;
        await AssertReasonAsync(http, new TlogProof(proof.Index, proof.InclusionProof, new SignedNote(proof.Checkpoint.Text, [sig with { Signature = bytes }])).Format(), "badSignature");
        using (var other = NoteSigner.Generate("aigaq.local/log"))
        {
            await AssertReasonAsync(http, new TlogProof(proof.Index, proof.InclusionProof, Checkpoint.Parse(proof.Checkpoint.Text).Sign(other)).Format(), "badSignature");
        }

        await AssertReasonAsync(http, "this is not a receipt", "malformed");
        await AssertReasonAsync(http, new TlogProof(size + 100, proof.InclusionProof, proof.Checkpoint).Format(), "unknownEntry");

        // Missing, oversized, unreadable: 4xx problem+json naming the receipt.
        await AssertProblemAsync(await http.PostAsJsonAsync(Verify, new { receipt = "" }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.PostAsJsonAsync(Verify, new { other = receipt }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.PostAsync(Verify, new StringContent("{not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.PostAsJsonAsync(Verify, new { receipt = receipt + new string('x', ReceiptCheck.MaxBytes) }), HttpStatusCode.BadRequest);
        using (var xml = await http.PostAsync(Verify, new StringContent(receipt, Encoding.UTF8, "application/xml")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
            Assert.Equal("application/problem+json", xml.Content.Headers.ContentType?.MediaType);
        }

        using var huge = await http.PostAsync(Verify, new StringContent(new string('x', (int)LedgerEndpoints.MaxVerifyBodyBytes + 1), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);

        // It is in the OpenAPI document.
        var openApi = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").GetProperty(Verify).TryGetProperty("post", out _));
    }

    [Fact]
    public async Task Receipt_checks_share_the_public_lookup_rate_limit()
    {
        await using var store = await TestDatabase.CreateAsync(postgres: false);
        await using var app = new LogNode(store, extra: new() { ["Aigaq:PublicLookup:PermitPerMinute"] = "2" });
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(Verify, Text("garbage"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/public/custody?lastName=A&firstName=B&birthDate=1990-01-01")).StatusCode);
        using var limited = await http.PostAsync(Verify, Text("garbage"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    private static async Task<JsonElement> PostJsonAsync(HttpClient http, object body)
    {
        using var res = await http.PostAsJsonAsync(Verify, body);
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> PostTextAsync(HttpClient http, string receipt)
    {
        using var res = await http.PostAsync(Verify, Text(receipt));
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertReasonAsync(HttpClient http, string receipt, string reason)
    {
        foreach (var answer in new[] { await PostJsonAsync(http, new { receipt }), await PostTextAsync(http, receipt) })
        {
            Assert.False(answer.GetProperty("valid").GetBoolean());
            Assert.Equal(reason, answer.GetProperty("reason").GetString());
            Assert.False(answer.TryGetProperty("entry", out _));
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage res, HttpStatusCode status)
    {
        using (res)
        {
            var body = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == status, body);
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("receipt", out _), body);
        }
    }
}
