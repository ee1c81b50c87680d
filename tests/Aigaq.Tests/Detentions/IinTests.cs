using Aigaq.Detentions;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// The IIN check digit, computed here independently of Iin.cs from the published algorithm:
/// weights 1..11 modulo 11; if that gives 10, weights 3..11,1,2 modulo 11; 10 again means the
/// number cannot be issued.
/// </summary>
public sealed class IinTests
{
    public static string WithCheckDigit(string first11)
    {
        int Sum(int start) => Enumerable.Range(0, 11).Sum(i => (first11[i] - '0') * (((start - 1 + i) % 11) + 1));
        var check = Sum(1) % 11;
        if (check == 10)
        {
            check = Sum(3) % 11;
        }

        if (check == 10)
        {
            throw new ArgumentException("No IIN can be issued with these 11 digits.", nameof(first11));
        }

        return first11 + (char)('0' + check);
    }

    public static string WithWrongCheckDigit(string first11)
    {
        var valid = WithCheckDigit(first11);
        return valid[..11] + (char)('0' + ((valid[11] - '0' + 1) % 10));
    }

    [Theory]
    [InlineData("94051730045", 1994, 5, 17, "man born in the 20th century (century digit 3)")]
    [InlineData("94051740045", 1994, 5, 17, "woman born in the 20th century (century digit 4)")]
    [InlineData("08022950012", 2008, 2, 29, "born on 29 February of a leap year, 21st century")]
    [InlineData("00123160001", 2000, 12, 31, "last day of the year 2000, century digit 6")]
    [InlineData("99010110001", 1899, 1, 1, "19th century (century digit 1)")]
    public void A_number_with_a_correct_check_digit_is_valid_and_gives_the_birth_date(string first11, int year, int month, int day, string reason)
    {
        var iin = WithCheckDigit(first11);

        var (born, error) = Iin.Check(iin);

        Assert.True(error is null, reason + ": " + error);
        Assert.Equal(new DateOnly(year, month, day), born);
    }

    [Fact]
    public void A_number_needing_the_second_weight_sequence_is_checked_with_it()
    {
        // Find one such number deterministically so that the second sequence is really exercised.
        var first11 = Enumerable.Range(0, 10_000)
            .Select(n => "850312" + "3" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            .First(s => Enumerable.Range(0, 11).Sum(i => (s[i] - '0') * (i + 1)) % 11 == 10 && TryCheck(s) is not null);

        Assert.Null(Iin.Check(WithCheckDigit(first11)).Error);
    }

    [Theory]
    [InlineData("94051730045?", "check digit off by one")]
    [InlineData("94051730045", "11 digits")]
    [InlineData("9405173004567", "13 digits")]
    [InlineData("94051730045a", "a letter")]
    [InlineData("９４０５１７３００４５６", "full-width digits are not ASCII digits")]
    [InlineData("941317300456", "month 13")]
    [InlineData("940230300456", "30 February")]
    [InlineData("940517000456", "century digit 0")]
    [InlineData("940517700456", "century digit 7")]
    public void A_malformed_number_is_refused(string candidate, string reason)
    {
        // Invalid dates and century digits get a correct check digit so that only the named fault remains.
        var iin = candidate.EndsWith('?') ? WithWrongCheckDigit(candidate[..11]) : reason.StartsWith("month", StringComparison.Ordinal) || reason.StartsWith("30", StringComparison.Ordinal) || reason.StartsWith("century", StringComparison.Ordinal)
            ? WithCheckDigit(candidate[..11])
            : candidate;

        var (born, error) = Iin.Check(iin);

        Assert.True(error is not null, reason);
        Assert.Null(born);
    }

    private static string? TryCheck(string first11)
    {
        try
        {
            return WithCheckDigit(first11);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
