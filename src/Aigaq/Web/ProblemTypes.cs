namespace Aigaq.Web;

/// <summary>Stable <c>type</c> URIs of the problem+json documents Aigaq returns (RFC 9457).</summary>
public static class ProblemTypes
{
    public const string Base = "https://aigaq.kz/problems/";
    public const string Validation = Base + "validation";
    public const string MalformedJson = Base + "malformed-json";
    public const string TooLarge = Base + "too-large";
    public const string NotFound = Base + "not-found";
    public const string Unauthenticated = Base + "unauthenticated";
    public const string Forbidden = Base + "forbidden";
    public const string Conflict = Base + "conflict";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string RateLimited = Base + "rate-limited";
    public const string Unavailable = Base + "unavailable";
    public const string Internal = Base + "internal";
    public const string AgreementNotAllowed = Base + "agreement-not-allowed";

    public static IResult NotFoundProblem(string what) =>
        Results.Problem(type: NotFound, title: $"{what} was not found.", statusCode: StatusCodes.Status404NotFound);

    public static IResult ConflictProblem(string title, string? field = null) => field is null
        ? Results.Problem(type: Conflict, title: title, statusCode: StatusCodes.Status409Conflict)
        : Results.Problem(type: Conflict, title: title, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [title] } });
}
