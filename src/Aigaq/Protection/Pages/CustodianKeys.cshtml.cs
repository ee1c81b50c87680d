using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

/// <summary>
/// /protection/keys: a custodian (or a viewer of granted identities) enrols their key under a passphrase, once, and later
/// seals it under a new one. The passphrase is never stored, logged or kept in a form's one-time key; the page answers
/// with no-store so that no cache keeps what was typed.
/// </summary>
[Authorize(Policy = IdentityRequests.HoldOrSeeIdentities)]
public sealed class CustodianKeysModel(Custodians custodians, EnrolCustodian enrol, CommandRunner runner, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The user's key now, and whether it matches its fact in the log; null before enrolment.</summary>
    public (CustodianKey Key, bool Verified)? Mine { get; private set; }

    public bool Done { get; private set; }

    [BindProperty]
    public string? FormKey { get; set; }

    [BindProperty]
    public string? Passphrase { get; set; }

    [BindProperty]
    public string? NewPassphrase { get; set; }

    public async Task OnGetAsync(bool done, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Done = done;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken ct)
    {
        var run = await runner.RunFormAsync(
            User.RequiredUserId(), FormKey, "custodian-keys.enrol", _ => "/protection/keys?done=true", c => enrol.HandleAsync(new EnrolCustodianRequest(Passphrase), User, c), ct);
        return await AnswerAsync(run, ct);
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var run = await runner.RunFormAsync(
            User.RequiredUserId(), FormKey, "custodian-keys.passphrase", _ => "/protection/keys?done=true",
            c => enrol.ChangeAsync(new ChangeCustodianPassphraseRequest(Passphrase, NewPassphrase), User, c), ct);
        await enrol.LogDeniedAsync(User, CancellationToken.None);
        return await AnswerAsync(run, ct);
    }

    private async Task<IActionResult> AnswerAsync(FormRun run, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (run.Problem is null)
        {
            return LocalRedirect(run.Location!);
        }

        FormErrors.AddTo(ModelState, run.Problem, p => p switch { "" => "", "passphrase" => nameof(Passphrase), "newPassphrase" => nameof(NewPassphrase), _ => "" }, t);
        Passphrase = null;
        NewPassphrase = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Mine = await custodians.HolderKeyAsync(User.RequiredUserId(), ct);
        FormKey = Guid.NewGuid().ToString("N");
    }
}
