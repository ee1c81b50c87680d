using System.Text.Json.Nodes;
using Aigaq.Rules;
using Aigaq.Tests.Web;

namespace Aigaq.Tests.Rules;

/// <summary>
/// The figures added for visits and recommendations (issues 17 and 18) carry a <c>sources</c> note as their neighbours do,
/// each note naming a figure the pack holds; and the pack's mechanisms have a label in kk, ru and en for the pages.
/// </summary>
public sealed class RulePackSourcesTests
{
    private static readonly string[] Figures =
    [
        "visitPlanning.lastVisitCapDays",
        "visitPlanning.weights.daysSinceLastVisit",
        "visitPlanning.weights.openRecommendations",
        "visitPlanning.weights.repeatedRecommendations",
        "visitPlanning.weights.accessDenials",
        "visitInterviews.followUpWithinDays",
        "visitInterviews.followUpAtMostDays",
        "visitInterviews.vulnerabilities",
        "visitRecommendations.repeatSimilarity",
        "visitRecommendations.responseDueMaxDays",
        "recommendations.followUpReminderDays",
        "recommendations.mechanisms",
    ];

    [Fact]
    public void The_figures_of_visits_and_recommendations_have_sources_notes_naming_figures_of_the_pack()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(GlossaryTests.Glossary.Root(), "src/Aigaq/Rules/Packs/kz-2024-03-01.json")))!;
        var sources = json["sources"]!.AsObject();
        foreach (var figure in Figures)
        {
            Assert.True(sources[figure]?.GetValue<string>() is { Length: > 20 }, $"{figure} has no sources note");
            var node = figure.Split('.').Aggregate((JsonNode?)json, (at, part) => at?[part]);
            Assert.True(node is not null, $"the note {figure} names no figure of the pack");
        }

        // The severities of the new alert codes are explained, each code named in a note.
        var severities = string.Join(' ', sources.Where(s => s.Key.StartsWith("alerts.severity", StringComparison.Ordinal)).Select(s => s.Value!.GetValue<string>()));
        foreach (var code in new[]
        {
            Aigaq.Alerts.AlertCodes.AccessDenied, Aigaq.Alerts.AlertCodes.UnregisteredDetainee, Aigaq.Alerts.AlertCodes.RegisteredButAbsent,
            Aigaq.Alerts.AlertCodes.RepeatedRecommendation, Aigaq.Alerts.AlertCodes.RecommendationResponseOverdue,
            Aigaq.Alerts.AlertCodes.RecommendationFollowUpDue, Aigaq.Alerts.AlertCodes.MeasureOverdue,
        })
        {
            Assert.Contains(code, severities, StringComparison.Ordinal);
            Assert.NotNull(json["alerts"]!["severity"]![code]);
        }
    }

    [Fact]
    public void Every_mechanism_of_the_packs_has_a_label_in_the_three_languages()
    {
        var keys = RulePackCatalog.LoadEmbedded().All.SelectMany(p => p.Recommendations.Mechanisms).Distinct().Select(m => "Mechanism." + m).ToList();
        Assert.NotEmpty(keys);
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.kk.resx", "SharedResource.ru.resx" })
        {
            var labels = GlossaryTests.Resources.Read("src/Aigaq/Web/Resources/" + file);
            Assert.Empty(keys.Where(k => string.IsNullOrWhiteSpace(labels.GetValueOrDefault(k))).Select(k => $"{file}: {k}"));
        }
    }
}
