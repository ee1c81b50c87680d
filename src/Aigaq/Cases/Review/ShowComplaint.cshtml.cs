using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

public sealed class ComplaintDecisionForm
{
    public string? FormKey { get; set; }
    public string? Outcome { get; set; }
    public string? Reasons { get; set; }
    public string? DecidedAt { get; set; }
}

/// <summary>A complaint with its decision; the reviewer it is addressed to decides it here.</summary>
[Authorize(Policy = Permissions.ViewComplaints)]
public sealed class ShowComplaintModel(GetComplaint complaints, DecideComplaint handler, CommandRunner runner, LocalClock clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public ComplaintView Complaint { get; private set; } = null!;

    public bool MayDecide => User.Can(Permissions.DecideComplaints) && Complaint.Status == ComplaintStatus.Open;

    [BindProperty]
    public ComplaintDecisionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await complaints.FindAsync(id, User, ct) is not { } view)
        {
            return NotFound();
        }

        Complaint = view;
        Form = new ComplaintDecisionForm { FormKey = Guid.NewGuid().ToString("N"), DecidedAt = clock.InputValue(clock.Now) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await complaints.FindAsync(id, User, ct) is not { } view)
        {
            return NotFound();
        }

        Complaint = view;
        if (!User.Can(Permissions.DecideComplaints))
        {
            return Forbid();
        }

        var decidedAt = clock.ParseInput(Form.DecidedAt);
        if (!string.IsNullOrWhiteSpace(Form.DecidedAt) && decidedAt is null)
        {
            ModelState.AddModelError("Form.DecidedAt", t["Enter a date and time."]);
            return Page();
        }

        var request = new DecideComplaintRequest(
            Enum.TryParse<ComplaintOutcome>(Form.Outcome, out var o) ? o : null, string.IsNullOrWhiteSpace(Form.Reasons) ? null : Form.Reasons, decidedAt);
        var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, "complaints.decide", r => $"/complaints/{r.Id}", c => handler.HandleAsync(id, request, User, c), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => "Form." + (p.Length == 0 ? "" : char.ToUpperInvariant(p[0]) + p[1..]), t);
            return Page();
        }

        return LocalRedirect(run.Location!);
    }
}
