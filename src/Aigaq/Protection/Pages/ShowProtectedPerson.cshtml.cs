using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

/// <summary>The person page's forms, flat, each with its one-time key; a failed send keeps what was typed.</summary>
public sealed class PersonForms
{
    public string? FormKey { get; set; }

    // A change of risk or disclosure.
    public string? Risk { get; set; }
    public string? Disclosure { get; set; }
    public string? Reason { get; set; }

    // An application for protection measures, and its decision.
    public string? ReceivedAt { get; set; }
    public List<string> Measures { get; set; } = [];
    public string? DecidingBodyKind { get; set; }
    public string? DecidingBodyName { get; set; }
    public string? ApplicationId { get; set; }
    public string? Decision { get; set; }
    public string? ImplementingBody { get; set; }

    // A reprisal.
    public string? OccurredAt { get; set; }
    public string? Type { get; set; }
    public string? Agency { get; set; }
    public string? Unit { get; set; }
    public string? Description { get; set; }
    public string? Source { get; set; }
    public string? Reliability { get; set; }
    public string? Evidence { get; set; }

    // A longer retention.
    public string? RetainUntil { get; set; }
}

/// <summary>
/// /protection/{id}: the person by pseudonym (role, risk, disclosure, links, alerts, applications with their decision due
/// time, decisions and measures, reprisals, identity requests) and the actions the user's permissions allow, each through
/// the API's handler: change the risk or disclosure with a reason, file an application and decide it, record a reprisal,
/// ask for the identity with a reason, keep the records longer with a reason (the retention date and its extensions).
/// </summary>
[Authorize(Policy = Permissions.RegisterProtectedPersons)]
public sealed class ShowProtectedPersonModel(
    GetProtectedPerson get, GetIdentityRequest requests, ChangeProtectedPerson change, FileProtectionApplication file,
    DecideProtectionApplication decide, RecordReprisal reprisal, RequestIdentity ask, ExtendRetention retention, CommandRunner runner, RulePackCatalog rules,
    LocalClock clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProtectedPersonView Person { get; private set; } = null!;
    public IReadOnlyList<ProtectionApplicationView> Applications { get; private set; } = [];
    public IReadOnlyList<ReprisalSummary> Reprisals { get; private set; } = [];
    public IReadOnlyList<IdentityRequestView> IdentityRequests { get; private set; } = [];
    public RulePack Pack { get; private set; } = null!;

    /// <summary>The form that was sent and refused, whose errors and open section the page shows.</summary>
    public string? Failed { get; private set; }

    [BindProperty]
    public PersonForms Form { get; set; } = new();

    public bool MayManage => User.Can(Permissions.ManageProtection);
    public bool MayRecordReprisals => User.Can(Permissions.RegisterReprisals);
    public bool MayAsk => User.Can(Permissions.RequestIdentities);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = new PersonForms
        {
            FormKey = Guid.NewGuid().ToString("N"),
            ReceivedAt = clock.InputValue(clock.Now),
            OccurredAt = clock.InputValue(clock.Now),
            Decision = nameof(ProtectionDecisionKind.Granted),
        };
        return Page();
    }

    public Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct) => RunAsync(id, "Change", null, () =>
    {
        var request = new ChangeProtectedPersonRequest(
            ProtectionForms.Enum<RiskLevel>(Form.Risk), ProtectionForms.Enum<Disclosure>(Form.Disclosure), null, null, null, Form.Reason);
        return ("protected-persons.change", c => Created(change.HandleAsync(id, request, User, c)));
    }, ct);

    public Task<IActionResult> OnPostApplicationAsync(Guid id, CancellationToken ct) => RunAsync(id, "Application", Permissions.ManageProtection, () =>
    {
        var receivedAt = ProtectionForms.Instant(ModelState, "Form.ReceivedAt", Form.ReceivedAt, true, clock, t);
        var request = new FileProtectionApplicationRequest(
            receivedAt, [.. Form.Measures], new DecidingBodyInput(ProtectionForms.Blank(Form.DecidingBodyKind), ProtectionForms.Blank(Form.DecidingBodyName)));
        return ("protection-applications.file", c => Created(file.HandleAsync(id, request, User, c)));
    }, ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) => RunAsync(id, "Decide", Permissions.ManageProtection, () =>
    {
        var applicationId = Guid.TryParse(Form.ApplicationId, out var a) ? a : Guid.Empty;
        var decision = ProtectionForms.Enum<ProtectionDecisionKind>(Form.Decision);
        IReadOnlyList<GrantedMeasureInput>? measures = decision == ProtectionDecisionKind.Granted
            ? [.. Form.Measures.Select(m => new GrantedMeasureInput(m, ProtectionForms.Blank(Form.ImplementingBody), null, null, null))]
            : null;
        var request = new DecideProtectionApplicationRequest(decision, measures, Form.Reason, null);
        return ("protection-applications.decide", c => Created(decide.HandleAsync(applicationId, request, User, c)));
    }, ct);

    public Task<IActionResult> OnPostReprisalAsync(Guid id, CancellationToken ct) => RunAsync(id, "Reprisal", Permissions.RegisterReprisals, () =>
    {
        var occurredAt = ProtectionForms.Instant(ModelState, "Form.OccurredAt", Form.OccurredAt, true, clock, t);
        var request = new RecordReprisalRequest(
            id, occurredAt, ProtectionForms.Blank(Form.Type), new PerpetratorInput(ProtectionForms.Enum<Agency>(Form.Agency), ProtectionForms.Blank(Form.Unit)),
            Form.Description, ProtectionForms.Blank(Form.Source), ProtectionForms.Enum<ReprisalReliability>(Form.Reliability), ProtectionForms.Blank(Form.Evidence));
        return ("reprisals.record", c => Created(reprisal.HandleAsync(request, User, c)));
    }, ct);

    public Task<IActionResult> OnPostRetentionAsync(Guid id, CancellationToken ct) => RunAsync(id, "Retention", Permissions.ManageProtection, () =>
    {
        var until = ProtectionForms.Instant(ModelState, "Form.RetainUntil", Form.RetainUntil, true, clock, t);
        var request = new ExtendRetentionRequest(until, Form.Reason);
        return ("protected-persons.retention", c => Created(retention.HandleAsync(id, request, User, c)));
    }, ct);

    public async Task<IActionResult> OnPostIdentityAsync(Guid id, CancellationToken ct)
    {
        if (!User.Can(Permissions.RequestIdentities))
        {
            return Forbid();
        }

        var request = new RequestIdentityRequest(Form.Reason);
        var run = await runner.RunFormAsync(
            User.RequiredUserId(), Form.FormKey, "identity-requests.ask", r => $"/protection/requests/{r.Id}", c => ask.HandleAsync(id, request, User, c), ct);
        if (run.Problem is null)
        {
            return LocalRedirect(run.Location!);
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Failed = "Identity";
        FormErrors.AddTo(ModelState, run.Problem, FieldOf, t);
        return Page();
    }

    /// <summary>Any handler's created answer, as the page needs it: only whether it was written, and the problem if not.</summary>
    private static async Task<Data.Outcome<object>> Created<T>(Task<Data.Outcome<T>> outcome)
        where T : class
    {
        var o = await outcome;
        return o.Problem is { } problem ? new Data.ProblemResult(problem) : Data.Outcome<object>.Created(() => o.Build!(), o.Location ?? "");
    }

    /// <summary>
    /// Checks the permission, reads the form (its own errors first), runs the command with the form's one-time key and
    /// comes back to the person; a refusal shows the page with the form's fields marked.
    /// </summary>
    private async Task<IActionResult> RunAsync(
        Guid id, string form, string? permission, Func<(string Operation, Func<CancellationToken, Task<Data.Outcome<object>>> Command)> build, CancellationToken ct)
    {
        if (permission is not null && !User.Can(permission))
        {
            return Forbid();
        }

        var (operation, command) = build();
        IResult? problem = null;
        if (ModelState.IsValid)
        {
            var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, operation, _ => $"/protection/{id}", command, ct);
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
            FormErrors.AddTo(ModelState, problem, FieldOf, t);
        }

        return Page();
    }

    /// <summary>The form field of an API field path; a general problem (404, 409) goes to the form's summary ("Form.").</summary>
    private static string FieldOf(string path) => path switch
    {
        "" or "protectedPersonId" => "Form.",
        "decidingBody" or "decidingBody.kind" => "Form." + nameof(PersonForms.DecidingBodyKind),
        "decidingBody.name" => "Form." + nameof(PersonForms.DecidingBodyName),
        "perpetrator" or "perpetrator.agency" => "Form." + nameof(PersonForms.Agency),
        "perpetrator.unit" => "Form." + nameof(PersonForms.Unit),
        _ when path.StartsWith("measures[", StringComparison.Ordinal) && path.EndsWith(".implementingBody", StringComparison.Ordinal) => "Form." + nameof(PersonForms.ImplementingBody),
        _ when path.StartsWith("measures", StringComparison.Ordinal) => "Form." + nameof(PersonForms.Measures),
        _ => "Form." + ProtectionForms.Capitalize(path),
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (ProtectionForms.Value<ProtectedPersonView>(await get.HandleAsync(id, User, ct)) is not { } person)
        {
            return false;
        }

        Person = person;
        Applications = [.. person.Applications.OfType<ProtectionApplicationView>()];
        Reprisals = [.. person.Reprisals.OfType<ReprisalSummary>()];
        if (User.Can(Permissions.RequestIdentities) && ProtectionForms.Value<Page<IdentityRequestView>>(await requests.ListAsync(id, User, ct)) is { } asked)
        {
            IdentityRequests = asked.Items;
        }

        Pack = rules.At(clock.Now);
        return true;
    }
}
