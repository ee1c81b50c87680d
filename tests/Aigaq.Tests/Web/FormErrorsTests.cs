using System.Globalization;
using Aigaq.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Web;

/// <summary>
/// A refusal that names no field (a 409, a 404) reads in the page's language: a known title translated, otherwise what the
/// status means, with the handler's English words after it; English pages keep the handler's words as they are.
/// </summary>
public sealed class FormErrorsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private const string Conflict = "An identity is sealed for at least 2 custodians; 1 hold a verified key.";

    [Theory]
    [InlineData("ru", "Сейчас это сделать нельзя")]
    [InlineData("kk", "Мұны қазір орындау мүмкін емес")]
    [InlineData("en", null)]
    public void A_conflict_reads_in_the_page_language_with_the_handler_words_after_it(string culture, string? meaning)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var state = new ModelStateDictionary();
            FormErrors.AddTo(state, Results.Problem(title: Conflict, statusCode: StatusCodes.Status409Conflict), p => "Form." + p, t);

            var text = FormErrors.TextOf(state, "Form.");
            Assert.Equal(meaning is null ? Conflict : null, meaning is null ? text : null);
            if (meaning is not null)
            {
                Assert.StartsWith(meaning, text, StringComparison.Ordinal);
                Assert.EndsWith($"({Conflict})", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
