using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

public sealed class CaseForm
{
    public string? FormKey { get; set; }
    public string? Part { get; set; }
    public string? Reason { get; set; }
    public string? Decision { get; set; }
    public string? Stage { get; set; }
    public string? At { get; set; }
    public string? Kind { get; set; }
    public string? Outcome { get; set; }
    public bool Suspended { get; set; }
    public string? Grounds { get; set; }
    public string? Persons { get; set; }
    public string? Evidence { get; set; }
    public string? MotionGrounds { get; set; }
    public string? FiledBy { get; set; }
    public Guid? MotionId { get; set; }
    public string? MotionOutcome { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>
/// A case: its part, the one body responsible for it, the whole chain of hand-overs, its stages and
/// alerts; the supervisory prosecutor requalifies it and decides conflicts here, the responsible
/// body records its stages.
/// </summary>
[Authorize(Policy = Permissions.ViewCases)]
public sealed class ShowCaseModel(
    GetCase cases, RequalifyCase requalify, DecideConflict decide, RecordCaseStage stages, FileMotion fileMotion, DecideMotion decideMotion, CommandRunner runner,
    RulePackCatalog rules, LocalClock clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public RulePack Pack { get; private set; } = null!;

    [BindProperty]
    public CaseForm Form { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    /// <summary>Which form failed, so that its errors show beside it.</summary>
    public string? Failed { get; private set; }

    public bool MaySupervise => User.Can(Permissions.SuperviseCases) && !Case.Closed;

    public bool MayRecordStages { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = new CaseForm { FormKey = Guid.NewGuid().ToString("N"), At = clock.InputValue(clock.Now) };
        return Page();
    }

    public Task<IActionResult> OnPostRequalifyAsync(Guid id, CancellationToken ct) => RunAsync(id, "requalify", Permissions.SuperviseCases,
        c => requalify.HandleAsync(id, new RequalifyCaseRequest(int.TryParse(Form.Part, out var p) ? p : null, Form.Reason, null, null), User, c),
        t["The case was requalified."], ct);

    public Task<IActionResult> OnPostConflictAsync(Guid id, CancellationToken ct) => RunAsync(id, "conflict", Permissions.SuperviseCases,
        c => decide.HandleAsync(id, new DecideConflictRequest(Enum.TryParse<ConflictDecision>(Form.Decision, out var d) ? d : null, Form.Reason), User, c),
        t["The decision was recorded."], ct);

    public async Task<IActionResult> OnPostStageAsync(Guid id, CancellationToken ct)
    {
        var at = clock.ParseInput(Form.At);
        var request = new RecordStageRequest(
            Enum.TryParse<CaseStage>(Form.Stage, out var s) ? s : null, at,
            Enum.TryParse<AgreementKind>(Form.Kind, out var k) ? k : null,
            Enum.TryParse<VerdictOutcome>(Form.Outcome, out var o) ? o : null,
            Form.Suspended, Form.Grounds, null, int.TryParse(Form.Persons, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null);
        var result = await RunAsync(id, "stage", Permissions.RecordCaseStages, c => stages.HandleAsync(id, request, User, c), t["The stage was recorded."], ct);
        await stages.RaiseRefusedAttemptAsync(ct);
        return result;
    }

    public Task<IActionResult> OnPostMotionAsync(Guid id, CancellationToken ct) => RunAsync(id, "motion", Permissions.RecordCaseStages,
        c => fileMotion.HandleAsync(id, new FileMotionRequest(
            string.IsNullOrWhiteSpace(Form.Evidence) ? null : Form.Evidence,
            Enum.TryParse<MotionGrounds>(Form.MotionGrounds, out var g) ? g : null,
            Enum.TryParse<MotionParty>(Form.FiledBy, out var p) ? p : null,
            clock.ParseInput(Form.At), null), User, c),
        t["The motion was recorded."], ct);

    public Task<IActionResult> OnPostMotionDecisionAsync(Guid id, CancellationToken ct) => RunAsync(id, "motionDecision", Permissions.RecordCaseStages,
        c => decideMotion.HandleAsync(id, Form.MotionId ?? Guid.Empty, new DecideMotionRequest(
            Enum.TryParse<MotionOutcome>(Form.MotionOutcome, out var o) ? o : null,
            Enum.TryParse<MotionDecider>(Form.DecidedBy, out var d) ? d : null,
            null, string.IsNullOrWhiteSpace(Form.Reason) ? null : Form.Reason), User, c),
        t["The outcome was recorded."], ct);

    private async Task<IActionResult> RunAsync<T>(
        Guid id, string form, string permission, Func<CancellationToken, Task<Outcome<T>>> command, string done, CancellationToken ct)
        where T : class
    {
        if (!User.Can(permission))
        {
            return Forbid();
        }

        var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, "cases." + form, _ => $"/cases/{id}", command, ct);
        if (run.Problem is not null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            Failed = form;
            FormErrors.AddTo(ModelState, run.Problem, p => "Form." + (p.Length == 0 ? "" : char.ToUpperInvariant(p[0]) + p[1..]), t);
            return Page();
        }

        Message = done;
        return LocalRedirect(run.Location!);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await cases.FindAsync(id, User, ct);
        if (view is null)
        {
            return false;
        }

        Case = view;
        Pack = rules.At(view.RegisteredAt);
        MayRecordStages = !view.Closed && CaseScope.MayRecordStages(User, view.Region, view.ResponsibleBody.Kind, view.ResponsibleBody.Region);
        return true;
    }
}
