using Aigaq.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Examinations;

/// <summary>
/// A share's page (issue 16, item 9): with no sign-in, on a phone, the recipient's name at the top, until when it is
/// shared, the sealed record read-only and its PDF in the page's language. A token that opens nothing gets the neutral 404
/// (<see cref="ExaminationSharesModule.NeutralNotFound"/>), the same for every reason. No address is kept, no cache keeps
/// the page, no search engine indexes it.
/// </summary>
[AllowAnonymous]
[NoClientAddress]
public sealed class SharedModel(OpenExaminationShare open) : PageModel
{
    public SharedExamination? View { get; private set; }
    public string Language { get; private set; } = "kk";
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Language = ExaminationReportSource.Language(null)!;
        View = await open.PageAsync(token, Language, Detentions.DetentionEndpoints.Site(Request), ct);
        if (View is null)
        {
            await new ExaminationSharesModule.NeutralNotFound().ExecuteAsync(HttpContext);
            return new EmptyResult();
        }

        Token = token;
        return Page();
    }
}
