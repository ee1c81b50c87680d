using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

/// <summary>The inbox of a body: referrals waiting for its acceptance, oldest first.</summary>
[Authorize(Policy = Permissions.AcceptReferrals)]
public sealed class ReferralsModel(ListReferrals inbox, AcceptReferral accept, CommandRunner runner, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<ReferralSummary> Inbox { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    /// <summary>The cursor of the next page, null on the last.</summary>
    public string? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        var v = new Validation();
        var after = v.InstantCursor("cursor", cursor);
        if (!v.IsValid)
        {
            return v.PageProblem();
        }

        var page = await inbox.HandleAsync(User, after, ct);
        (Inbox, Next) = (page.Items, page.Next);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid referralId, string? formKey, CancellationToken ct)
    {
        var run = await runner.RunFormAsync(User.RequiredUserId(), formKey, "referrals.accept", r => $"/cases/{r.CaseId}", c => accept.HandleAsync(referralId, User, c), ct);
        if (run.Problem is not null)
        {
            Error = FormErrors.Of(run.Problem).Values.SelectMany(m => m).Select(m => FormErrors.Message(t, m)).FirstOrDefault();
            var page = await inbox.HandleAsync(User, null, ct);
            (Inbox, Next) = (page.Items, page.Next);
            return Page();
        }

        Message = t["The referral was accepted: the case is now your body's."];
        return LocalRedirect(run.Location!);
    }
}
