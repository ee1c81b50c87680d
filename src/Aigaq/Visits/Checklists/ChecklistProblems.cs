using Aigaq.Facilities;

namespace Aigaq.Visits;

public sealed partial record VisitChecklist
{
    /// <summary>What is wrong with the document, each a short phrase naming what it is about; none for a sound one.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Id) || Version < 1)
        {
            yield return "id must be given and version be 1 or more";
        }

        // Themes, kinds and items share one set of ids: each is the label key Checklist.<id>.
        foreach (var id in Themes.Concat(Kinds.Select(k => k.Id)).Concat(Items.Select(i => i.Id)).GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"duplicate id {id.Key}";
        }

        foreach (var source in Sources.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"duplicate source {source.Key}";
        }

        if (Themes.Length == 0 || Kinds.Length == 0)
        {
            yield return "themes and kinds must be listed";
        }

        foreach (var problem in Kinds.SelectMany(KindProblems))
        {
            yield return problem;
        }

        foreach (var problem in Items.SelectMany(ItemProblems))
        {
            yield return problem;
        }
    }

    private IEnumerable<string> KindProblems(PlaceKind kind)
    {
        if (Parse<FacilityType>(kind.FacilityType) is null)
        {
            yield return $"kind {kind.Id} has a facility type the register does not know: {kind.FacilityType}";
        }

        if (kind.Agency is not null && Parse<Agency>(kind.Agency) is null)
        {
            yield return $"kind {kind.Id} has an agency the register does not know: {kind.Agency}";
        }

        if (Array.Find(Kinds, k => k != kind && Same(k.FacilityType, kind.FacilityType) && Same(k.Agency, kind.Agency)) is { } other)
        {
            yield return $"kinds {kind.Id} and {other.Id} cover the same facilities";
        }

        if (!Items.Any(i => i.AppliesTo(kind.Id)))
        {
            yield return $"kind {kind.Id} has no items";
        }
    }

    private IEnumerable<string> ItemProblems(ChecklistItem item)
    {
        if (!Themes.Contains(item.Theme, StringComparer.Ordinal))
        {
            yield return $"item {item.Id} has an unknown theme {item.Theme}";
        }

        if (item.Kinds is { Length: 0 })
        {
            yield return $"item {item.Id} lists no kind (leave kinds out for every kind)";
        }

        foreach (var kind in (item.Kinds ?? []).Where(k => Kind(k) is null))
        {
            yield return $"item {item.Id} names a kind not known: {kind}";
        }

        if (!AnswerTypes.Contains(item.Answer, StringComparer.Ordinal))
        {
            yield return $"item {item.Id} has an unknown answer type {item.Answer}: one of {string.Join(", ", AnswerTypes)}";
        }
        else if (item.Answer == "choice" && (item.Options is not { Length: >= 2 } || item.Options.Distinct(StringComparer.Ordinal).Count() != item.Options.Length))
        {
            yield return $"item {item.Id} is a choice without options (two or more, each once)";
        }
        else if (item.Answer != "choice" && item.Options is not null)
        {
            yield return $"item {item.Id} has options but is no choice";
        }

        if (item.Concern is not null && !YesNoValues(item.Answer).Contains(item.Concern, StringComparer.Ordinal))
        {
            yield return $"item {item.Id} has a concern {item.Concern} that is no answer of a yes/no item";
        }

        if (item.Evidence is not null && !EvidenceKinds.Contains(item.Evidence, StringComparer.Ordinal))
        {
            yield return $"item {item.Id} expects unknown evidence {item.Evidence}: one of {string.Join(", ", EvidenceKinds)}";
        }

        foreach (var source in (item.Refs ?? []).Select(r => r.Source).Where(s => !Sources.Any(x => x.Id == s)))
        {
            yield return $"item {item.Id} refers to an unknown source {source}";
        }
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The answers of a yes/no item, empty for other types.</summary>
    internal static string[] YesNoValues(string answerType) => answerType switch
    {
        "yesNo" => ["yes", "no"],
        "yesNoNa" => ["yes", "no", "na"],
        _ => [],
    };
}
