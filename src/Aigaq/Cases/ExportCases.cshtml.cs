using Aigaq.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Cases;

/// <summary>The cases list as a CSV file, with the list's filters (the list page's export link carries its query).</summary>
[Authorize(Policy = Permissions.ViewCases)]
public sealed class ExportCasesModel(ExportCases export) : PageModel
{
    public Task<IActionResult> OnGetAsync(
        string? region, string? stage, string? part, string? torture, string? agency, string? responsible, string? closed, string? q, CancellationToken ct) =>
        export.HandleAsync(new CaseListQuery(region, stage, part, torture, agency, responsible, closed, q), User, ct);
}
