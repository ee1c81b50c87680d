using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Examinations;

/// <summary>
/// /examinations: the examinations the user may read (<see cref="ListExaminations"/>, as <c>GET /api/v1/examinations</c>),
/// newest first, with their number, status and the time by which the examination must start, an overdue one marked.
/// A status filter narrows it; a page holds <see cref="ListExaminations.PageSize"/>, the next continues below the last.
/// </summary>
[Authorize(Policy = Permissions.RequestExaminations)]
public sealed class ExaminationsModel(ListExaminations list) : PageModel
{
    public IReadOnlyList<ExaminationSummary> Rows { get; private set; } = [];
    public string? Next { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public bool MayRecord => User.Can(Permissions.RecordExaminations);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var status = Enum.TryParse<ExaminationStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s.ToString() : null;
        var answer = await list.HandleAsync(new ExaminationListQuery(Status: status, Cursor: ExaminationPages.Blank(Cursor)), User, ct);
        if (ExaminationPages.Value<Page<ExaminationSummary>>(answer) is not { } page)
        {
            // Only a cursor made by hand is refused: start again from the newest.
            return LocalRedirect("/examinations");
        }

        Rows = page.Items;
        Next = page.Next;
        return Page();
    }
}
