using Aigaq.Detentions;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Aigaq.TransparencyLog;

/// <summary>The public receipt-check form. Showing it costs nothing; checking goes to <see cref="ReceiptAnswerModel"/>.</summary>
[AllowAnonymous]
public sealed class ReceiptModel : PageModel
{
    public string? Receipt { get; private set; }

    public void OnGet()
    {
    }
}

/// <summary>
/// Checks a pasted receipt against this log (<see cref="ReceiptCheck"/>) and says in plain words whether it is valid
/// and what it proves. It shares the public lookup's rate-limit policy, as the JSON endpoint does.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicCustodyLookup.RateLimitPolicy)]
[RequestSizeLimit(LedgerEndpoints.MaxVerifyBodyBytes)]
public sealed class ReceiptAnswerModel(ReceiptCheck check, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Receipt { get; set; }

    public ReceiptCheckResult? Result { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/TransparencyLog/Receipt");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Receipt))
        {
            ModelState.AddModelError(nameof(Receipt), t["Error: is required"]);
            return Page();
        }

        Result = await check.CheckAsync(Receipt, ct);
        if (Result.Reason == ReceiptReason.TooLarge)
        {
            // Not echoed back into the form: it is not a receipt, and it would only weigh the page down.
            Receipt = null;
        }

        return Page();
    }
}
