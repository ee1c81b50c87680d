using Microsoft.AspNetCore.Mvc;

namespace Aigaq.Protection;

/// <summary>What the staff's thread block draws: the thread, and the reply form for those who may answer.</summary>
public sealed record ReporterThreadBlock(Guid ReportId, ReporterThreadView Thread, bool MayAnswer, string FormKey, string? Text = null);

/// <summary>
/// The anonymous reporter's thread on the report page (Cases/Reports/ShowReport.cshtml invokes it by name, so that the
/// report register does not know the protection area): nothing for a report without a channel. The read is logged.
/// </summary>
public sealed class ReporterThreadViewComponent(AnswerReporter handler) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid reportId)
    {
        var ct = HttpContext.RequestAborted;
        if (!await handler.HasChannelAsync(reportId, ct) || await handler.ReadAsync(reportId, UserClaimsPrincipal, ct) is not { } thread)
        {
            return Content("");
        }

        var block = new ReporterThreadBlock(reportId, thread, await handler.MayAnswerAsync(reportId, UserClaimsPrincipal, ct), Guid.NewGuid().ToString("N"));
        return View("/Protection/Anonymous/_ReporterThread.cshtml", block);
    }
}
