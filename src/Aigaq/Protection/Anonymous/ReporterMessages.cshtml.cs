using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

/// <summary>
/// A report's anonymous thread on a page of its own, where the report page's answer form posts: an answer kept goes back
/// to the report; one refused is shown here with the thread.
/// </summary>
[Authorize(Policy = Permissions.ViewReports)]
public sealed class ReporterMessagesModel(AnswerReporter handler, CommandRunner runner, IStringLocalizer<SharedResource> t) : PageModel
{
    public ReporterThreadBlock Block { get; private set; } = null!;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? FormKey { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await handler.HasChannelAsync(id, ct))
        {
            return NotFound();
        }

        var run = await runner.RunFormAsync(
            User.RequiredUserId(), FormKey, "reports.messages.answer", _ => $"/reports/{id}#reporter-thread",
            c => handler.HandleAsync(id, new StaffMessageRequest(Text), User, c), ct);
        if (run.Problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound })
        {
            return NotFound();
        }

        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => p == "text" ? "Text" : "", t);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        return LocalRedirect(run.Location!);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await handler.HasChannelAsync(id, ct) || await handler.ReadAsync(id, User, ct) is not { } thread)
        {
            return false;
        }

        Block = new ReporterThreadBlock(id, thread, await handler.MayAnswerAsync(id, User, ct), Guid.NewGuid().ToString("N"), Text);
        return true;
    }
}
