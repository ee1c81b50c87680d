namespace Aigaq.Web;

/// <summary>
/// What a command handler returns: either the record it created (and where it lives) or the
/// problem that stopped it. Expected failures are values, not exceptions.
/// </summary>
public readonly record struct Outcome<T>(T? Value, string? Location, IResult? Problem)
    where T : class
{
    public static Outcome<T> Created(T value, string location) => new(value, location, null);

    public static implicit operator Outcome<T>(ProblemResult problem) => new(null, null, problem.Result);
}

/// <summary>Lets a handler return <c>v.Problem()</c> where an <see cref="Outcome{T}"/> is expected.</summary>
public readonly record struct ProblemResult(IResult Result);
