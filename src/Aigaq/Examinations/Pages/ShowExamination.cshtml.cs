using System.Globalization;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Examinations;

/// <summary>
/// /examinations/{id}: the examination as <see cref="GetExamination"/> answers it (the medical content withheld from
/// those the person's consent does not open it to), and, for a forensic expert, the steps in order, each through the
/// API's handler with the page's one-time key: take it (qualifications, independence), the session, consent item by
/// item, the form's sections (drawn from the examination's form version), findings placed on the body diagram, the
/// seal (confirmed), and after it amendments only.
/// </summary>
[Authorize(Policy = Permissions.RequestExaminations)]
public sealed class ShowExaminationModel(
    GetExamination get, AssignExaminer assign, RecordSession session, RecordConsent consent, RecordSection section, RecordFinding finding,
    SealExamination seal, AmendExamination amend, ExaminationForms forms, CommandRunner runner, AigaqDb db, RulePackCatalog rules, LocalClock clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Rows of "present" the session form offers.</summary>
    public const int PresentRows = 4;

    public ExaminationView Exam { get; private set; } = null!;
    /// <summary>The national form's version the examination is recorded on: its sections and consent items draw the page.</summary>
    public ExaminationForm? Definition { get; private set; }
    public IReadOnlyList<string> Employers { get; private set; } = [];

    /// <summary>The user records this examination (its examiner's recorder); only they see its forms.</summary>
    public bool IsWriter { get; private set; }

    /// <summary>A forensic expert may take an examination that has no examiner yet.</summary>
    public bool MayTake => Exam.Examiner is null && Exam.Status != ExaminationStatus.Sealed && User.Can(Permissions.RecordExaminations);

    /// <summary>The form that was sent and refused, whose errors and open section the page shows.</summary>
    public string? Failed { get; private set; }

    [BindProperty]
    public ExaminationPageForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var now = clock.InputValue(clock.Now);
        Form = new ExaminationPageForm
        {
            FormKey = Guid.NewGuid().ToString("N"),
            StartedAt = now,
            ConsentAt = now,
            IndependenceDeclared = true,
            SealPolicePresent = Exam.Session?.PolicePresent ?? false,
        };
        return Page();
    }

    public Task<IActionResult> OnPostExaminerAsync(Guid id, CancellationToken ct) => RunAsync(id, "Examiner", "examinations.examiner", c =>
        ExaminationPages.Created(assign.HandleAsync(id, new AssignExaminerRequest(
            ExaminationPages.Blank(Form.Name), ExaminationPages.Blank(Form.Qualifications), ExaminationPages.Blank(Form.Employer), Form.IndependenceDeclared,
            ExaminationPages.Blank(Form.Conflicts), Form.External, ExaminationPages.Blank(Form.NotIndependentReason)), User, c)), ct);

    public Task<IActionResult> OnPostSessionAsync(Guid id, CancellationToken ct)
    {
        var startedAt = Instant(nameof(Form.StartedAt), Form.StartedAt, required: true);
        var endedAt = Instant(nameof(Form.EndedAt), Form.EndedAt, required: false);
        var present = Enumerable.Range(0, Math.Max(Form.PresentNames.Count, Form.PresentAffiliations.Count))
            .Select(i => (Name: ExaminationPages.Blank(Form.PresentNames.ElementAtOrDefault(i)), Affiliation: ExaminationPages.Blank(Form.PresentAffiliations.ElementAtOrDefault(i))))
            .Where(p => p.Name is not null || p.Affiliation is not null)
            .Select(p => new PresentInput(p.Name, p.Affiliation)).ToList();
        var interpreter = ExaminationPages.Blank(Form.InterpreterName) is null && ExaminationPages.Blank(Form.InterpreterLanguage) is null
            ? null
            : new InterpreterInput(ExaminationPages.Blank(Form.InterpreterName), ExaminationPages.Blank(Form.InterpreterLanguage));
        var request = new RecordSessionRequest(
            ExaminationPages.Blank(Form.Place), startedAt, endedAt, interpreter, present, Bool(Form.PolicePresent), Bool(Form.PoliceAskedToLeave),
            ExaminationPages.Blank(Form.Restrictions));
        return RunAsync(id, "Session", "examinations.session", c => ExaminationPages.Created(session.HandleAsync(id, request, User, c)), ct);
    }

    public Task<IActionResult> OnPostConsentAsync(Guid id, CancellationToken ct)
    {
        var at = Instant(nameof(Form.ConsentAt), Form.ConsentAt, required: true);

        // "yes" and "no" as given; an item left unanswered is left out, so the handler names it as required.
        var items = Form.Consent.Where(p => p.Value is "yes" or "no").ToDictionary(p => p.Key, p => p.Value == "yes", StringComparer.Ordinal);
        var request = new RecordConsentRequest(at, items, ExaminationPages.Blank(Form.RefusalReason));
        return RunAsync(id, "Consent", "examinations.consent", c => ExaminationPages.Created(consent.HandleAsync(id, request, User, c)), ct);
    }

    public async Task<IActionResult> OnPostSectionAsync(Guid id, CancellationToken ct)
    {
        var name = ExaminationPages.Blank(Form.Section) ?? "";
        var definition = await DefinitionAsync(id, name, ct);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in definition?.Fields ?? [])
        {
            var text = ExaminationPages.Blank(Form.Fields.GetValueOrDefault(field.Id));
            if (text is null)
            {
                continue;
            }

            // A yes/no field is chosen from "true" and "false"; anything else goes as text, for the handler to name.
            fields[field.Id] = field.Type == "bool" && text is "true" or "false"
                ? JsonSerializer.SerializeToElement(text == "true")
                : JsonSerializer.SerializeToElement(text);
        }

        var request = new RecordSectionRequest(fields);
        return await RunAsync(id, "Section", "examinations.section", c => ExaminationPages.Created(section.HandleAsync(id, name, request, User, c)), ct);
    }

    public Task<IActionResult> OnPostFindingAsync(Guid id, string? view, string? bodyRegion, string? x, string? y, CancellationToken ct)
    {
        var request = new RecordFindingRequest(
            ExaminationPages.Blank(bodyRegion), ExaminationPages.Blank(view), Number(x), Number(y), ExaminationPages.Blank(Form.Description),
            ExaminationPages.Blank(Form.Consistency), ExaminationPages.Blank(Form.Rationale), ExaminationPages.Blank(Form.Size));
        return RunAsync(id, "Finding", "examinations.finding", c => ExaminationPages.Created(finding.HandleAsync(id, request, User, c)), ct);
    }

    public Task<IActionResult> OnPostSealAsync(Guid id, CancellationToken ct)
    {
        if (!Form.Confirm)
        {
            ModelState.AddModelError("Form." + nameof(Form.Confirm), t["Confirm the seal: after it the examination changes only by amendments."]);
        }

        var request = new SealExaminationRequest(
            ExaminationPages.Blank(Form.Opinion), ExaminationPages.Blank(Form.Conclusions), ExaminationPages.Blank(Form.Recommendations), Form.SealPolicePresent,
            ExaminationPages.Blank(Form.SealRestrictions));
        return RunAsync(id, "Seal", "examinations.seal", c => ExaminationPages.Created(seal.HandleAsync(id, request, User, c)), ct);
    }

    public Task<IActionResult> OnPostAmendAsync(Guid id, CancellationToken ct)
    {
        Guid? findingId = null;
        if (ExaminationPages.Blank(Form.FindingId) is { } text)
        {
            findingId = Guid.TryParse(text, out var f) ? f : Guid.Empty;
        }

        var request = new AmendExaminationRequest(ExaminationPages.Blank(Form.Reason), ExaminationPages.Blank(Form.Text), findingId, ExaminationPages.Blank(Form.AmendSection));
        return RunAsync(id, "Amend", "examinations.amend", c => ExaminationPages.Created(amend.HandleAsync(id, request, User, c)), ct);
    }

    /// <summary>
    /// Checks the permission, runs the command (unless the form's own checks failed) with the form's one-time key and
    /// comes back to the examination; a refusal shows the page with the form's fields marked in the page's language.
    /// </summary>
    private async Task<IActionResult> RunAsync(Guid id, string form, string operation, Func<CancellationToken, Task<Outcome<object>>> command, CancellationToken ct)
    {
        if (!User.Can(Permissions.RecordExaminations))
        {
            return Forbid();
        }

        IResult? problem = null;
        if (ModelState.IsValid)
        {
            var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, operation, _ => $"/examinations/{id}", command, ct);
            if (run.Problem is null)
            {
                return LocalRedirect(run.Location!);
            }

            problem = run.Problem;
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Failed = form;
        if (problem is not null)
        {
            FormErrors.AddTo(ModelState, problem, p => ExaminationPageForm.FieldOf(form, p), t);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (ExaminationPages.Value<ExaminationView>(await get.HandleAsync(id, User, ct)) is not { } exam)
        {
            return false;
        }

        Exam = exam;
        Definition = forms.ById(exam.Form);
        Employers = rules.At(clock.Now).Examinations.Employers;
        var userId = User.UserId();
        IsWriter = userId is not null && await db.Set<ExaminationExaminer>().AsNoTracking().AnyAsync(x => x.ExaminationId == id && x.RecorderId == userId, ct);
        return true;
    }

    /// <summary>The section's definition in the examination's form version, or null (the handler then names the section).</summary>
    private async Task<FormSection?> DefinitionAsync(Guid id, string name, CancellationToken ct)
    {
        var formId = await db.Set<Examination>().AsNoTracking().Where(e => e.Id == id).Select(e => e.FormId).FirstOrDefaultAsync(ct);
        return formId is null ? null : forms.ById(formId)?.Section(name);
    }

    private DateTimeOffset? Instant(string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError("Form." + field, t["Error: is required"]);
            }

            return null;
        }

        var parsed = clock.ParseInput(text);
        if (parsed is null)
        {
            ModelState.AddModelError("Form." + field, t["Enter a date and time."]);
        }

        return parsed;
    }

    private static bool? Bool(string? text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
