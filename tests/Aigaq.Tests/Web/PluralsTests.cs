using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Web;

/// <summary>Counts read right in each language (issue 14, items 9 and 11): "1443 записи", not "1443 записей".</summary>
public sealed class PluralsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("ru", 1, "1 запись")]
    [InlineData("ru", 3, "3 записи")]
    [InlineData("ru", 5, "5 записей")]
    [InlineData("ru", 11, "11 записей")]
    [InlineData("ru", 12, "12 записей")]
    [InlineData("ru", 21, "21 запись")]
    [InlineData("ru", 22, "22 записи")]
    [InlineData("ru", 111, "111 записей")]
    [InlineData("ru", 1443, "1443 записи")]
    [InlineData("en", 1, "1 entry")]
    [InlineData("en", 21, "21 entries")]
    [InlineData("kk", 1, "1 жазба")]
    [InlineData("kk", 1443, "1443 жазба")]
    public void A_count_takes_the_form_its_number_asks_for(string culture, long n, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            Assert.Equal(expected, Plurals.Count(t, "entries", n));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
