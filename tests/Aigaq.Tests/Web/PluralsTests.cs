using System.Globalization;
using System.Text.RegularExpressions;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Web;

/// <summary>
/// Counts read right in each language (issue 14, items 9 and 11): "1443 записи", not "1443 записей"; "5 хабарлама", not
/// "5 хабарламалар". Every count shown with a noun goes through <see cref="Plurals"/> and its KEY.one, KEY.few and KEY.many
/// resources.
/// </summary>
public sealed partial class PluralsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
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

    [Theory]
    [InlineData(1, "one")]
    [InlineData(2, "few")]
    [InlineData(4, "few")]
    [InlineData(5, "many")]
    [InlineData(11, "many")]
    [InlineData(12, "many")]
    [InlineData(14, "many")]
    [InlineData(21, "one")]
    [InlineData(22, "few")]
    [InlineData(25, "many")]
    [InlineData(101, "one")]
    [InlineData(111, "many")]
    [InlineData(1443, "few")]
    [InlineData(0, "many")]
    public void Russian_takes_one_few_or_many_by_the_last_digits(long n, string form)
    {
        Assert.Equal(form, Plurals.Form(n, "ru"));
        Assert.Equal("many", Plurals.Form(n, "kk"));
        Assert.Equal(n == 1 ? "one" : "many", Plurals.Form(n, "en"));
    }

    [Theory]
    [InlineData("ru", "reports.waiting", 1, "1 сообщение ожидает")]
    [InlineData("ru", "reports.waiting", 2, "2 сообщения ожидают")]
    [InlineData("ru", "reports.waiting", 5, "5 сообщений ожидают")]
    [InlineData("ru", "reports.waiting", 11, "11 сообщений ожидают")]
    [InlineData("ru", "reports.waiting", 21, "21 сообщение ожидает")]
    [InlineData("ru", "reports.waiting", 1443, "1443 сообщения ожидают")]
    [InlineData("kk", "reports.waiting", 1, "1 хабарлама күтуде")]
    [InlineData("kk", "reports.waiting", 5, "5 хабарлама күтуде")]
    [InlineData("kk", "reports.waiting", 1443, "1443 хабарлама күтуде")]
    [InlineData("en", "reports.waiting", 1, "1 report waits")]
    [InlineData("en", "reports.waiting", 21, "21 reports wait")]
    [InlineData("ru", "signIn.retryIn", 1, "через 1 секунду.")]
    [InlineData("ru", "signIn.retryIn", 2, "через 2 секунды.")]
    [InlineData("ru", "signIn.retryIn", 5, "через 5 секунд.")]
    [InlineData("ru", "signIn.retryIn", 11, "через 11 секунд.")]
    [InlineData("ru", "signIn.retryIn", 21, "через 21 секунду.")]
    [InlineData("ru", "signIn.retryIn", 1443, "через 1443 секунды.")]
    [InlineData("kk", "signIn.retryIn", 21, "21 секундтан кейін")]
    [InlineData("ru", "password.minLength", 21, "не менее 21 символа.")]
    [InlineData("ru", "password.minLength", 10, "не менее 10 символов.")]
    [InlineData("ru", "error.atMostCharacters", 2000, "не более 2000 символов")]
    [InlineData("ru", "error.atMostCharacters", 101, "не более 101 символа")]
    public void A_sentence_with_a_count_agrees_with_it(string culture, string key, long n, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            Assert.Contains(expected, Plurals.Count(t, key, n), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("ru", 1, "1 задержание в 2026 году")]
    [InlineData("ru", 3, "3 задержания в 2026 году")]
    [InlineData("ru", 1443, "1443 задержания в 2026 году")]
    [InlineData("ru", 11, "11 задержаний в 2026 году")]
    [InlineData("kk", 1443, "2026 жылы 1443 ұстау;")]
    public void A_withheld_count_reads_as_many_and_a_shown_one_as_itself(string culture, long n, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            Assert.Contains(expected, Plurals.Sentence(t, "detentions.faults", n, n, 2026), StringComparison.Ordinal);
            if (culture == "ru")
            {
                Assert.Contains("<5 задержаний", Plurals.Sentence(t, "detentions.faults", Plurals.Many, "<5", 2026), StringComparison.Ordinal);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Every_plural_has_its_three_forms_in_every_language_and_each_language_its_own_agreement()
    {
        var en = GlossaryTests.Resources.Read(Shared + ".resx");
        var kk = GlossaryTests.Resources.Read(Shared + ".kk.resx");
        var ru = GlossaryTests.Resources.Read(Shared + ".ru.resx");
        var keys = en.Keys.Concat(kk.Keys).Concat(ru.Keys).Select(k => PluralKey().Match(k)).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(keys);
        var wrong = new List<string>();
        foreach (var key in keys)
        {
            foreach (var (lang, texts) in new[] { ("en", en), ("kk", kk), ("ru", ru) })
            {
                foreach (var form in Forms)
                {
                    if (!texts.TryGetValue($"{key}.{form}", out var text) || !text.Contains("{0}", StringComparison.Ordinal))
                    {
                        wrong.Add($"{lang}: {key}.{form} is missing or has no {{0}}");
                    }
                }
            }

            string F(Dictionary<string, string> texts, string form) => texts.GetValueOrDefault($"{key}.{form}", "");
            if (F(en, "one") == F(en, "many"))
            {
                wrong.Add($"en: {key}.one reads as {key}.many");
            }

            if (F(ru, "one") == F(ru, "many"))
            {
                wrong.Add($"ru: {key}.one reads as {key}.many");
            }

            // "few" is the genitive singular (2 записи) and differs from "many" (5 записей), unless a preposition or a
            // limit puts the count itself in the genitive: из 2 сообщений, не более 2 символов.
            if (F(ru, "few") == F(ru, "many") && !GenitiveCount().IsMatch(F(ru, "few")))
            {
                wrong.Add($"ru: {key}.few reads as {key}.many: {F(ru, "few")}");
            }

            // Kazakh keeps the noun singular after a numeral: one form, and no plural ending after the count.
            if (F(kk, "one") != F(kk, "many") || F(kk, "few") != F(kk, "many"))
            {
                wrong.Add($"kk: {key} has more than one form");
            }

            if (KazakhPluralAfterCount().IsMatch(F(kk, "many")))
            {
                wrong.Add($"kk: {key} has a plural noun after the count: {F(kk, "many")}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>
    /// A count followed by a plural noun outside the plural resources would read wrong for some numbers: in English
    /// ("{0} seconds" reads "1 seconds"), in Russian a genitive plural after a count ("{0} задержаний"), in Kazakh any
    /// plural after a count ("{0} хабарламалар").
    /// </summary>
    [Fact]
    public void No_count_with_a_noun_is_shown_outside_the_plural_resources()
    {
        // Not a count of things: a decimal average, shown with an abbreviated unit (ч, сағ) in Russian and Kazakh.
        string[] allowed = ["On average {0} hours from receipt to registration."];
        var wrong = new List<string>();
        foreach (var file in new[] { Shared, "src/Aigaq/Notifications/Messages" })
        {
            var en = GlossaryTests.Resources.Read(file + ".resx");
            var kk = GlossaryTests.Resources.Read(file + ".kk.resx");
            var ru = GlossaryTests.Resources.Read(file + ".ru.resx");
            foreach (var key in en.Keys.Where(k => !PluralKey().IsMatch(k) && !allowed.Contains(k)))
            {
                if (EnglishCount().Matches(en[key]).Any(m => !NotNouns.Contains(m.Groups[1].Value)))
                {
                    wrong.Add($"en: {key}");
                }

                if (RussianCount().IsMatch(ru.GetValueOrDefault(key, "")))
                {
                    wrong.Add($"ru: {key}: {ru[key]}");
                }

                if (KazakhPluralAfterCount().IsMatch(kk.GetValueOrDefault(key, "")))
                {
                    wrong.Add($"kk: {key}: {kk[key]}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Show these counts with Plurals.Count or Plurals.Sentence:\n" + string.Join('\n', wrong));
    }

    private const string Shared = "src/Aigaq/Web/Resources/SharedResource";
    private static readonly string[] Forms = ["one", "few", "many"];
    private static readonly HashSet<string> NotNouns = new(["is", "was", "has", "does", "as", "its", "this", "gets"], StringComparer.Ordinal);

    [GeneratedRegex(@"^(.+)\.(one|few|many)$")]
    private static partial Regex PluralKey();

    [GeneratedRegex(@"(^|\s)(из|не более|не менее)\s+\{0\}", RegexOptions.IgnoreCase)]
    private static partial Regex GenitiveCount();

    [GeneratedRegex(@"\{\d\}\s+\w*(лар|лер|дар|дер|тар|тер)(ы|і|ды|ді|ға|ге|да|де|дан|ден|дың|дің|мен)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex KazakhPluralAfterCount();

    [GeneratedRegex(@"\{\d\}\s+(?:[a-z-]+\s+)?([a-z]+s)\b")]
    private static partial Regex EnglishCount();

    [GeneratedRegex(@"\{\d\}\s+[а-яё]+(ов|ей|ий|ев)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RussianCount();
}
