using PhoneNumbers;

namespace Aigaq.Web;

/// <summary>Phone numbers in E.164 form (a plus sign and 8 to 15 digits), read as people type them.</summary>
public static class PhoneNumber
{
    /// <summary>
    /// The country whose national forms a number without a country code is read in: "8 701 123 45 67" and
    /// "701 123 45 67" are +77011234567. Aigaq is built for Kazakhstan first.
    /// </summary>
    public const string HomeCountry = "KZ";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsValid(string phone) =>
        phone.Length is >= 9 and <= 16 && phone[0] == '+' && phone.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// The E.164 form of a number written with spaces, brackets, dashes, a national prefix or none, or null when
    /// the text cannot be a phone number (Google's libphonenumber decides, from its metadata for each country).
    /// </summary>
    public static string? Normalize(string? text)
    {
        // Letters are refused, not read as the letters of a keypad ("8 701 abc" is a typing error, not 8701222).
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40 || text.Any(char.IsLetter))
        {
            return null;
        }

        try
        {
            var number = Util.Parse(text, HomeCountry);
            // Possible as a whole number, not only as a local one dialled within an area ("8 701 000" is not).
            if (Util.IsPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
            {
                return null;
            }

            var e164 = Util.Format(number, PhoneNumberFormat.E164);
            return IsValid(e164) ? e164 : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
