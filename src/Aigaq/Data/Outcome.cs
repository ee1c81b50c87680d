namespace Aigaq.Data;

/// <summary>
/// What a command handler returns: either the record it created (and where it lives) or the
/// problem that stopped it. Expected failures are values, not exceptions. The created value is
/// built after saving, so that what the database assigned on save (log indices) is in it.
/// </summary>
public readonly record struct Outcome<T>(Func<T>? Build, string? Location, IResult? Problem)
    where T : class
{
    public T? Value => Build?.Invoke();

    public static Outcome<T> Created(Func<T> build, string location) => new(build, location, null);

    public static implicit operator Outcome<T>(ProblemResult problem) => new(null, null, problem.Result);
}

/// <summary>Lets a handler return <c>v.Problem()</c> where an <see cref="Outcome{T}"/> is expected.</summary>
public readonly record struct ProblemResult(IResult Result);
