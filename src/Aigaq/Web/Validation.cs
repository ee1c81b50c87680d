namespace Aigaq.Web;

/// <summary>Collects field errors under their JSON paths (camelCase, dotted, with [i] for items).</summary>
/// <param name="rename">
/// Where one request is checked as part of another (a report's complainant registered as protected, say): how this
/// one's field names read in the outer request.
/// </param>
public sealed class Validation(Func<string, string>? rename = null)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        field = rename?.Invoke(field) ?? field;
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Requires a non-blank string of at most <paramref name="max"/> characters.</summary>
    public string Required(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return "";
        }

        return Optional(field, value, max) ?? "";
    }

    public string? Optional(string field, string? value, int max)
    {
        if (value is null)
        {
            return null;
        }

        value = value.Trim();
        if (value.Length > max)
        {
            Add(field, $"must be at most {max} characters");
        }
        else if (Text.Problem(value) is { } problem)
        {
            Add(field, problem);
        }

        return value.Length == 0 ? null : value;
    }

    /// <summary>A person's name, required: as <see cref="Required(string, string?, int)"/>, and no invisible characters.</summary>
    public string RequiredName(string field, string? value, int max)
    {
        var name = Required(field, value, max);
        NoInvisible(field, name);
        return name;
    }

    /// <summary>A person's name, if given: as <see cref="Optional"/>, and no invisible characters.</summary>
    public string? OptionalName(string field, string? value, int max)
    {
        var name = Optional(field, value, max);
        NoInvisible(field, name);
        return name;
    }

    private void NoInvisible(string field, string? name)
    {
        if (name is not null && !Has(field) && Text.NameProblem(name) is { } problem)
        {
            Add(field, problem);
        }
    }

    public T Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "is required");
            return default;
        }

        return value.Value;
    }

    public bool Has(string field) => _errors.ContainsKey(rename?.Invoke(field) ?? field);

    /// <summary>
    /// An instant of a recorded fact: not later than now plus the rule pack's clock-skew allowance, and
    /// not before <paramref name="earliest"/> (the moment <paramref name="earliestIs"/> names). True when
    /// both hold, so that a caller can go on to a check of its own.
    /// </summary>
    public bool Moment(string field, DateTimeOffset at, DateTimeOffset now, Rules.RulePack pack, DateTimeOffset? earliest = null, string? earliestIs = null)
    {
        if (at > now + TimeSpan.FromMinutes(pack.Registration.ClockSkewMinutes))
        {
            Add(field, "is in the future");
            return false;
        }

        if (earliest is { } e && at < e)
        {
            Add(field, $"is before {earliestIs}");
            return false;
        }

        return true;
    }

    /// <summary>An optional enum filter given by name (camelCase or any case); numbers are refused.</summary>
    public T? OptionalEnum<T>(string field, string? text)
        where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !text.Any(char.IsAsciiDigit) && Enum.IsDefined(value))
        {
            return value;
        }

        Add(field, "must be one of " + string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])));
        return null;
    }

    /// <summary>Checks an ISO 3166-2:KZ region code, when one is given.</summary>
    public string? Region(string field, string? code)
    {
        if (!string.IsNullOrEmpty(code) && !Facilities.Regions.IsKnown(code))
        {
            Add(field, "is not an ISO 3166-2:KZ region code");
        }

        return code;
    }

    /// <summary>
    /// A list's cursor that is an instant as UTC ticks (the last instant of the page before), null when none was given; any
    /// other text is an error on <paramref name="field"/>.
    /// </summary>
    public DateTimeOffset? InstantCursor(string field, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        if (long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        Add(field, "is not a cursor this list gave");
        return null;
    }

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public IResult Problem() => Results.ValidationProblem(Errors, type: ProblemTypes.Validation, title: "The request has invalid fields.");

    /// <summary>200 with what <paramref name="value"/> reads when every field is valid (it is not read otherwise), else 400.</summary>
    public async Task<Answer<T>> AnswerAsync<T>(Func<Task<T>> value) =>
        IsValid ? Answer<T>.Ok(await value()) : new Data.ProblemResult(Problem());

    /// <summary>The same problem, for a page handler.</summary>
    public Microsoft.AspNetCore.Mvc.IActionResult PageProblem() =>
        new Microsoft.AspNetCore.Mvc.BadRequestObjectResult(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(Errors)
        {
            Type = ProblemTypes.Validation,
            Title = "The request has invalid fields.",
            Status = StatusCodes.Status400BadRequest,
        });
}
