using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Aigaq.Tests.Web;

/// <summary>
/// The pages speak one vocabulary (issue 14, item 9): docs/glossary.json names each domain term in English, Kazakh and
/// Russian; every resource whose English uses a term uses the glossary's word for it in Kazakh and Russian, never a word
/// the glossary rules out, and the words of terms that were confused (a torture report, a notification, an alert, a
/// referral) appear nowhere else. docs/glossary.md is written from the same file.
/// </summary>
public sealed class GlossaryTests
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly string[] Languages = ["kk", "ru"];

    [Fact]
    public void Every_resource_that_uses_a_term_uses_the_glossarys_word_for_it()
    {
        var wrong = new List<string>();
        var terms = Glossary.Load().Terms;
        foreach (var term in terms)
        {
            foreach (var entry in Resources.All().Where(e => term.En.IsMatch(e.En)))
            {
                // A word ruled out for this term is right where the English also names the term it belongs to
                // ("Reports, cases and verdicts" says the report's word beside the case's).
                var others = terms.Where(o => o != term && o.En.IsMatch(entry.En)).ToList();
                foreach (var lang in Languages)
                {
                    var text = entry.In(lang);
                    if (!term.Stem(lang).IsMatch(text))
                    {
                        wrong.Add($"{term.Id}, {lang}: \"{entry.Key}\" does not say \"{term.Word(lang)}\": {text}");
                    }

                    foreach (var avoid in term.Avoid(lang).Where(a => a.IsMatch(text) && !others.Any(o => a.IsMatch(o.Word(lang)))))
                    {
                        wrong.Add($"{term.Id}, {lang}: \"{entry.Key}\" uses \"{avoid}\", which the glossary rules out: {text}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void The_word_of_a_term_that_was_confused_appears_only_where_the_English_uses_that_term()
    {
        var wrong = new List<string>();
        foreach (var term in Glossary.Load().Terms.Where(t => t.Exclusive))
        {
            foreach (var entry in Resources.All().Where(e => !term.En.IsMatch(e.En)))
            {
                wrong.AddRange(Languages.Where(lang => term.Stem(lang).IsMatch(entry.In(lang)))
                    .Select(lang => $"{term.Id}, {lang}: \"{entry.Key}\" says \"{term.Word(lang)}\" but its English does not: {entry.In(lang)}"));
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void No_two_terms_share_a_word()
    {
        var terms = Glossary.Load().Terms;
        foreach (var lang in Languages)
        {
            foreach (var a in terms)
            {
                Assert.True(a.Stem(lang).IsMatch(a.Head(lang)), $"{a.Id}, {lang}: the stem does not match its own word {a.Head(lang)}");
                foreach (var b in terms.Where(b => b != a && b.Head(lang) != a.Head(lang)))
                {
                    Assert.False(a.Stem(lang).IsMatch(b.Head(lang)), $"{lang}: the word of {b.Id}, {b.Head(lang)}, is taken for {a.Id}");
                }
            }

            // Nor do two terms have the same head word.
            var heads = terms.GroupBy(t => t.Head(lang).ToLowerInvariant()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(heads.Count == 0, $"{lang}: head words used by two terms: {string.Join(", ", heads)}");
        }

        // The words that the issue found confused.
        var report = terms.Single(t => t.Id == "report");
        var notification = terms.Single(t => t.Id == "notification");
        var alert = terms.Single(t => t.Id == "alert");
        Assert.DoesNotMatch(report.Stem("kk"), notification.Word("kk"));
        Assert.DoesNotMatch(notification.Stem("kk"), report.Word("kk"));
        Assert.Distinct(new[] { report.Word("ru"), notification.Word("ru"), alert.Word("ru") });
    }

    [Fact]
    public void The_glossary_page_is_written_from_the_glossary()
    {
        var expected = Glossary.Load().Table();
        var page = File.ReadAllText(Path.Combine(Glossary.Root(), "docs", "glossary.md")).ReplaceLineEndings("\n");
        const string start = "<!-- glossary: written from glossary.json, checked by GlossaryTests -->\n";
        const string end = "<!-- glossary end -->";
        var from = page.IndexOf(start, StringComparison.Ordinal);
        var to = page.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "docs/glossary.md has no glossary table between its markers");
        Assert.True(page[(from + start.Length)..to] == expected, "docs/glossary.md differs from docs/glossary.json; its table should read:\n" + expected);
    }

    internal sealed record Term(
        string Id, Regex En, IReadOnlyDictionary<string, Regex> Stems, IReadOnlyDictionary<string, Regex[]> Avoids,
        IReadOnlyDictionary<string, string> Words, IReadOnlyDictionary<string, string> Heads, bool Exclusive, JsonElement Json)
    {
        public Regex Stem(string lang) => Stems[lang];

        public Regex[] Avoid(string lang) => Avoids[lang];

        public string Word(string lang) => Words[lang];

        public string Head(string lang) => Heads[lang];
    }

    internal sealed class Glossary(IReadOnlyList<Term> terms)
    {
        public IReadOnlyList<Term> Terms => terms;

        public static string Root()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Aigaq.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (the folder of Aigaq.slnx) is not above " + AppContext.BaseDirectory);
        }

        public static Glossary Load()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "docs", "glossary.json")));
            var terms = doc.RootElement.GetProperty("terms").EnumerateArray().Select(t =>
            {
                var match = t.GetProperty("match");
                var avoid = t.GetProperty("avoid");
                var head = t.GetProperty("head");
                return new Term(
                    t.GetProperty("id").GetString()!,
                    new Regex(match.GetProperty("en").GetString()!, Options),
                    Languages.ToDictionary(l => l, l => new Regex(match.GetProperty(l).GetString()!, Options)),
                    Languages.ToDictionary(l => l, l => avoid.GetProperty(l).EnumerateArray().Select(a => new Regex(a.GetString()!, Options)).ToArray()),
                    Languages.ToDictionary(l => l, l => t.GetProperty(l).GetString()!),
                    Languages.ToDictionary(l => l, l => head.GetProperty(l).GetString()!),
                    t.GetProperty("exclusive").GetBoolean(),
                    t.Clone());
            }).ToList();
            Assert.NotEmpty(terms);
            return new Glossary(terms);
        }

        /// <summary>The Markdown table of docs/glossary.md.</summary>
        public string Table()
        {
            var s = new StringBuilder();
            s.Append("| term | қазақша | русский | what it is | not to use | source |\n");
            s.Append("| --- | --- | --- | --- | --- | --- |\n");
            foreach (var t in terms)
            {
                string F(string name) => t.Json.GetProperty(name).GetString()!;
                var not = string.Join("; ", new[] { ("en", F("notEn")), ("kk", F("notKk")), ("ru", F("notRu")) }
                    .Where(x => x.Item2.Length > 0).Select(x => $"{x.Item1}: {x.Item2}"));
                s.Append(CultureInfo.InvariantCulture, $"| {F("en")} | {F("kk")} | {F("ru")} | {F("definition")} | {not} | {F("source")} |\n");
            }

            return s.ToString();
        }
    }

    internal sealed record Entry(string Key, string En, string Kk, string Ru)
    {
        public string In(string lang) => lang == "kk" ? Kk : Ru;
    }

    /// <summary>The translated texts: the pages' shared resources and the notification messages.</summary>
    internal static class Resources
    {
        private static readonly string[] Files = ["src/Aigaq/Web/Resources/SharedResource", "src/Aigaq/Notifications/Messages"];

        public static IReadOnlyList<Entry> All() =>
            [.. Files.SelectMany(f =>
            {
                var en = Read(f + ".resx");
                var kk = Read(f + ".kk.resx");
                var ru = Read(f + ".ru.resx");
                return en.Select(e => new Entry(e.Key, e.Value, kk.GetValueOrDefault(e.Key, ""), ru.GetValueOrDefault(e.Key, "")));
            })];

        public static Dictionary<string, string> Read(string file) =>
            XDocument.Load(Path.Combine(Glossary.Root(), file)).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }
}
