using Aigaq.Visits.Answers;
using Aigaq.Visits.Interviews;

namespace Aigaq.Visits;

/// <summary>
/// The report's sections for the parts of a visit recorded after the arrival (issue 17, items 6 to 8): the checklist's
/// answers by theme (each item's latest revision, labelled in the report's language), the private interviews, the team's
/// recommendations and the departure. The full version prints them; the public version prints counts only: answers per
/// theme, interviews held (a small count withheld), recommendations by theme, priority and status, and how many
/// addressees (an addressee is a post and a name, free text that may name a person, so it is never printed there). No
/// interview code, no answer or note, no recommendation's text or addressee is in a public section. In the full version an
/// answer given without the evidence its item asks for (<see cref="ChecklistItem.LacksEvidence"/>) says so, from the media
/// types of the files attached to each item (<see cref="EvidenceTypes"/>).
/// </summary>
public sealed record VisitReportParts(
    KindChecklist? Checklist,
    IReadOnlyList<VisitChecklistAnswer> Answers,
    IReadOnlyList<VisitInterview> Interviews,
    IReadOnlyList<VisitReportParts.Recommendation> Recommendations,
    DateTimeOffset? DepartedAt,
    ILookup<string, string>? EvidenceTypes = null)
{
    /// <summary>A recommendation as the report reads it: its latest response's status, none before any.</summary>
    public sealed record Recommendation(
        string Number, string Addressee, string Theme, string Text, RecommendationPriority Priority, DateOnly ResponseDueBy, bool Repeated,
        RecommendationResponseStatus? Status);

    /// <summary>The sections, in the report's language (run inside <see cref="VisitReportText.In{T}"/>).</summary>
    /// <remarks>
    /// The public version gives only how many interviews were held, and withholds a count below
    /// <paramref name="smallCell"/> (the rule pack's small-count threshold): a public "one allegation, one person at risk"
    /// beside a named place and day would tell the custodians who spoke to the team.
    /// </remarks>
    public IReadOnlyList<VisitReportSection> Sections(VisitReportText text, bool full, int smallCell)
    {
        var sections = new List<VisitReportSection>();
        sections.AddRange(full ? FullAnswers(text) : PublicAnswers(text));
        sections.Add(full ? FullInterviews(text) : PublicInterviews(text, smallCell));
        sections.AddRange(full ? FullRecommendations(text) : PublicRecommendations(text));
        sections.Add(new VisitReportSection(text["Departure"], [new VisitReportLine(text["DepartedAt"], DepartedAt is { } at ? text.Time(at) : text["NotDeparted"])]));
        return sections;
    }

    /// <summary>Each item's answer now: the latest revision of the item's answers on the visit.</summary>
    private Dictionary<string, VisitChecklistAnswer> Current() => Answers.GroupBy(a => a.ItemId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.MaxBy(a => a.Revision)!, StringComparer.Ordinal);

    /// <summary>The themes in the checklist's order, each with its items; an answer to an item the kind does not list goes last, under its item id.</summary>
    private List<(string Theme, List<string> Items)> Themes()
    {
        var themes = (Checklist?.Themes ?? []).Select(t => (t.Id, Items: t.Items.Select(i => i.Id).ToList())).ToList();
        var listed = themes.SelectMany(t => t.Items).ToHashSet(StringComparer.Ordinal);
        var rest = Answers.Select(a => a.ItemId).Where(i => !listed.Contains(i)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (rest.Count > 0)
        {
            themes.Add(("", rest));
        }

        return themes;
    }

    private IEnumerable<VisitReportSection> FullAnswers(VisitReportText text)
    {
        var current = Current();
        var items = (Checklist?.Themes ?? []).SelectMany(t => t.Items).ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var (theme, ids) in Themes())
        {
            yield return new VisitReportSection(
                text.Format("AnswersOf", ThemeLabel(text, theme)),
                [.. ids.Select(i => new VisitReportLine(
                    text.Named("Checklist." + i, i),
                    current.TryGetValue(i, out var a)
                        ? Shown(text, items.GetValueOrDefault(i), a) + (string.IsNullOrWhiteSpace(a.Note) ? "" : "\n" + a.Note) + Missing(text, items.GetValueOrDefault(i), a)
                        : "—"))]);
        }
    }

    /// <summary>"Photograph asked, none attached" on a line of its own when the answer lacks the evidence its item asks for.</summary>
    private string Missing(VisitReportText text, ChecklistItem? item, VisitChecklistAnswer a) =>
        item?.Evidence is { } asked && item.LacksEvidence(System.Text.Json.Nodes.JsonNode.Parse(a.Value), EvidenceTypes?[a.ItemId] ?? [])
            ? "\n" + text.Named("EvidenceMissing." + asked, asked)
            : "";

    private IEnumerable<VisitReportSection> PublicAnswers(VisitReportText text)
    {
        var current = Current();
        yield return new VisitReportSection(
            text["Answers"],
            [
                new VisitReportLine(text["AnsweredOfAsked"], ""),
                .. Themes().Select(t => new VisitReportLine(
                    ThemeLabel(text, t.Theme), VisitReportText.Number(t.Items.Count(current.ContainsKey)) + " / " + VisitReportText.Number(t.Items.Count))),
            ]);
    }

    private VisitReportSection FullInterviews(VisitReportText text) => new(
        text["Interviews"],
        [
            new VisitReportLine(text["InterviewsHeld"], VisitReportText.Number(Interviews.Count)),
            .. Interviews.Select(i => new VisitReportLine(
                i.Code,
                string.Join("\n", new[]
                {
                    text.Time(i.At),
                    text["InPrivate"] + ": " + text.YesNo(i.Private),
                    text["Allegation"] + ": " + text.YesNo(i.Allegation),
                    text["ReprisalRisk"] + ": " + text.Label(i.ReprisalRisk),
                    i.Flags().Count == 0 ? null : text["Vulnerabilities"] + ": " + string.Join(", ", i.Flags().Select(f => text.Named("Vulnerability." + f, f))),
                }.OfType<string>()))),
        ]);

    private VisitReportSection PublicInterviews(VisitReportText text, int smallCell) => new(
        text["Interviews"],
        [
            new VisitReportLine(
                text["InterviewsHeld"],
                Interviews.Count is > 0 and var n && n < smallCell
                    ? text.FewerThan(smallCell)
                    : VisitReportText.Number(Interviews.Count)),
        ]);

    private IEnumerable<VisitReportSection> FullRecommendations(VisitReportText text)
    {
        yield return new VisitReportSection(
            text["Recommendations"],
            [
                new VisitReportLine(text["RecommendationsMade"], VisitReportText.Number(Recommendations.Count)),
                .. Recommendations.Select(r => new VisitReportLine(
                    r.Number + " · " + ThemeLabel(text, r.Theme),
                    string.Join("\n", new[]
                    {
                        text["Addressee"] + ": " + r.Addressee,
                        text["Priority"] + ": " + text.Label(r.Priority),
                        text["ResponseDueBy"] + ": " + r.ResponseDueBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        text["ResponseStatus"] + ": " + Status(text, r.Status),
                        r.Repeated ? text["MadeAgain"] : null,
                        r.Text,
                    }.OfType<string>()))),
            ]);
    }

    private IEnumerable<VisitReportSection> PublicRecommendations(VisitReportText text)
    {
        yield return new VisitReportSection(
            text["Recommendations"],
            [
                new VisitReportLine(text["RecommendationsMade"], VisitReportText.Number(Recommendations.Count)),
                new VisitReportLine(text["MadeAgain"], VisitReportText.Number(Recommendations.Count(r => r.Repeated))),
                new VisitReportLine(
                    text["Addressees"], VisitReportText.Number(Recommendations.Select(r => RecommendationMatch.Normal(r.Addressee)).Distinct(StringComparer.Ordinal).Count())),
            ]);
        if (Recommendations.Count == 0)
        {
            yield break;
        }

        yield return new VisitReportSection(text["RecommendationsByTheme"], [.. Recommendations.GroupBy(r => r.Theme, StringComparer.Ordinal)
            .Select(g => new VisitReportLine(ThemeLabel(text, g.Key), VisitReportText.Number(g.Count())))]);
        yield return new VisitReportSection(text["RecommendationsByPriority"], [.. Enum.GetValues<RecommendationPriority>()
            .Select(p => new VisitReportLine(text.Label(p), VisitReportText.Number(Recommendations.Count(r => r.Priority == p))))]);
        yield return new VisitReportSection(text["RecommendationsByStatus"], [.. StatusNames
            .Select(s => new VisitReportLine(Status(text, s), VisitReportText.Number(Recommendations.Count(r => r.Status == s))))]);
    }

    /// <summary>Before any response, then each response status.</summary>
    private static readonly RecommendationResponseStatus?[] StatusNames = [null, .. Enum.GetValues<RecommendationResponseStatus>().Select(s => (RecommendationResponseStatus?)s)];

    public static string Status(VisitReportText text, RecommendationResponseStatus? status) =>
        text.Named("RecommendationStatus." + (status is { } s ? Web.Json.Name(s) : ListVisitRecommendations.Awaiting), status?.ToString() ?? ListVisitRecommendations.Awaiting);

    public static string ThemeLabel(VisitReportText text, string theme) => theme.Length == 0 ? text["OtherItems"] : text.Named("Checklist." + theme, theme);

    /// <summary>An answer as the visit page shows it: a choice's or yes/no's label, a number or text as given.</summary>
    private static string Shown(VisitReportText text, ChecklistItem? item, VisitChecklistAnswer a)
    {
        var value = System.Text.Json.Nodes.JsonNode.Parse(a.Value);
        if (value?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return value?.ToJsonString() ?? "";
        }

        var s = value.GetValue<string>();
        return (item?.Answer ?? a.AnswerType) switch
        {
            "choice" => text.Named("Checklist." + a.ItemId + "." + s, s),
            "yesNo" or "yesNoNa" => text.Named("Answer." + s, s),
            _ => s,
        };
    }
}
