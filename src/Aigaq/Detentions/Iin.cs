namespace Aigaq.Detentions;

/// <summary>
/// The Kazakh individual identification number: 12 digits, the first six the birth date
/// (YYMMDD), the seventh century and sex, the last a check digit computed with two weight
/// sequences modulo 11.
/// </summary>
public static class Iin
{
    private static readonly int[] Weights1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] Weights2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>Checks the form and check digit; returns the birth date it encodes, or an error.</summary>
    public static (DateOnly? BirthDate, string? Error) Check(string iin)
    {
        if (iin.Length != 12 || !iin.All(char.IsAsciiDigit))
        {
            return (null, "must be 12 digits");
        }

        var d = iin.Select(c => c - '0').ToArray();
        var check = Sum(d, Weights1) % 11;
        if (check == 10)
        {
            check = Sum(d, Weights2) % 11;
        }

        if (check == 10 || check != d[11])
        {
            return (null, "has a wrong check digit");
        }

        var century = d[6] switch
        {
            1 or 2 => 1800,
            3 or 4 => 1900,
            5 or 6 => 2000,
            _ => -1,
        };
        if (century < 0)
        {
            return (null, "has an invalid century digit");
        }

        var year = century + (d[0] * 10) + d[1];
        var month = (d[2] * 10) + d[3];
        var day = (d[4] * 10) + d[5];
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, "does not begin with a valid birth date");
        }

        return (new DateOnly(year, month, day), null);
    }

    private static int Sum(int[] digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += digits[i] * weights[i];
        }

        return sum;
    }

    /// <summary>
    /// Validates a person's optional IIN and birth date under <paramref name="path"/> (e.g.
    /// <c>person</c>): the IIN's form and check digit, its agreement with the birth date, and a
    /// birth date that could be true. Returns the trimmed IIN.
    /// </summary>
    public static string? Validate(Web.Validation v, string path, string? iin, DateOnly? birthDate, DateTimeOffset now)
    {
        var trimmed = v.Optional($"{path}.iin", iin, 12);
        if (trimmed is not null)
        {
            var (encoded, error) = Check(trimmed);
            if (error is not null)
            {
                v.Add($"{path}.iin", error);
            }
            else if (birthDate is { } given && given != encoded)
            {
                v.Add($"{path}.iin", $"does not match {path}.birthDate");
            }
        }

        if (birthDate is { } born && (born > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)) || born.Year < 1900))
        {
            v.Add($"{path}.birthDate", "is not a possible birth date");
        }

        return trimmed;
    }
}
