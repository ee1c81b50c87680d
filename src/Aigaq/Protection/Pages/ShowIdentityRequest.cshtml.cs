using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

/// <summary>
/// /protection/requests/{id}: an identity request's whole history, both sides' reasons and every view. A custodian of the
/// region who did not ask decides it here with a reason (and, to grant, the passphrase that opens their key); the
/// requester, while the grant lasts, opens the identity with their own passphrase. The identity is on that one response
/// only, marked no-store, and never in a form's key, a log or the page's address.
/// </summary>
[Authorize(Policy = Permissions.RequestIdentities)]
public sealed class ShowIdentityRequestModel(
    GetIdentityRequest get, DecideIdentityRequest decide, ViewIdentity view, CommandRunner runner, AigaqDb db, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public IdentityRequestView Asked { get; private set; } = null!;

    /// <summary>The names of the users in the history (staff, who may see each other's names).</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The identity, on the response to the requester's passphrase only.</summary>
    public IdentityShown? Shown { get; private set; }

    /// <summary>The form that was sent and refused.</summary>
    public string? Failed { get; private set; }

    [BindProperty]
    public string? FormKey { get; set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Passphrase { get; set; }

    public bool IsRequester => Asked.RequestedBy == User.UserId();

    /// <summary>A custodian who may still decide: not the requester, not decided yet by them, the request pending.</summary>
    public bool MayDecide =>
        User.Can(Permissions.HoldIdentities) && !IsRequester && Asked.Status == IdentityRequestStatus.Pending
        && Asked.Decisions.All(d => d.DecidedBy != User.UserId());

    public bool MayOpen => IsRequester && User.Can(Permissions.SeeIdentities) && Asked.Status == IdentityRequestStatus.Granted;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!User.Can(Permissions.HoldIdentities))
        {
            return Forbid();
        }

        var request = new DecideIdentityRequestRequest(ProtectionForms.Enum<IdentityDecisionKind>(Decision), Reason, Passphrase);
        Passphrase = null;
        var problem = await decide.PrepareAsync(id, request, User, ct);
        if (problem is null)
        {
            var run = await runner.RunFormAsync(
                User.RequiredUserId(), FormKey, "identity-requests.decide", _ => $"/protection/requests/{id}", c => decide.HandleAsync(id, request, User, c), ct);
            if (run.Problem is null)
            {
                return LocalRedirect(run.Location!);
            }

            problem = run.Problem;
        }

        return await RefusedAsync(id, "Decide", problem, ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        // Nothing of this response may be kept: it is the one that holds the identity.
        Response.Headers.CacheControl = "no-store";
        if (!User.Can(Permissions.SeeIdentities))
        {
            return Forbid();
        }

        var answer = await view.HandleAsync(id, Passphrase, User, ct);
        Passphrase = null;
        if (ProtectionForms.Status(answer) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (ProtectionForms.Value<IdentityShown>(answer) is { } shown)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            Shown = shown;
            return Page();
        }

        return await RefusedAsync(id, "Open", answer.Result, ct);
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string form, IResult problem, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Failed = form;
        FormErrors.AddTo(ModelState, problem, p => p switch
        {
            "decision" => nameof(Decision),
            "reason" => nameof(Reason),
            "passphrase" => nameof(Passphrase),
            _ => "",
        }, t);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (ProtectionForms.Value<IdentityRequestView>(await get.HandleAsync(id, User, ct)) is not { } request)
        {
            return false;
        }

        Asked = request;
        var ids = new[] { request.RequestedBy }.Concat(request.Decisions.Select(d => d.DecidedBy)).Concat(request.Views.Select(v => v.ViewedBy)).Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "", ct);
        FormKey ??= Guid.NewGuid().ToString("N");
        return true;
    }
}
