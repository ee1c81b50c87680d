using System.Globalization;
using System.Text;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>A bad row of an import file: its number (a JSON list's item from 1; a CSV's line, the header being 1) and why.</summary>
public sealed record ImportProblem(int Row, string Reason)
{
    public override string ToString() => Row == 0 ? $"file: {Reason}" : string.Create(CultureInfo.InvariantCulture, $"row {Row}: {Reason}");
}

/// <summary>
/// <c>aigaq recommendations import FILE</c>: a JSON list of CONTRACT.md's recommendations, or a CSV with a header of the
/// same names (lists separated by ';'). Every row is checked as the API checks it (<see cref="RegisterRecommendation.Build"/>),
/// and a row duplicating a stored paragraph or another row is bad; any bad row and nothing is imported (one transaction).
/// </summary>
public sealed class ImportRecommendations(AigaqDb db, UnitOfWork unit, RulePackCatalog rules, Access.AccessLog log, TimeProvider clock)
{
    public const long MaxFileBytes = 16 * 1024 * 1024;

    public static readonly string[] Columns =
    [
        "mechanism", "document", "paragraph", "subParagraph", "summary", "summaryKk", "summaryRu", "summaryEn", "adoptedAt", "followUp",
        "followUpDueBy", "themes", "affectedGroups", "addressees", "related",
    ];

    /// <summary>Imports every row, or none; the problems, one per bad row, when it imported none.</summary>
    public async Task<(int Imported, IReadOnlyList<ImportProblem> Problems)> RunAsync(string text, bool csv, Guid by, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var rows = csv ? ParseCsv(text, problems) : ParseJson(text, problems);
        var imported = 0;
        var result = await unit.RunAsync<object>(null, WriteMode.Transaction, async token =>
        {
            var now = clock.GetUtcNow();
            var pack = rules.At(now);
            var built = new List<(int Row, Recommendation Recommendation)>();
            foreach (var (row, request) in rows)
            {
                var v = new Validation();
                var r = RegisterRecommendation.Build(v, request, pack, now, by, "import");
                if (r is not null)
                {
                    await RegisterRecommendation.RelatedExistAsync(db, v, [(r, "related")], token);
                }

                if (!v.IsValid || r is null)
                {
                    problems.Add(new(row, Describe(v)));
                    continue;
                }

                built.Add((row, r));
            }

            var documents = built.Select(b => b.Recommendation.Document).Distinct().ToList();
            var stored = (await db.Set<Recommendation>().AsNoTracking().Where(r => documents.Contains(r.Document))
                .Select(r => new { r.Document, r.Paragraph, r.SubParagraph }).ToListAsync(token))
                .Select(r => (r.Document, r.Paragraph, r.SubParagraph)).ToHashSet();
            var seen = new Dictionary<(string, int, string), int>();
            foreach (var (row, r) in built)
            {
                var key = (r.Document, r.Paragraph, r.SubParagraph);
                if (stored.Contains(key))
                {
                    problems.Add(new(row, $"paragraph: {RegisterRecommendation.Name(r)} is already registered"));
                }
                else if (seen.TryGetValue(key, out var first))
                {
                    problems.Add(new(row, $"paragraph: {RegisterRecommendation.Name(r)} is also row {first}"));
                }
                else
                {
                    seen[key] = row;
                }
            }

            if (problems.Count > 0)
            {
                return new ProblemResult(Results.BadRequest());
            }

            foreach (var (_, r) in built)
            {
                db.Add(r);
                LedgerWriter.Append(db, RecommendationLedger.Registered, r.Id, now, RecommendationLedger.Content(r));
                log.Add(by, "recommendation.import", r.Id.ToString(), "allowed");
            }

            imported = built.Count;
            return Outcome<object>.Created(() => new object(), "/api/v1/recommendations");
        }, (_, _) => ("/api/v1/recommendations", "{}"), ct);
        if (result is not UnitResult.Stored && problems.Count == 0)
        {
            // A unique index met another writer's row: the same paragraph registered meanwhile.
            problems.Add(new(0, "paragraph: another request registered one of these paragraphs meanwhile; run the import again"));
        }

        return (result is UnitResult.Stored ? imported : 0, [.. problems.OrderBy(p => p.Row)]);
    }

    private static string Describe(Validation v) => string.Join("; ", v.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));

    private static List<(int Row, RegisterRecommendationRequest Request)> ParseJson(string text, List<ImportProblem> problems)
    {
        JsonElement list;
        try
        {
            list = JsonSerializer.Deserialize<JsonElement>(text, Json.Options);
        }
        catch (JsonException e)
        {
            problems.Add(new(0, $"not JSON ({e.Message.ReplaceLineEndings(" ")})"));
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(0, "must be a JSON list of recommendations"));
            return [];
        }

        var rows = new List<(int, RegisterRecommendationRequest)>();
        var n = 0;
        foreach (var item in list.EnumerateArray())
        {
            n++;
            try
            {
                if (item.Deserialize<RegisterRecommendationRequest>(Json.Options) is { } request)
                {
                    rows.Add((n, request));
                    continue;
                }

                problems.Add(new(n, "body: is null"));
            }
            catch (JsonException e)
            {
                var field = e.Path is null or "$" ? "body" : e.Path.TrimStart('$', '.');
                problems.Add(new(n, $"{field}: is not valid here"));
            }
        }

        return rows;
    }

    private static List<(int Row, RegisterRecommendationRequest Request)> ParseCsv(string text, List<ImportProblem> problems)
    {
        var records = ReadCsv(text.TrimStart('\uFEFF'), out var unclosed);
        if (unclosed > 0)
        {
            // The rest of the file was read as one field: no row after the quote can be trusted.
            problems.Add(new(unclosed, "row: a quoted field is not closed"));
            return [];
        }

        if (records.Count == 0)
        {
            problems.Add(new(1, "header: the file is empty"));
            return [];
        }

        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 || header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            problems.Add(new(1, unknown.Count > 0
                ? $"header: {string.Join(", ", unknown)} is not a column (columns: {string.Join(", ", Columns)})"
                : "header: a column is named twice"));
            return [];
        }

        var rows = new List<(int, RegisterRecommendationRequest)>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var bad = new List<string>();
            if (fields.Count != header.Count)
            {
                problems.Add(new(line, $"row: has {fields.Count} fields, the header {header.Count}"));
                continue;
            }

            string? Get(string column)
            {
                var i = header.IndexOf(column);
                return i < 0 || string.IsNullOrWhiteSpace(fields[i]) ? null : fields[i].Trim();
            }

            T? Parse<T>(string column, Func<string, (bool, T)> parse)
                where T : struct
            {
                if (Get(column) is not { } value)
                {
                    return null;
                }

                var (ok, parsed) = parse(value);
                if (!ok)
                {
                    bad.Add($"{column}: is not valid here");
                }

                return ok ? parsed : null;
            }

            IReadOnlyList<string?>? Split(string column) => Get(column)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

            var paragraph = Parse("paragraph", s => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p), p));
            var adopted = Parse("adoptedAt", s => (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d), d));
            var due = Parse("followUpDueBy", s => (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d), d));
            var followUp = Parse("followUp", s => s.ToUpperInvariant() switch { "TRUE" or "YES" or "1" => (true, true), "FALSE" or "NO" or "0" => (true, false), _ => (false, false) });
            var related = new List<Guid>();
            foreach (var id in Split("related") ?? [])
            {
                if (Guid.TryParse(id, out var g))
                {
                    related.Add(g);
                }
                else
                {
                    bad.Add("related: is not a recommendation's id");
                }
            }

            if (bad.Count > 0)
            {
                problems.Add(new(line, string.Join("; ", bad)));
                continue;
            }

            var summaries = Get("summaryKk") is null && Get("summaryRu") is null && Get("summaryEn") is null
                ? null
                : new SummariesInput(Get("summaryKk"), Get("summaryRu"), Get("summaryEn"));
            rows.Add((line, new RegisterRecommendationRequest(
                Get("mechanism"), Get("document"), paragraph, Get("subParagraph"), Get("summary"), adopted, followUp, due, Split("themes"),
                Split("addressees"), Split("affectedGroups"), related, summaries)));
        }

        return rows;
    }

    /// <summary>
    /// RFC 4180 records with the line each starts on: quoted fields may hold commas, quotes ("") and line breaks.
    /// <paramref name="unclosed"/> is the line of the record whose quoted field the file ends in, else 0.
    /// </summary>
    private static List<(int Line, List<string> Fields)> ReadCsv(string text, out int unclosed)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add((start, fields));
                fields = [];
                line++;
                start = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }

        unclosed = quoted ? start : 0;
        return records;
    }
}
