using System.Globalization;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Detentions;

public sealed class LookupForm
{
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Patronymic { get; set; }
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
/// Answers the public lookup: in custody or not, where, since when, by which agency - nothing else. It has its own
/// limits (<see cref="PublicLookupLimits"/>: per address, generous for a carrier's shared address, and per searched
/// name); past them it answers 429 with the form still holding what was typed.
/// </summary>
[AllowAnonymous]
public sealed class LookupAnswerModel(PublicCustodyLookup lookup, PublicLookupLimits limits, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LookupForm Form { get; set; } = new();

    public PublicCustodyAnswer? Answer { get; private set; }

    /// <summary>Whether the lookup was refused for its rate limit.</summary>
    public bool Limited { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Detentions/Lookup");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!limits.TryAddress(HttpContext.Connection.RemoteIpAddress, out var retryAfter))
        {
            return Refused(retryAfter);
        }

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

        if (Form.LastName?.Length > 100)
        {
            ModelState.AddModelError("Form.LastName", t["Error: must be at most 100 characters"]);
        }

        if (Form.FirstName?.Length > 100)
        {
            ModelState.AddModelError("Form.FirstName", t["Error: must be at most 100 characters"]);
        }

        if (Form.Patronymic?.Length > 100)
        {
            ModelState.AddModelError("Form.Patronymic", t["Error: must be at most 100 characters"]);
        }

        if (ModelState.IsValid)
        {
            var outcome = await lookup.AskAsync(HttpContext.Connection.RemoteIpAddress, Form.LastName!.Trim(), Form.FirstName!.Trim(), Form.Patronymic?.Trim(), born, ct);
            if (outcome.Answer is null)
            {
                return Refused(outcome.RetryAfter);
            }

            Answer = outcome.Answer;
        }

        return Page();
    }

    private PageResult Refused(TimeSpan retryAfter)
    {
        Limited = true;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = PublicCustodyLookup.Seconds(retryAfter);
        return Page();
    }
}
