using Aigaq.Detentions;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Aigaq.TransparencyLog;

/// <summary>
/// The public receipt-check form. Showing it costs nothing; checking goes to <see cref="ReceiptAnswerModel"/>. With
/// <c>?index=N</c> (the link on a record's page) the form holds that entry's receipt, ready to copy or to check, rather
/// than the bare text of the API (issue 14, item 11).
/// </summary>
[AllowAnonymous]
public sealed class ReceiptModel(Data.AigaqDb db) : PageModel
{
    public string? Receipt { get; private set; }

    public async Task OnGetAsync(long? index, CancellationToken ct)
    {
        if (index is { } i)
        {
            Receipt = await LedgerEndpoints.ReceiptTextAsync(db, i, withCosignatures: true, ct);
        }
    }
}

/// <summary>
/// Checks a pasted receipt against this log (<see cref="ReceiptCheck"/>) and says in plain words whether it is valid
/// and what it proves. It shares the public lookup's rate-limit policy, as the JSON endpoint does.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicCustodyLookup.RateLimitPolicy)]
[RequestSizeLimit(LedgerEndpoints.MaxVerifyBodyBytes)]
public sealed class ReceiptAnswerModel(ReceiptCheck check, IEnumerable<IRecordNames> names, Data.AigaqDb db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Receipt { get; set; }

    public ReceiptCheckResult? Result { get; private set; }

    /// <summary>The number people know the entry's record by (a detention's, a report's...), where its area names it.</summary>
    public string? Number { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/TransparencyLog/Receipt");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Receipt))
        {
            ModelState.AddModelError(nameof(Receipt), t["Error: is required"]);
            return Page();
        }

        Result = await check.CheckAsync(Receipt, ct);
        if (Result is { Valid: true, Entry: { } entry } && names.FirstOrDefault(n => n.Kinds.Contains(entry.Kind)) is { } name)
        {
            Number = await name.NumberAsync(db, entry.Kind, entry.RecordId, ct);
        }

        if (Result.Reason == ReceiptReason.TooLarge)
        {
            // Not echoed back into the form: it is not a receipt, and it would only weigh the page down.
            Receipt = null;
        }

        return Page();
    }
}
