using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Detentions;

/// <summary>The detentions list as a CSV file, with the list's filters (the list page's export link carries its query).</summary>
[Authorize]
public sealed class ExportModel(ExportDetentions export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? region, string? status, string? q, CancellationToken ct) =>
        ShowModel.MayView(User) ? await export.HandleAsync(region, status, User, ct, q) : Forbid();
}
