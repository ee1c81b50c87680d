using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Detentions;

/// <summary>
/// The custody record as a PDF, in the reader's language (issue 14, item 8): whoever may open the record's page may
/// download it, anyone else gets the page's 404, and each download is logged as an access.
/// </summary>
[Authorize]
public sealed class PdfModel(PrintDetention print) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!ShowModel.MayView(User))
        {
            return Forbid();
        }

        return await print.HandleAsync(id, User, DetentionEndpoints.Site(Request), ct) is { } printed
            ? File(printed.Pdf, "application/pdf", printed.FileName)
            : NotFound();
    }
}
