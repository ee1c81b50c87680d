using System.Security.Cryptography;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;

namespace Aigaq.Web;

/// <summary>
/// Runs a command for HTTP through the <see cref="UnitOfWork"/>: from the API with its <c>Idempotency-Key</c> header
/// (a retry with the same key and body gets the first answer, byte for byte, and creates nothing; the same key with
/// another body is refused), and from a form with its one-time key (a form sent twice creates one record).
/// </summary>
public sealed class CommandRunner(UnitOfWork unit, Observability.AigaqMetrics metrics)
{
    public const string Header = "Idempotency-Key";

    /// <summary>A form's key is stored apart from the API's keys, under this prefix.</summary>
    private const string FormPrefix = "form:";

    /// <summary>
    /// Runs <paramref name="command"/> for the API and answers 201 with what it built. With
    /// <paramref name="insertOnly"/> (the command only adds rows and changes none) it is grouped with other requests'
    /// writes (<see cref="WriteMode.Grouped"/>).
    /// </summary>
    public async Task<CommandAnswer<T>> CreateAsync<T>(
        HttpContext http, string operation, object request, Func<CancellationToken, Task<Outcome<T>>> command, bool insertOnly = false)
        where T : class
    {
        string? key = http.Request.Headers[Header];
        if (key is { Length: 0 or > UnitOfWork.MaxKeyLength })
        {
            return new(Results.ValidationProblem(
                new Dictionary<string, string[]> { [Header] = [$"must be 1 to {UnitOfWork.MaxKeyLength} characters"] },
                type: ProblemTypes.Validation));
        }

        var commandKey = key is null ? null : new CommandKey(
            http.User.RequiredUserId(), key, operation,
            Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Json.Options))),
            StatusCodes.Status201Created);
        using var activity = Observability.AigaqTelemetry.Source.StartActivity("command " + operation);
        var result = await MeasuredAsync(activity, operation, () => unit.RunAsync(
            commandKey, insertOnly ? WriteMode.Grouped : WriteMode.Transaction, command,
            (outcome, value) => (outcome.Location!, JsonSerializer.Serialize(value, Json.Options)), http.RequestAborted));
        return new(result switch
        {
            UnitResult.Stored stored => new RawCreated(stored.Location, stored.Body, stored.Replayed),
            UnitResult.Refused refused => refused.Problem,
            _ => KeyReused(),
        });
    }

    /// <summary>
    /// Runs a command for a web form. A form carries a one-time key, so that a form sent twice over a poor connection
    /// creates one record: the second send gets the first record's location (<see cref="FormRun.Replayed"/>).
    /// </summary>
    public async Task<FormRun> RunFormAsync<T>(
        Guid userId, string? formKey, string operation, Func<T, string> locationOf, Func<CancellationToken, Task<Outcome<T>>> command, CancellationToken ct,
        string requestHash = "")
        where T : class
    {
        // With a hash of what the form asked, the same key with other details is refused as reused instead of being
        // answered with the first record (a draft restored on a device keeps its key; ADR 0016).
        var key = string.IsNullOrWhiteSpace(formKey) || formKey.Length > UnitOfWork.MaxKeyLength - FormPrefix.Length
            ? null
            : new CommandKey(userId, FormPrefix + formKey, operation, requestHash, StatusCodes.Status303SeeOther);
        using var activity = Observability.AigaqTelemetry.Source.StartActivity("command " + operation);
        var result = await MeasuredAsync(activity, operation, () => unit.RunAsync(key, WriteMode.Transaction, command, (_, value) => (locationOf(value), "{}"), ct));
        return result switch
        {
            UnitResult.Stored stored => new FormRun(stored.Location, null, stored.Replayed),
            UnitResult.Refused refused => new FormRun(null, refused.Problem, Replayed: false),
            _ => new FormRun(null, KeyReused(), Replayed: false),
        };
    }

    /// <summary>
    /// Runs the unit, counts the command by its outcome and tags its span: <c>stored</c> (committed now),
    /// <c>replayed</c> (a retry answered with the first answer), <c>refused</c>, <c>keyReused</c>, and when it throws,
    /// <c>unavailable</c> (the database could not serve it: a 503) or <c>failed</c>, the span then marked an error by the
    /// exception's type. Only the operation's name and the outcome: never the request.
    /// </summary>
    private async Task<UnitResult> MeasuredAsync(System.Diagnostics.Activity? activity, string operation, Func<Task<UnitResult>> run)
    {
        activity?.SetTag("aigaq.operation", operation);
        var outcome = "failed";
        try
        {
            var result = await run();
            outcome = result switch
            {
                UnitResult.Stored { Replayed: true } => "replayed",
                UnitResult.Stored => "stored",
                UnitResult.Refused => "refused",
                _ => "keyReused",
            };
            return result;
        }
        catch (Exception e)
        {
            outcome = e is OperationCanceledException ? "cancelled" : Data.ConnectionBudget.IsUnavailable(e) ? "unavailable" : "failed";
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag("aigaq.outcome", outcome);
            metrics.Command(operation, outcome);
        }
    }

    /// <summary>422: the idempotency key was used with another request (also the anonymous reporter's endpoints).</summary>
    internal static IResult KeyReused() => Results.Problem(
        type: ProblemTypes.IdempotencyKeyReused,
        title: "This Idempotency-Key was used with another request.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["was used with another request body"] } });

    /// <summary>201 with a body already serialized, so that a replay is byte-for-byte the first answer.</summary>
    internal sealed class RawCreated(string location, string json, bool replayed) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            if (replayed)
            {
                httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(json);
        }
    }
}

/// <summary>What a form's command did: stored a record (or found the one a first send made) at its location, or a problem.</summary>
public sealed record FormRun(string? Location, IResult? Problem, bool Replayed);
