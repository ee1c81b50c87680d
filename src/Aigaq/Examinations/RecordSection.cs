using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Examinations;

/// <summary><c>POST /api/v1/examinations/{id}/sections/{section}</c>: the section's fields by their form ids.</summary>
public sealed record RecordSectionRequest(Dictionary<string, JsonElement>? Fields);

public sealed record SectionRecorded(Guid Id, Guid ExaminationId, string Section);

/// <summary>
/// A section of the national form (the allegations, the history, the psychological evaluation, the interpretation...)
/// as the examination's form version defines it: only its fields, each of its type. Recording a section again supersedes
/// the earlier record, which stays. Every section but the circumstances (which say, among others, why an examination
/// did not take place) needs the person's consent to be examined.
/// </summary>
public sealed class RecordSection(AigaqDb db, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public const string Circumstances = "circumstances";

    public async Task<Outcome<SectionRecorded>> HandleAsync(Guid id, string section, RecordSectionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "sections", ct);
        if (open is null)
        {
            return problem;
        }

        var v = new Validation();
        if (open.Form.Section(section) is not { } definition)
        {
            v.Add("section", $"is not a section of form {open.Form.Id}: one of " + string.Join(", ", open.Form.Sections.Select(s => s.Id)));
            return new ProblemResult(v.Problem());
        }

        var fields = Fields(v, definition, request.Fields);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (section != Circumstances && await ExaminationWrites.WithoutConsentAsync(db, open.Exam, ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var row = new ExaminationSection
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            Section = section,
            Fields = fields.ToJsonString(),
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(row);
        LedgerWriter.Append(db, ExaminationLedger.SectionRecorded, row.Id, now, ExaminationLedger.Content(row));
        log.Add(user, "examination.section", id.ToString(), "allowed");
        return Outcome<SectionRecorded>.Created(() => new SectionRecorded(row.Id, id, section), $"/api/v1/examinations/{id}");
    }

    /// <summary>The fields in the form's order, each checked against its type: text (500), longText (8000), bool, date (yyyy-MM-dd).</summary>
    private static JsonObject Fields(Validation v, FormSection definition, Dictionary<string, JsonElement>? given)
    {
        var result = new JsonObject();
        if (given is null or { Count: 0 })
        {
            v.Add("fields", "is required: at least one field of the section");
            return result;
        }

        foreach (var key in given.Keys.Where(k => Array.Find(definition.Fields, f => f.Id == k) is null))
        {
            v.Add($"fields.{key}", $"is not a field of the section {definition.Id}");
        }

        foreach (var field in definition.Fields)
        {
            if (!given.TryGetValue(field.Id, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var path = $"fields.{field.Id}";
            switch (field.Type)
            {
                case "bool" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    result[field.Id] = value.GetBoolean();
                    break;
                case "date" when value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                    result[field.Id] = value.GetString();
                    break;
                case "text" or "longText" when value.ValueKind == JsonValueKind.String:
                    result[field.Id] = v.Optional(path, value.GetString(), field.Type == "text" ? 500 : ExaminationRecordsConfiguration.MaxText);
                    break;
                default:
                    v.Add(path, field.Type switch
                    {
                        "bool" => "must be true or false",
                        "date" => "must be a day as yyyy-MM-dd",
                        _ => "must be text",
                    });
                    break;
            }
        }

        return result;
    }
}
