using System.Globalization;
using System.Text;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Ledger;
using Aigaq.Web;
using Microsoft.Net.Http.Headers;

namespace Aigaq.TransparencyLog;

/// <summary>A proof's hashes, as the proof endpoints answer.</summary>
public sealed record ProofView(IReadOnlyList<string> Hashes);

/// <summary>The body of a receipt check as JSON; the receipt may also be sent alone as text/plain.</summary>
public sealed record ReceiptVerifyRequest(string Receipt);

/// <summary>Serves the public log (CONTRACT.md, "Ledger"): checkpoint, tiles, key, proofs, receipts. All anonymous.</summary>
internal static class LedgerEndpoints
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Short = "public, max-age=1";
    private const string Text = "text/plain; charset=utf-8";
    private const string Binary = "application/octet-stream";

    /// <summary>Room for a receipt at its limit even when every character is JSON-escaped.</summary>
    public const long MaxVerifyBodyBytes = ReceiptCheck.MaxBytes * 6L + 1024;

    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<LedgerKeys>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AigaqOptions>, LedgerKeyFileCheck>();
        services.AddSingleton<LedgerBackPressure>();
        services.AddScoped<ReceiptCheck>();
        services.AddHostedService<LedgerIntegrator>();
        services.AddHostedService<WitnessDispatcher>();
        return services;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        app.Use(LedgerBackPressure.Filter);

        var log = app.MapGroup("/log").AllowAnonymous().WithTags("Log");
        log.MapGet("/checkpoint", CheckpointAsync).WithName("LogCheckpoint");
        log.MapGet("/tile/{**path}", TileAsync).WithName("LogTile");

        var api = app.MapGroup("/api/v1/log").AllowAnonymous().WithTags("Log");
        api.MapGet("/key", (LedgerKeys keys) => Results.Text(keys.Verifier.VerifierKey + "\n", Text)).WithName("LogKey");
        api.MapGet("/proof/inclusion", InclusionAsync).Produces<ProofView>().ProducesValidationProblem().WithName("LogInclusionProof");
        api.MapGet("/proof/consistency", ConsistencyAsync).Produces<ProofView>().ProducesValidationProblem().WithName("LogConsistencyProof");
        api.MapGet("/receipts/{index}", ReceiptAsync).WithName("LogReceipt");
        api.MapGet("/checkpoints/cosigned", CosignedAsync).WithName("LogCosignedCheckpoint");
        api.MapPost("/receipts/verify", VerifyReceiptAsync)
            .RequireRateLimiting(PublicCustodyLookup.RateLimitPolicy)
            .WithMetadata(new BodyLimit(MaxVerifyBodyBytes))
            .Accepts<ReceiptVerifyRequest>("application/json", "text/plain")
            .Produces<ReceiptCheckResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("VerifyLogReceipt");
        return app;
    }

    private static async Task<IResult> CheckpointAsync(HttpContext http, AigaqDb db, CancellationToken ct)
    {
        var latest = await LedgerStore.LatestAsync(db, ct);
        if (latest is null)
        {
            return ProblemTypes.NotFoundProblem("A checkpoint");
        }

        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(latest.Note, Text);
    }

    /// <summary>The latest checkpoint any witness cosigned, with every cosignature held for it (ADR 0102).</summary>
    private static async Task<IResult> CosignedAsync(HttpContext http, AigaqDb db, CancellationToken ct)
    {
        var note = await LedgerStore.LatestCosignedAsync(db, ct);
        if (note is null)
        {
            return ProblemTypes.NotFoundProblem("A cosigned checkpoint");
        }

        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(note, Text);
    }

    private static async Task<IResult> TileAsync(string path, HttpContext http, AigaqDb db, CancellationToken ct)
    {
        if (!Tile.TryParsePath("tile/" + path, out var tile, out var isEntries))
        {
            return ProblemTypes.NotFoundProblem("That tile");
        }

        byte[]? data;
        if (isEntries)
        {
            var latest = await LedgerStore.LatestAsync(db, ct);
            data = latest is null ? null : await LedgerStore.EntryBundleAsync(db, tile, latest.Size, ct);
        }
        else
        {
            data = await LedgerStore.HashTileAsync(db, tile, ct);
        }

        if (data is null)
        {
            return ProblemTypes.NotFoundProblem("That tile");
        }

        http.Response.Headers.CacheControl = tile.IsPartial ? Short : Immutable;
        return Results.Bytes(data, Binary);
    }

    private static async Task<IResult> InclusionAsync(string? index, string? size, AigaqDb db, CancellationToken ct)
    {
        var v = new Validation();
        var latest = await LedgerStore.LatestAsync(db, ct);
        var treeSize = latest?.Size ?? 0;
        var s = Number(v, "size", size, 1, treeSize);
        var i = Number(v, "index", index, 0, long.MaxValue);
        if (v.IsValid && i >= s)
        {
            v.Add("index", "must be less than size");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var proof = MerkleProof.InclusionProof(new TileHashReader(treeSize, LedgerStore.Fetcher(db)), i, s);
        return Results.Ok(new ProofView([.. proof.Select(Convert.ToBase64String)]));
    }

    private static async Task<IResult> ConsistencyAsync(string? from, string? to, AigaqDb db, CancellationToken ct)
    {
        var v = new Validation();
        var latest = await LedgerStore.LatestAsync(db, ct);
        var treeSize = latest?.Size ?? 0;
        var t = Number(v, "to", to, 0, treeSize);
        var f = Number(v, "from", from, 0, long.MaxValue);
        if (v.IsValid && f > t)
        {
            v.Add("from", "must not exceed to");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var proof = MerkleProof.ConsistencyProof(new TileHashReader(treeSize, LedgerStore.Fetcher(db)), f, t);
        return Results.Ok(new ProofView([.. proof.Select(Convert.ToBase64String)]));
    }

    /// <summary>
    /// The c2sp.org/tlog-proof receipt of an entry. By default it is made against the earliest cosigned checkpoint that
    /// holds the entry, with every witness's cosignature line (tlog-proof allows them in the checkpoint), so that the
    /// receipt alone shows the bound that back-dating cannot beat; until a witness has cosigned such a checkpoint, or with
    /// <c>?cosigned=false</c>, against the latest checkpoint with the log's signature only.
    /// </summary>
    private static async Task<IResult> ReceiptAsync(string index, string? cosigned, AigaqDb db, CancellationToken ct)
    {
        var v = new Validation();
        if (!long.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            v.Add("index", "must be a non-negative integer");
        }

        var withCosignatures = true;
        if (cosigned is not null && !bool.TryParse(cosigned, out withCosignatures))
        {
            v.Add("cosigned", "must be true or false");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await ReceiptTextAsync(db, i, withCosignatures, ct) is { } receipt
            ? Results.Text(receipt, Text)
            : ProblemTypes.NotFoundProblem("An integrated log entry with that index");
    }

    /// <summary>
    /// The receipt of entry <paramref name="i"/> (C2SP tlog-proof): against the earliest witnessed checkpoint that holds
    /// it, with its cosignatures, when <paramref name="withCosignatures"/> and there is one, else the latest checkpoint;
    /// null when the entry is not integrated yet.
    /// </summary>
    public static async Task<string?> ReceiptTextAsync(AigaqDb db, long i, bool withCosignatures, CancellationToken ct)
    {
        var latest = await LedgerStore.LatestAsync(db, ct);
        if (latest is null || i < 0 || i >= latest.Size)
        {
            return null;
        }

        var note = latest.Note;
        var size = latest.Size;
        if (withCosignatures && await LedgerStore.EarliestWitnessedAsync(db, i, ct) is { } witnessed
            && await LedgerStore.CosignedNoteAsync(db, witnessed.Size, ct) is { } cosignedNote)
        {
            (note, size) = (cosignedNote, witnessed.Size);
        }

        var proof = MerkleProof.InclusionProof(new TileHashReader(latest.Size, LedgerStore.Fetcher(db)), i, size);
        return new TlogProof(i, proof, SignedNote.Parse(note)).Format();
    }

    /// <summary>
    /// Checks a receipt sent as <c>{ "receipt": "..." }</c> or as a text/plain body. A receipt that is not valid
    /// is still a 200 with the reason; only a missing or oversized receipt is a 400 naming <c>receipt</c>.
    /// </summary>
    private static async Task<IResult> VerifyReceiptAsync(HttpRequest request, ReceiptCheck check, CancellationToken ct)
    {
        var media = MediaTypeHeaderValue.TryParse(request.ContentType, out var m) ? m.MediaType.Value : null;
        string? text;
        if (string.Equals(media, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }
        else if (string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            text = await ReadReceiptFieldAsync(request.Body, ct);
        }
        else
        {
            return Results.Problem(
                type: ProblemTypes.Validation,
                title: "Send the receipt as application/json { \"receipt\": \"...\" } or as text/plain.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["receipt"] = ["is required as JSON or text/plain"] } });
        }

        var v = new Validation();
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add("receipt", "is required");
        }
        else if (ReceiptCheck.IsTooLarge(text))
        {
            v.Add("receipt", string.Create(CultureInfo.InvariantCulture, $"must be at most {ReceiptCheck.MaxBytes} bytes"));
        }

        return v.IsValid ? Results.Ok(await check.CheckAsync(text, ct)) : v.Problem();
    }

    /// <summary>The <c>receipt</c> string of a JSON object, or null when the body is not one.</summary>
    private static async Task<string?> ReadReceiptFieldAsync(Stream body, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("receipt", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses a decimal in [min, max], naming the field when it is not one.</summary>
    private static long Number(Validation v, string field, string? value, long min, long max)
    {
        if (value is null)
        {
            v.Add(field, "is required");
            return 0;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            v.Add(field, "must be a non-negative integer");
            return 0;
        }

        if (n < min)
        {
            v.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be at least {min}"));
        }
        else if (n > max)
        {
            v.Add(field, string.Create(CultureInfo.InvariantCulture, $"must not exceed the latest checkpoint's size ({max})"));
        }

        return n;
    }
}
