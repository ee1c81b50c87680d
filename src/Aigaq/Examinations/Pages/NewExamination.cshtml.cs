using System.Globalization;
using Aigaq.Access;
using Aigaq.Detentions;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Examinations;

/// <summary>The request form, flat so that a phone browser keeps every field on a failed send.</summary>
public sealed class ExaminationRequestForm
{
    public string? FormKey { get; set; }
    public string? RequestedAt { get; set; }
    public string? Kind { get; set; }
    public string? Reference { get; set; }
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Patronymic { get; set; }
    public string? BirthDate { get; set; }
    public string? Iin { get; set; }
    public string? ReportId { get; set; }
    public string? CaseId { get; set; }
    public string? DetentionId { get; set; }
    public string? Region { get; set; }
}

/// <summary>
/// /examinations/new: a request for an examination (<see cref="RequestExamination"/>, as <c>POST /api/v1/examinations</c>):
/// who asks, of whom, and the report, case or detention it serves, if any (a detention alone names the person). Links
/// come prefilled from the record that offers the request (<c>?detentionId=</c>, <c>?reportId=</c>, <c>?caseId=</c>).
/// </summary>
[Authorize(Policy = Permissions.RequestExaminations)]
public sealed class NewExaminationModel(RequestExamination handler, CommandRunner runner, LocalClock clock, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["requestedAt"] = nameof(ExaminationRequestForm.RequestedAt),
        ["requestedBy"] = nameof(ExaminationRequestForm.Kind),
        ["requestedBy.kind"] = nameof(ExaminationRequestForm.Kind),
        ["requestedBy.reference"] = nameof(ExaminationRequestForm.Reference),
        ["person"] = nameof(ExaminationRequestForm.LastName),
        ["person.lastName"] = nameof(ExaminationRequestForm.LastName),
        ["person.firstName"] = nameof(ExaminationRequestForm.FirstName),
        ["person.patronymic"] = nameof(ExaminationRequestForm.Patronymic),
        ["person.birthDate"] = nameof(ExaminationRequestForm.BirthDate),
        ["person.iin"] = nameof(ExaminationRequestForm.Iin),
        ["reportId"] = nameof(ExaminationRequestForm.ReportId),
        ["caseId"] = nameof(ExaminationRequestForm.CaseId),
        ["detentionId"] = nameof(ExaminationRequestForm.DetentionId),
        ["region"] = nameof(ExaminationRequestForm.Region),
    };

    [BindProperty]
    public ExaminationRequestForm Form { get; set; } = new();

    public void OnGet(Guid? detentionId, Guid? reportId, Guid? caseId) => Form = new ExaminationRequestForm
    {
        FormKey = Guid.NewGuid().ToString("N"),
        RequestedAt = clock.InputValue(clock.Now),
        Kind = KindOf(User),
        Region = User.RegionScope(),
        DetentionId = detentionId?.ToString(),
        ReportId = reportId?.ToString(),
        CaseId = caseId?.ToString(),
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = ToRequest(Form);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var run = await runner.RunFormAsync(
            User.RequiredUserId(), Form.FormKey, "examinations.request", r => $"/examinations/{r.Id}", c => handler.HandleAsync(request, User, c), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => p.Length == 0 ? "" : "Form." + (Fields.TryGetValue(p, out var f) ? f : ExaminationPages.Capitalize(p)), t);
            return Page();
        }

        return LocalRedirect(run.Location!);
    }

    /// <summary>The requester kind a role most likely asks as; the form lets it be changed.</summary>
    private static string? KindOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Investigator) ? "investigator"
        : user.IsInRole(Roles.SpecialProsecutor) ? "specialProsecutor"
        : user.IsInRole(Roles.Prosecutor) ? "prosecutor"
        : user.IsInRole(Roles.Defender) ? "defender"
        : user.IsInRole(Roles.Monitor) ? "monitor"
        : null;

    private RequestExaminationRequest ToRequest(ExaminationRequestForm f)
    {
        DateTimeOffset? requestedAt = null;
        if (string.IsNullOrWhiteSpace(f.RequestedAt))
        {
            ModelState.AddModelError("Form." + nameof(f.RequestedAt), t["Error: is required"]);
        }
        else if ((requestedAt = clock.ParseInput(f.RequestedAt)) is null)
        {
            ModelState.AddModelError("Form." + nameof(f.RequestedAt), t["Enter a date and time."]);
        }

        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(f.BirthDate))
        {
            if (DateOnly.TryParseExact(f.BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b))
            {
                born = b;
            }
            else
            {
                ModelState.AddModelError("Form." + nameof(f.BirthDate), t["Enter the date as YYYY-MM-DD."]);
            }
        }

        var detentionId = Id(nameof(f.DetentionId), f.DetentionId);
        var person = ExaminationPages.Blank(f.LastName) is null && ExaminationPages.Blank(f.FirstName) is null && ExaminationPages.Blank(f.Iin) is null
            && born is null && detentionId is not null
                ? null
                : new PersonInput(ExaminationPages.Blank(f.LastName), ExaminationPages.Blank(f.FirstName), ExaminationPages.Blank(f.Patronymic), born,
                    ExaminationPages.Blank(f.Iin), null, null, null);
        return new RequestExaminationRequest(
            requestedAt, new RequesterInput(ExaminationPages.Blank(f.Kind), ExaminationPages.Blank(f.Reference)), person,
            Id(nameof(f.ReportId), f.ReportId), Id(nameof(f.CaseId), f.CaseId), detentionId, ExaminationPages.Blank(f.Region));
    }

    private Guid? Id(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            return id;
        }

        ModelState.AddModelError("Form." + field, t["Paste the record's identifier from its address."]);
        return null;
    }
}
