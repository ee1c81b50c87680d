using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>
/// Fills <see cref="ExaminationReportModel"/> from a sealed examination's rows, for the PDF and for a share's page:
/// the session, the examiner and their declaration, the consent in force (a withdrawal after the seal shows), the
/// findings numbered in the order recorded, the form's allegations and psychological evaluation, the opinion with
/// conclusions and recommendations, the absence statement as sealed, every amendment (who, when, why), and the seal's log
/// receipt with the first signed checkpoint that covers it. It checks no permission: its callers do. The few words it
/// writes itself (yes and no of a form's field, the examiner's declaration) are in the current UI culture.
/// </summary>
public sealed class ExaminationReportSource(AigaqDb db, ExaminationForms forms, IStringLocalizer<SharedResource> t, IOptions<AigaqOptions> options)
{
    public async Task<ExaminationReportModel> BuildAsync(Examination e, ExaminationSeal seal, Uri site, CancellationToken ct)
    {
        var id = e.Id;
        var form = forms.ById(e.FormId);
        var examiner = await db.Set<ExaminationExaminer>().AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        var session = await db.Set<ExaminationSession>().AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        var consent = await db.Set<ExaminationConsent>().AsNoTracking().Where(x => x.ExaminationId == id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct);
        var items = consent is null ? [] : JsonSerializer.Deserialize<Dictionary<string, bool>>(consent.Items) ?? [];
        var sections = (await db.Set<ExaminationSection>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
            .OrderBy(s => s.RecordedAt).ThenBy(s => s.Id).GroupBy(s => s.Section).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var findings = (await db.Set<ExaminationFinding>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
            .OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).ToList();
        var numbers = findings.Select((f, i) => (f.Id, Number: i + 1)).ToDictionary(x => x.Id, x => x.Number);
        // The photographs as the record holds them (their hashes and flags, never the images): the seal admits none later.
        var photos = (await db.Set<ExaminationPhoto>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
            .OrderBy(p => p.Seq)
            .Select(p => new ReportPhoto(
                p.Seq, p.Sha256, p.FindingId is { } finding && numbers.TryGetValue(finding, out var n) ? n : null,
                p.ScaleShown, p.ColourChartShown, p.IdentifiesPerson, p.Intimate, p.CameraTime))
            .ToList();
        var amendments = (await db.Set<ExaminationAmendment>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
            .OrderBy(a => a.RecordedAt).ThenBy(a => a.Id).ToList();
        var present = session is null ? [] : JsonSerializer.Deserialize<List<PresentPerson>>(session.Present, Json.Options) ?? [];

        return new ExaminationReportModel(
            e.Number,
            Label(e),
            e.RequestedAt,
            e.RequestedByKind,
            e.RequestedByReference,
            session?.StartedAt,
            session?.EndedAt,
            seal.SealedAt,
            session?.Place ?? "",
            examiner is null
                ? new ReportExaminer("", "", "", false)
                : new ReportExaminer(examiner.Name, examiner.Qualifications, Declaration(examiner), examiner.IndependenceDeclared && examiner.NotIndependentReason is null),
            new ReportSession(
                [.. present.Select(p => new ReportPresent(p.Name, p.Affiliation))], session?.PolicePresent ?? seal.PolicePresent,
                session?.PoliceAskedToLeave,
                session?.Interpreter is { } interpreter ? interpreter + (session.InterpreterLanguage is { } l ? " (" + l + ")" : "") : null,
                seal.Restrictions ?? session?.Restrictions),
            [.. (form?.Consent.Select(c => c.Id) ?? items.Keys).Where(items.ContainsKey).Select(i => new ReportConsent(i, items[i]))],
            consent?.RefusalReason,
            Text(form, sections.GetValueOrDefault("allegations")),
            [.. findings.Select(f => new ReportFinding(numbers[f.Id], f.View, f.BodyRegion, f.X, f.Y, f.Description, f.Size, f.Consistency, f.Rationale))],
            photos,
            Text(form, sections.GetValueOrDefault("psychologicalEvaluation")),
            seal.Opinion,
            seal.Conclusions,
            seal.Recommendations,
            seal.AbsenceStatement,
            [.. amendments.Select(a => new ReportAmendment(a.RecordedAt, examiner?.Name ?? a.RecordedBy.ToString(), a.Reason, Change(form, a, numbers)))],
            await ReceiptAsync(seal, site, ct))
        {
            Sections = Sections(form, sections),
            Form = form,
        };
    }

    /// <summary>
    /// Every section and field of the examination's form version, in its order, each with the value last recorded for it
    /// (a yes/no in words, text as written) or none; a section recorded under an id the version lacks is not printed.
    /// </summary>
    private List<ReportSection> Sections(ExaminationForm? form, Dictionary<string, ExaminationSection> recorded) =>
        form is null ? [] : [.. form.Sections.Select(s =>
        {
            var fields = recorded.TryGetValue(s.Id, out var row) && JsonNode.Parse(row.Fields) is JsonObject o ? o : new JsonObject();
            return new ReportSection(s.Id, ExaminationFormLabels.Section(t, form, s.Id), [.. s.Fields.Select(f =>
                new ReportField(f.Id, ExaminationFormLabels.Field(t, form, f.Id), Value(fields[f.Id])))]);
        })];

    private string? Value(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var yes) => yes ? t["Yes"].Value : t["No"].Value,
        JsonValue v when v.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text,
        null => null,
        _ => value.ToJsonString(),
    };

    /// <summary>The person as the report names them: initials, not the name (a recipient knows whose record it is from the case).</summary>
    private static string Label(Examination e) =>
        string.Join(' ', new[] { e.LastName, e.FirstName, e.Patronymic }.Where(n => !string.IsNullOrEmpty(n)).Select(n => n![..1].ToUpperInvariant() + "."));

    private string Declaration(ExaminationExaminer x) => string.Join('\n', new[]
    {
        x.IndependenceDeclared ? t["The examiner declared no tie to the agency accused."].Value : t["The examiner made no declaration of independence."].Value,
        x.Conflicts,
        x.NotIndependentReason,
    }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>A section's fields in the form's order: texts as written, a yes/no field with its label.</summary>
    private string? Text(ExaminationForm? form, ExaminationSection? section)
    {
        if (section is null || JsonNode.Parse(section.Fields) is not JsonObject fields)
        {
            return null;
        }

        var order = form?.Section(section.Section)?.Fields.Select(f => f.Id).ToList() ?? [.. fields.Select(f => f.Key)];
        var lines = new List<string>();
        foreach (var key in order.Where(fields.ContainsKey))
        {
            var value = fields[key];
            if (value is JsonValue v && v.TryGetValue<bool>(out var yes))
            {
                var label = t["FormField." + key];
                lines.Add((label.ResourceNotFound ? key : label.Value) + ": " + (yes ? t["Yes"] : t["No"]));
            }
            else if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                lines.Add(text);
            }
        }

        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private string Change(ExaminationForm? form, ExaminationAmendment a, Dictionary<Guid, int> numbers) =>
        a.FindingId is { } f && numbers.TryGetValue(f, out var n) ? t["Finding {0}", n] + ": " + a.Text
        : a.Section is { } s ? (form?.Section(s)?.Heading ?? s) + ": " + a.Text
        : a.Text;

    /// <summary>The seal's entry, and the first signed checkpoint whose tree holds it (none before the integrator has run).</summary>
    private async Task<ReportReceipt?> ReceiptAsync(ExaminationSeal seal, Uri site, CancellationToken ct)
    {
        var entry = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(x => x.Kind == ExaminationLedger.Sealed && x.RecordId == seal.Id).Select(x => new { x.Index, x.LeafHash }).FirstOrDefaultAsync(ct);
        if (entry is null || entry.Index < 0)
        {
            return null;
        }

        var checkpoint = await db.Set<LedgerCheckpoint>().AsNoTracking().Where(c => c.Size > entry.Index).OrderBy(c => c.Size)
            .Select(c => c.Note).FirstOrDefaultAsync(ct);
        return new ReportReceipt(entry.Index, entry.LeafHash, checkpoint, Detentions.PrintDetention.ReceiptUrl(options.Value.PublicUrl ?? site, entry.Index));
    }

    /// <summary>The language asked for, or the reader's (Kazakh when theirs is none of the report's); null when <paramref name="lang"/> is none of them.</summary>
    public static string? Language(string? lang)
    {
        if (lang is null)
        {
            var reader = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return RenderExaminationReport.Languages.Contains(reader, StringComparer.Ordinal) ? reader : "kk";
        }

        return RenderExaminationReport.Languages.Contains(lang, StringComparer.Ordinal) ? lang : null;
    }

    /// <summary>Builds the model and renders it in <paramref name="language"/>, the model's own words in that language too.</summary>
    public async Task<byte[]> RenderAsync(RenderExaminationReport renderer, Examination e, ExaminationSeal seal, string language, Uri site, CancellationToken ct)
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return renderer.Render(await BuildAsync(e, seal, site, ct), language);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
