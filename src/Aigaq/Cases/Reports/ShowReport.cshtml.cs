using Aigaq.Access;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

public sealed class RegistrationForm
{
    public string? FormKey { get; set; }
    public string? ErdrNumber { get; set; }
    public string? RegisteredAt { get; set; }
    public string? Part { get; set; }
    public bool AskAid { get; set; }
    public bool OfficialCapacity { get; set; }
    public List<string> Purposes { get; set; } = [];
    public List<string> Aggravating { get; set; } = [];
    public string? Reason { get; set; }
}

/// <summary>A report with its decisions; the supervisory prosecutor registers or refuses it here, with the qualification aid at hand.</summary>
[Authorize(Policy = Permissions.ViewReports)]
public sealed class ShowReportModel(
    GetReport reports, RegisterReport handler, RefuseReport refuse, CommandRunner runner, RulePackCatalog rules, LocalClock clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public ReportView Report { get; private set; } = null!;
    public RulePack Pack { get; private set; } = null!;
    public bool MayDecide => User.Can(Permissions.RegisterReports) && Report.Status == ReportStatus.Received;

    [BindProperty]
    public RegistrationForm Form { get; set; } = new();

    [BindProperty]
    public string? Grounds { get; set; }

    public QualificationSuggestion? Suggestion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = new RegistrationForm { FormKey = Guid.NewGuid().ToString("N"), RegisteredAt = clock.InputValue(clock.Now) };
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!User.Can(Permissions.RegisterReports))
        {
            return Forbid();
        }

        var registeredAt = clock.ParseInput(Form.RegisteredAt);
        if (!string.IsNullOrWhiteSpace(Form.RegisteredAt) && registeredAt is null)
        {
            ModelState.AddModelError("Form.RegisteredAt", t["Enter a date and time."]);
            return Page();
        }

        var qualification = Form.AskAid ? new QualificationInput(Form.OfficialCapacity, Form.Purposes, Form.Aggravating) : null;
        var request = new RegisterReportRequest(
            Form.ErdrNumber, registeredAt, int.TryParse(Form.Part, out var part) ? part : null, null, qualification, Form.Reason);
        var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, "reports.register", r => $"/cases/{r.CaseId}", c => handler.HandleAsync(id, request, User, c), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => "Form." + Capitalize(p.Split('.')[0]), t);
            if (qualification is not null)
            {
                Suggestion = SuggestQualification.Suggest(new Validation(), Pack, qualification);
            }

            return Page();
        }

        return LocalRedirect(run.Location!);
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!User.Can(Permissions.RegisterReports))
        {
            return Forbid();
        }

        var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, "reports.refuse", r => $"/reports/{r.Id}", c => refuse.HandleAsync(id, new RefuseReportRequest(Grounds), User, c), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => p == "grounds" ? "Grounds" : "Form." + Capitalize(p), t);
            return Page();
        }

        return LocalRedirect(run.Location!);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var report = await reports.FindAsync(id, User, ct);
        if (report is null)
        {
            return false;
        }

        Report = report;
        Pack = rules.At(report.ReceivedAt);
        return true;
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
