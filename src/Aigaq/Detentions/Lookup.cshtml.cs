using System.Globalization;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Aigaq.Detentions;

public sealed class LookupForm
{
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? BirthDate { get; set; }
}

/// <summary>The public custody lookup form. Showing it costs nothing; asking goes to <see cref="LookupAnswerModel"/>.</summary>
[AllowAnonymous]
public sealed class LookupModel : PageModel
{
    public LookupForm Form { get; } = new();

    public void OnGet()
    {
    }
}

/// <summary>
/// Answers the public lookup: in custody or not, where, since when - nothing else. It shares the
/// API's rate-limit policy (and so its per-address budget); past it the limiter answers 429 with
/// a page in the reader's language.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicCustodyLookup.RateLimitPolicy)]
public sealed class LookupAnswerModel(PublicCustodyLookup lookup, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LookupForm Form { get; set; } = new();

    public PublicCustodyAnswer? Answer { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Detentions/Lookup");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Form.LastName))
        {
            ModelState.AddModelError("Form.LastName", t["Error: is required"]);
        }

        if (string.IsNullOrWhiteSpace(Form.FirstName))
        {
            ModelState.AddModelError("Form.FirstName", t["Error: is required"]);
        }

        if (!DateOnly.TryParseExact(Form.BirthDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            ModelState.AddModelError("Form.BirthDate", t["Enter the date as YYYY-MM-DD."]);
        }

        if (Form.LastName?.Length > 100 || Form.FirstName?.Length > 100)
        {
            ModelState.AddModelError("Form.LastName", t["Error: must be at most 100 characters"]);
        }

        if (ModelState.IsValid)
        {
            Answer = await lookup.FindAsync(Form.LastName!.Trim(), Form.FirstName!.Trim(), born, ct);
        }

        return Page();
    }
}
