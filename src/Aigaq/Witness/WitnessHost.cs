using Aigaq.Ledger;

namespace Aigaq.Witness;

/// <summary>
/// The witness service: decides add-checkpoint requests with <see cref="TlogWitness"/> inside one critical
/// section that loads the stored state, decides and persists before answering, so two concurrent requests
/// cannot both advance (nor roll each other back). Forks and bad proofs are logged loudly and kept as evidence.
/// </summary>
public sealed partial class WitnessService(WitnessStore store, TlogWitness witness, TimeProvider time, ILogger<WitnessService> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public NoteVerifier Verifier => witness.Verifier;

    public async Task<AddCheckpointResult> AddAsync(AddCheckpointRequest request, CancellationToken ct)
    {
        var origin = request.Checkpoint.Origin;
        if (!witness.Knows(origin))
        {
            return witness.Decide(request, null);
        }

        await _gate.WaitAsync(ct);
        try
        {
            var latestNote = store.Latest(origin);
            var latest = latestNote is null ? null : Checkpoint.Parse(latestNote.Text);
            var result = witness.Decide(request, latest);
            if (result.Outcome == AddCheckpointOutcome.Cosigned)
            {
                store.Save(result.Cosigned!);
                LogCosigned(log, origin, request.Checkpoint.Size);
            }
            else if (result.IsEvidence)
            {
                var kept = store.KeepEvidence(time.GetUtcNow(), request, latestNote, result);
                LogRefused(log, result.Outcome, origin, request.Checkpoint.Size, latest?.Size ?? 0, result.Reason, kept);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosigned {Origin} at size {Size}")]
    private static partial void LogCosigned(ILogger logger, string origin, long size);

    [LoggerMessage(Level = LogLevel.Critical, Message = "WITNESS REFUSED {Outcome}: log {Origin} submitted size {Size} against cosigned size {Latest}: {Reason}. Evidence kept in {Evidence}")]
    private static partial void LogRefused(ILogger logger, AddCheckpointOutcome outcome, string origin, long size, long latest, string reason, string evidence);
}

/// <summary>The <c>aigaq witness</c> web host: POST /add-checkpoint (c2sp.org/tlog-witness) and nothing else.</summary>
public static class WitnessHost
{
    /// <summary>The largest request body read; add-checkpoint bodies are a few hundred bytes.</summary>
    public const int MaxBody = 64 * 1024;

    public static WebApplication Build(string name, string stateDir, IReadOnlyCollection<string> logKeys, string[] hostArgs, TimeProvider? time = null)
    {
        if (logKeys.Count == 0)
        {
            throw new ArgumentException("--log-key is required: the verifier key of each log to witness");
        }

        var verifiers = logKeys.Select(k =>
        {
            var v = NoteVerifier.Parse(k);
            return v.Type == NoteKeyType.Ed25519 ? v : throw new ArgumentException("--log-key must be a log's Ed25519 verifier key");
        }).ToList();

        var builder = WebApplication.CreateSlimBuilder(hostArgs);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var store = new WitnessStore(stateDir, name, time);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(new TlogWitness(store.Key, verifiers));
        builder.Services.AddSingleton<WitnessService>();
        var app = builder.Build();
        app.MapPost("/add-checkpoint", AddCheckpointAsync);
        app.MapGet("/", (WitnessService w) => Results.Text(w.Verifier.VerifierKey + "\n", "text/plain; charset=utf-8"));
        return app;
    }

    private static async Task<IResult> AddCheckpointAsync(HttpRequest http, WitnessService witness, CancellationToken ct)
    {
        var body = await ReadBodyAsync(http.Body, ct);
        if (body is null)
        {
            return Results.Text("The body is too large.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!AddCheckpointRequest.TryParse(body, out var request, out var error))
        {
            return Results.Text(error + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await witness.AddAsync(request, ct);
        return Results.Text(result.Body, result.ContentType, statusCode: result.StatusCode);
    }

    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Runs <c>aigaq witness --name NAME --state DIR --log-key VKEY[,VKEY...] [--urls URL]</c>.</summary>
    public static async Task<int> RunAsync(string name, string stateDir, string logKeys, string[] hostArgs)
    {
        var keys = logKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await using var app = Build(name, stateDir, keys, hostArgs);
        var store = app.Services.GetRequiredService<WitnessStore>();
        Console.Out.WriteLine(store.Key.Verifier.VerifierKey);
        try
        {
            await app.RunAsync();
        }
        finally
        {
            store.Dispose();
        }

        return 0;
    }
}
