using System.Globalization;
using Aigaq.Visits;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Visits;

/// <summary>
/// Every theme, kind of place, item and option of the shipped checklists reads in Kazakh, Russian and English
/// (<c>Checklist.&lt;id&gt;</c>, an option <c>Checklist.&lt;item&gt;.&lt;option&gt;</c>): the visit pages and the report print
/// labels, never ids.
/// </summary>
public sealed class ChecklistLabelsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void Every_id_of_the_shipped_checklists_has_a_label(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var checklists = fixture.Host.Services.GetRequiredService<VisitChecklists>();
            var keys = checklists.All.SelectMany(c => c.Themes
                    .Concat(c.Kinds.Select(k => k.Id))
                    .Concat(c.Items.Select(i => i.Id))
                    .Concat(c.Items.SelectMany(i => (i.Options ?? []).Select(o => $"{i.Id}.{o}"))))
                .Select(id => "Checklist." + id)
                .Distinct()
                .ToList();

            Assert.True(keys.Count > 100);
            Assert.Equal([], keys.Where(k => t[k].ResourceNotFound).ToArray());
            if (culture == "kk")
            {
                // Kazakh in its own letters, not Russian under a Kazakh key.
                Assert.All(keys.Where(k => k.Count(c => c == '.') == 1 && t[k].Value.Length > 25), k =>
                    Assert.True(t[k].Value.Any(c => "әғқңөұүһі".Contains(char.ToLowerInvariant(c), StringComparison.Ordinal)), $"{k}: {t[k].Value}"));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
