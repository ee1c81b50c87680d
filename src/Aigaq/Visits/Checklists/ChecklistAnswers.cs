using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Web;

namespace Aigaq.Visits;

public sealed partial record VisitChecklist
{
    /// <summary>The longest text answer, in characters.</summary>
    public const int MaxText = 2000;

    /// <summary>The largest number an answer may give (a count, square metres, hours, months).</summary>
    public const decimal MaxNumber = 1_000_000m;

    /// <summary>
    /// Checks an answer to an item, as the visits area records it: the value to store (<c>"yes"</c>, <c>"no"</c>,
    /// <c>"na"</c>, a number, the trimmed text, an option's id), or null with an error added to <paramref name="v"/>. An
    /// item the checklist does not have, or not asked at <paramref name="kind"/>, is an error on
    /// <paramref name="itemField"/>; a wrong answer on <paramref name="answerField"/>; both fields are
    /// <c>answers.&lt;itemId&gt;</c> unless named. A text answer is free text that may name people: whoever stores it
    /// commits it to the log as a digest only.
    /// </summary>
    public JsonNode? Validate(Validation v, string? itemId, JsonElement answer, string? kind = null, string? itemField = null, string? answerField = null)
    {
        itemField ??= $"answers.{itemId}";
        answerField ??= $"answers.{itemId}";
        if (Item(itemId) is not { } item)
        {
            v.Add(itemField, $"is not an item of checklist {Name}");
            return null;
        }

        if (kind is not null && !item.AppliesTo(kind))
        {
            v.Add(itemField, $"is not asked at a {kind} in checklist {Name}");
            return null;
        }

        if (answer.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            v.Add(answerField, "is required");
            return null;
        }

        switch (item.Answer)
        {
            case "yesNo" or "yesNoNa" or "choice":
                var allowed = item.Answer == "choice" ? item.Options! : YesNoValues(item.Answer);
                if (answer.ValueKind == JsonValueKind.String && allowed.Contains(answer.GetString(), StringComparer.Ordinal))
                {
                    return answer.GetString();
                }

                v.Add(answerField, "must be one of " + string.Join(", ", allowed));
                return null;
            case "number":
                if (answer.ValueKind == JsonValueKind.Number && answer.TryGetDecimal(out var number) && number is >= 0 and <= MaxNumber)
                {
                    return number;
                }

                v.Add(answerField, $"must be a number from 0 to {MaxNumber:0}");
                return null;
            default:
                if (answer.ValueKind != JsonValueKind.String)
                {
                    v.Add(answerField, "must be text");
                    return null;
                }

                var text = v.Required(answerField, answer.GetString(), MaxText);
                return v.Has(answerField) ? null : text;
        }
    }
}
