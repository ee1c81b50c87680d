using System.Globalization;
using Aigaq.Rules;

namespace Aigaq.Web;

/// <summary>
/// Converts between stored UTC instants and the local wall-clock time people read and type
/// (the zone of the rule pack in force, Asia/Almaty). Formats are culture-invariant on purpose:
/// dd.MM.yyyy HH:mm reads the same in Kazakh, Russian and English.
/// </summary>
public sealed class LocalClock(RulePackCatalog rules, TimeProvider clock)
{
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    public DateTimeOffset Now => clock.GetUtcNow();

    public TimeZoneInfo Zone => rules.At(clock.GetUtcNow()).Zone;

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    public string Format(DateTimeOffset? instant) => instant is { } i ? Format(i) : "";

    /// <summary>The value of a <c>datetime-local</c> input showing this instant.</summary>
    public string InputValue(DateTimeOffset instant) => ToLocal(instant).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>datetime-local</c> value as local time and returns the UTC instant, or null.</summary>
    public DateTimeOffset? ParseInput(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) ||
            !DateTime.TryParseExact(value.Trim(), [InputFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>Time left until a deadline, negative once it has passed; <see cref="Durations.Clock"/> words it.</summary>
    public TimeSpan Left(DateTimeOffset until) => until - clock.GetUtcNow();

    public bool IsPast(DateTimeOffset instant) => instant <= clock.GetUtcNow();

    /// <summary>The ISO form that the countdown script reads.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
