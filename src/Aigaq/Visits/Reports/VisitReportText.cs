using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Visits;

/// <summary>
/// The visit report's and the annual figures' words in their language: fixed phrases from SharedResource
/// (<c>VisitReport.*</c>), the visits area's own labels for kinds, roles and what was denied (<c>VisitKind.*</c>,
/// <c>TeamRole.*</c>, <c>DeniedAccess.*</c>, the register's <c>FacilityType.*</c> and <c>Agency.*</c>), times as the
/// rest of the application prints them.
/// </summary>
public sealed class VisitReportText(IStringLocalizer<SharedResource> t, LocalClock clock)
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    /// <summary>Runs <paramref name="write"/> with the UI culture of <paramref name="language"/>, restoring it after.</summary>
    public static T In<T>(string language, Func<T> write)
    {
        if (!Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new ArgumentException("Not a report language.", nameof(language));
        }

        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return write();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    public string this[string key] => t["VisitReport." + key].Value;

    public string Format(string key, params object[] args) => t["VisitReport." + key, args].Value;

    /// <summary>An enum's label as the pages print it (<c>VisitKind.Regular</c>), or its name where none is kept.</summary>
    public string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = t[typeof(TEnum).Name + "." + value];
        return text.ResourceNotFound ? value.ToString() : text.Value;
    }

    /// <summary>Any resource of the shared set by its full key (<c>Checklist.treatment</c>), or <paramref name="fallback"/> where none is kept.</summary>
    public string Named(string key, string fallback)
    {
        var text = t[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    public string Finding(Headcounts.HeadcountFinding finding) => this["Finding." + finding];

    public string YesNo(bool value) => value ? this["Yes"] : this["No"];

    public string Time(DateTimeOffset? at) => at is { } i ? clock.Format(i) : "—";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count withheld below the small-count threshold, as "fewer than 5" in the report's language.</summary>
    public string FewerThan(int smallCell) => string.Format(CultureInfo.CurrentCulture, this["FewerThan"], Number(smallCell));
}
