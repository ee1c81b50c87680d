using Aigaq.Web;

namespace Aigaq.Examinations;

/// <summary>What the examination pages share: a handler's answer as the page needs it (labels: <see cref="ExaminationFormLabels"/>).</summary>
internal static class ExaminationPages
{
    /// <summary>The value a handler answered, or null when it answered a problem (404, 400).</summary>
    public static T? Value<T>(TypedAnswer answer)
        where T : class => answer.Result is IValueHttpResult<T> ok ? ok.Value : null;

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Any handler's created answer as the page needs it: only whether it was written, and the problem if not.</summary>
    public static async Task<Data.Outcome<object>> Created<T>(Task<Data.Outcome<T>> outcome)
        where T : class
    {
        var o = await outcome;
        return o.Problem is { } problem ? new Data.ProblemResult(problem) : Data.Outcome<object>.Created(() => o.Build!(), o.Location ?? "");
    }
}
