using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

public sealed class ComplaintForm
{
    public string? FormKey { get; set; }
    public string? Kind { get; set; }
    public string? ErdrNumber { get; set; }
    public string? ReportNumber { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? ActionAt { get; set; }
    public string? Grounds { get; set; }
    public string? Complainant { get; set; }
    public string? ReceivedAt { get; set; }
}

/// <summary>
/// The complaint form: a defender, a prosecutor receiving a written complaint, a monitor or the
/// reviewer's own office files a complaint about a procedural action or inaction, or challenges a
/// refusal to register a report. The case or report is named by its number.
/// </summary>
[Authorize(Policy = Permissions.FileComplaints)]
public sealed class NewComplaintModel(FileComplaint handler, CommandRunner runner, LocalClock clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ComplaintForm Form { get; set; } = new();

    public void OnGet(string? kind, string? erdrNumber, string? reportNumber) =>
        Form = new ComplaintForm
        {
            FormKey = Guid.NewGuid().ToString("N"),
            Kind = Enum.TryParse<ComplaintKind>(kind, ignoreCase: true, out var k) ? k.ToString() : nameof(ComplaintKind.Action),
            ErdrNumber = erdrNumber,
            ReportNumber = reportNumber,
            ReceivedAt = clock.InputValue(clock.Now),
        };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var receivedAt = clock.ParseInput(Form.ReceivedAt);
        var actionAt = clock.ParseInput(Form.ActionAt);
        if (!string.IsNullOrWhiteSpace(Form.ReceivedAt) && receivedAt is null)
        {
            ModelState.AddModelError("Form.ReceivedAt", t["Enter a date and time."]);
        }

        if (!string.IsNullOrWhiteSpace(Form.ActionAt) && actionAt is null)
        {
            ModelState.AddModelError("Form.ActionAt", t["Enter a date and time."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var kind = Enum.TryParse<ComplaintKind>(Form.Kind, out var k) ? k : (ComplaintKind?)null;
        var request = new FileComplaintRequest(
            kind, null, Blank(Form.ErdrNumber), null, Blank(Form.ReportNumber),
            Enum.TryParse<ComplainedActor>(Form.Actor, out var a) ? a : null, null, Blank(Form.Action), actionAt, Blank(Form.Grounds),
            Enum.TryParse<ComplainantKind>(Form.Complainant, out var c) ? c : null, receivedAt);
        var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, "complaints.file", r => $"/complaints/{r.Id}", x => handler.HandleAsync(request, User, x), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => "Form." + Field(p), t);
            return Page();
        }

        return LocalRedirect(run.Location!);
    }

    /// <summary>The form names a case and a report by number; an error about either id belongs to its number.</summary>
    private static string Field(string p) => p switch
    {
        "caseId" => "ErdrNumber",
        "reportId" => "ReportNumber",
        "" => "",
        _ => char.ToUpperInvariant(p[0]) + p[1..],
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
