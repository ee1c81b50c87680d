using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Web;

/// <summary>
/// Clocks in words (issue 14, item 2): "overdue by 1 d 3 h", never "-27:00"; a registration 30 days late is 30 days,
/// not 720 hours; in the reader's language, from the application's own resources.
/// </summary>
public sealed class DurationsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    public static TheoryData<string, double, string> Clocks() => new()
    {
        { "en", -27, "overdue by 1 d 3 h" },
        { "en", -41.05, "overdue by 1 d 17 h" },
        { "en", -30 * 24 - 0.5, "overdue by 30 d 0 h" },
        { "en", 3.1, "3 h 06 min left" },
        { "en", 0.2, "12 min left" },
        { "ru", -27, "просрочено на 1 д 3 ч" },
        { "ru", 47.5, "осталось 1 д 23 ч" },
        { "kk", -2.25, "2 сағ 15 мин кешіктірілді" },
        { "kk", 0.5, "30 мин қалды" },
    };

    [Theory]
    [MemberData(nameof(Clocks))]
    public void A_clock_reads_in_days_hours_and_minutes_without_a_sign(string culture, double hours, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var text = Durations.Clock(TimeSpan.FromHours(hours), t);

            Assert.Equal(expected, text);
            Assert.DoesNotContain("-", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
