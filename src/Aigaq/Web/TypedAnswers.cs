using System.Reflection;
using Aigaq.Data;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Aigaq.Web;

/// <summary>
/// Typed results: what an endpoint may answer is declared by the type it returns, so the OpenAPI document follows the
/// code instead of hand-kept <c>.Produces</c> lines. Each type answers with its value or with a problem+json document,
/// and declares both. (Answers common to every API endpoint, 401/403/429/503 and the Idempotency-Key's 409/422, are
/// added by <see cref="OpenApiConventions"/>.)
/// </summary>
public abstract class TypedAnswer(IResult result) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => result.ExecuteAsync(httpContext);

    /// <summary>What is answered, the value's result or the problem: for a page that calls the same handler as the API.</summary>
    public IResult Result => result;

    private protected static void Declare(EndpointBuilder builder, int status, Type type, string contentType) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, type, [contentType]));

    private protected static void DeclareProblem(EndpointBuilder builder, int status) =>
        Declare(builder, status, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), "application/problem+json");
}

/// <summary>200 with <typeparamref name="T"/>, or 400 naming the fields (a list's filters, a question's answers).</summary>
public sealed class Answer<T> : TypedAnswer, IEndpointMetadataProvider
{
    private Answer(IResult result)
        : base(result)
    {
    }

    public static Answer<T> Ok(T value) => new(TypedResults.Ok(value));

    public static implicit operator Answer<T>(ProblemResult problem) => new(problem.Result);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status200OK, typeof(T), "application/json");
        DeclareProblem(builder, StatusCodes.Status400BadRequest);
    }
}

/// <summary>200 with <typeparamref name="T"/>, or 404 when there is no such record or the user may not read it.</summary>
public sealed class Found<T> : TypedAnswer, IEndpointMetadataProvider
    where T : class
{
    private Found(IResult result)
        : base(result)
    {
    }

    /// <summary>The record, or 404 naming <paramref name="what"/> was not found.</summary>
    public static Found<T> Of(T? value, string what) =>
        new(value is null ? ProblemTypes.NotFoundProblem(what) : TypedResults.Ok(value));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status200OK, typeof(T), "application/json");
        DeclareProblem(builder, StatusCodes.Status404NotFound);
    }
}

/// <summary>
/// A command's answer: 201 with <typeparamref name="T"/> and its location (byte for byte the first answer when the
/// request is a retry), or 400 naming the fields. (404 where the path names a record, and 409/422 for the
/// Idempotency-Key, come from <see cref="OpenApiConventions"/>, as they hold for every command.)
/// </summary>
public sealed class CommandAnswer<T> : TypedAnswer, IEndpointMetadataProvider
{
    internal CommandAnswer(IResult result)
        : base(result)
    {
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status201Created, typeof(T), "application/json");
        DeclareProblem(builder, StatusCodes.Status400BadRequest);
    }
}
