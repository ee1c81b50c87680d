using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Aigaq.Web;

/// <summary>
/// Turns what the framework throws on bad input into problem+json naming the field, and anything
/// unexpected into a 500 that reveals nothing of the internals.
/// </summary>
internal sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, type, title, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, ProblemTypes.TooLarge, "The request body is too large.", null),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, ProblemTypes.MalformedJson, "The request body is not valid JSON for this endpoint.", FieldOf(json)),
            // A query or route value of the wrong kind (a detentionId that is not a GUID): named, as the handlers' own checks do.
            BadHttpRequestException bad when !bad.Message.Contains("request body", StringComparison.OrdinalIgnoreCase) && BindFailure(bad.Message) is { } field =>
                (400, ProblemTypes.Validation, "The request has invalid fields.", new Dictionary<string, string[]> { [field] = ["is not a value of its kind"] }),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                (400, ProblemTypes.MalformedJson, "The request body is missing or not JSON.", new Dictionary<string, string[]> { ["body"] = ["is required as JSON"] }),
            BadHttpRequestException bad =>
                (bad.StatusCode, ProblemTypes.Validation, "The request is not valid.", null),
            // A JSON object body naming a member twice: System.Text.Json's node reader throws on the repeated key.
            ArgumentException when ThrownReadingJson(exception) =>
                (400, ProblemTypes.MalformedJson, "The request body is not valid JSON for this endpoint.",
                    new Dictionary<string, string[]> { ["body"] = ["has a member given more than once"] }),
            // A last guard: text that PostgreSQL cannot store (a NUL) in a field no check named. The transaction is not
            // committed, so nothing of the request is written.
            _ when PostgresRefusedText(exception) =>
                (400, ProblemTypes.Validation, "The request has text that cannot be stored.",
                    new Dictionary<string, string[]> { ["body"] = [Text.ControlCharacter] }),
            // The database cannot serve the request now (the node's pool full, the server at its connection limit,
            // SQLite busy, the primary gone or shutting down in a failover): the same request, with its key, may be
            // sent again and is stored at most once (ConnectionBudget.IsUnavailable says why even a lost commit is safe).
            _ when Data.ConnectionBudget.IsUnavailable(exception) =>
                (503, ProblemTypes.Unavailable, http.Request.Headers.ContainsKey(CommandRunner.Header)
                    ? "The database cannot take this request now. Send it again shortly with the same Idempotency-Key; it will not be saved twice."
                    : "The database cannot take this request now. Try again shortly.", null),
            _ => (500, ProblemTypes.Internal, "Something went wrong on our side; nothing was saved.", null),
        };

        if (status == 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        }

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("No database connection for {Method} {Path}: answered 503 ({Error})", http.Request.Method, http.Request.Path, exception.GetType().Name);
            http.Response.Headers.RetryAfter = Data.ConnectionBudget.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (BusyPage.Wanted(http))
            {
                await BusyPage.WriteAsync(http, ct);
                return true;
            }
        }

        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Type = type, Title = title };
        if (errors is not null)
        {
            details.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The parameter named by the framework's "Failed to bind parameter "Guid? detentionId" from ..." message.</summary>
    internal static string? BindFailure(string message)
    {
        const string Start = "Failed to bind parameter \"";
        if (!message.StartsWith(Start, StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf('"', Start.Length);
        var declared = end < 0 ? "" : message[Start.Length..end];
        var name = declared[(declared.LastIndexOf(' ') + 1)..];
        return name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) ? name : null;
    }

    private static bool PostgresRefusedText(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire or Npgsql.PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }

    private static bool ThrownReadingJson(Exception exception) =>
        new System.Diagnostics.StackTrace(exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true);

    /// <summary>Names the field from the JSON path, e.g. <c>$.person.birthDate</c> becomes <c>person.birthDate</c>.</summary>
    private static Dictionary<string, string[]> FieldOf(JsonException json)
    {
        var path = json.Path is null or "$" ? "body" : json.Path.TrimStart('$', '.');
        var message = json.Message.Contains("could not be converted", StringComparison.Ordinal) || json.InnerException is not null
            ? "has a value of the wrong type or form"
            : json.Message.StartsWith("Duplicate", StringComparison.Ordinal)
                ? "has a member given more than once"
                : json.Message;
        if (json.Message.StartsWith("must", StringComparison.Ordinal))
        {
            message = json.Message;
        }

        return new Dictionary<string, string[]>(StringComparer.Ordinal) { [path] = [message] };
    }
}
