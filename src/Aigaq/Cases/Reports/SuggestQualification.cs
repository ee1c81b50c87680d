using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;

namespace Aigaq.Cases;

/// <summary>The facts a person answers for the qualification aid (CONTRACT.md leaves their shape to us).</summary>
public sealed record QualificationInput(bool? OfficialCapacity, List<string>? Purposes, List<string>? Aggravating);

/// <summary>The qualification aid's question on its own: <c>POST /api/v1/qualification/suggest</c>.</summary>
public sealed record SuggestRequest(bool? OfficialCapacity, List<string>? Purposes, List<string>? Aggravating);

/// <summary>
/// The qualification aid (art. 146 parts by the rule pack): which part the answers suggest, and the checks that
/// registration and requalification share.
/// </summary>
public static class SuggestQualification
{
    /// <summary>The aid's answer to the API's question, or the fields it cannot read.</summary>
    public static Answer<QualificationSuggestion?> Handle(SuggestRequest body, RulePackCatalog rules, TimeProvider clock)
    {
        var v = new Validation();
        var suggestion = Suggest(v, rules.At(clock.GetUtcNow()), new QualificationInput(body.OfficialCapacity, body.Purposes, body.Aggravating));
        return v.IsValid ? Answer<QualificationSuggestion?>.Ok(suggestion) : new ProblemResult(v.Problem());
    }

    /// <summary>Torture as stated, else by the part, else by the aid's finding of a purpose.</summary>
    internal static bool Torture(RulePack pack, int part, bool? stated, QualificationSuggestion? suggestion) =>
        stated ?? (Jurisdiction.IsTorturePart(pack, part) || suggestion?.Torture == true);

    /// <summary>A part of the article the pack knows, named in the error when not.</summary>
    internal static int? Part(Validation v, RulePack pack, int? part)
    {
        if (part is null)
        {
            v.Add("part", "is required");
            return null;
        }

        if (pack.Cases.Part(part.Value) is null)
        {
            v.Add("part", $"must be one of {string.Join(", ", pack.Cases.Parts.Keys.Order())} (parts of art. {pack.Cases.Article})");
            return null;
        }

        return part;
    }

    /// <summary>The aid's suggestion from the answers given, if any; unknown purposes and features are named.</summary>
    internal static QualificationSuggestion? Suggest(Validation v, RulePack pack, QualificationInput? input)
    {
        if (input is null)
        {
            return null;
        }

        var q = pack.Cases.Qualification;
        var purposes = input.Purposes ?? [];
        var aggravating = input.Aggravating ?? [];
        foreach (var unknown in QualificationAid.Unknown(purposes, q.Purposes))
        {
            v.Add("qualification.purposes", $"'{unknown}' is not one of {string.Join(", ", q.Purposes)}");
        }

        foreach (var unknown in QualificationAid.Unknown(aggravating, q.Aggravating.Keys))
        {
            v.Add("qualification.aggravating", $"'{unknown}' is not one of {string.Join(", ", q.Aggravating.Keys.Order(StringComparer.Ordinal))}");
        }

        var official = v.Required("qualification.officialCapacity", input.OfficialCapacity);
        return QualificationAid.Suggest(pack, new QualificationAnswers(official, purposes, aggravating));
    }

    internal static JsonObject Qualification(int part, bool torture, Rules.BodyKind body, QualificationInput? answers, QualificationSuggestion? suggestion)
    {
        var data = new JsonObject { ["part"] = part, ["torture"] = torture, ["routedTo"] = body.ToString() };
        if (answers is not null && suggestion is not null)
        {
            data["answers"] = new JsonObject
            {
                ["officialCapacity"] = answers.OfficialCapacity,
                ["purposes"] = new JsonArray([.. (answers.Purposes ?? []).Select(p => (JsonNode)p)]),
                ["aggravating"] = new JsonArray([.. (answers.Aggravating ?? []).Select(a => (JsonNode)a)]),
            };
            data["suggestion"] = new JsonObject
            {
                ["part"] = suggestion.Part,
                ["torture"] = suggestion.Torture,
                ["reasons"] = new JsonArray([.. suggestion.Reasons.Select(r => (JsonNode)r)]),
            };
        }

        return data;
    }
}
