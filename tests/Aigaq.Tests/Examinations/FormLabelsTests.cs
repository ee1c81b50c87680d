using System.Globalization;
using Aigaq.Examinations;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Every consent item, requester kind, consistency level, body view and region of the embedded national forms reads in
/// Kazakh, Russian and English: the report and the pages print labels, never the form's ids.
/// </summary>
public sealed class FormLabelsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void Every_id_of_the_embedded_forms_has_a_label(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var forms = fixture.Host.Services.GetRequiredService<ExaminationForms>();
            var keys = forms.All.SelectMany(f =>
                    f.Consent.Select(c => "ConsentItem." + c.Id)
                        .Concat(f.Consistency.Select(c => "Consistency." + c))
                        .Concat(f.BodyRegions.Keys.Select(v => "BodyView." + v))
                        .Concat(f.BodyRegions.Values.SelectMany(r => r).Select(r => "BodyRegion." + r)))
                .Concat(RequestExamination.Kinds.Select(k => "RequesterKind." + k))
                .Append("RequesterKind." + RequestExamination.RegisterKind)
                .Distinct()
                .ToList();

            Assert.Equal([], keys.Where(k => t[k].ResourceNotFound).ToArray());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
