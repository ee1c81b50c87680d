using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

public sealed class InboxForm
{
    /// <summary>The receipt code: typed to open, then carried in the page's forms (a POST body), never in an address.</summary>
    public string? Receipt { get; set; }
    public string? Text { get; set; }

    /// <summary>The reply form's one-time key: a reply sent twice is kept once.</summary>
    public string? FormKey { get; set; }
}

/// <summary>
/// The anonymous reporter's inbox: the code opens it (each try counts against the address's budget, <see cref="ReceiptLimits"/>);
/// it shows where the report stands and the messages both ways, and takes a reply. No client address is kept, and no
/// cache keeps the page.
/// </summary>
[AllowAnonymous]
[NoClientAddress]
public sealed class InboxModel(
    OpenInbox inbox, WriteToStaff write, UnitOfWork unit, ReceiptKey receipts, ReceiptLimits limits, IStringLocalizer<SharedResource> t) : PageModel
{
    private const string Operation = "anonymous-reports.message";

    [BindProperty]
    public InboxForm Form { get; set; } = new();

    public InboxView? View { get; private set; }
    public bool Limited { get; private set; }

    /// <summary>A reply was kept (or had been, when the form was sent twice).</summary>
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        if (!Allowed())
        {
            return Page();
        }

        var channel = await inbox.FindAsync(Form.Receipt, ct);
        if (channel is null)
        {
            ModelState.AddModelError("Form.Receipt", FormErrors.Message(t, "does not open an inbox: check the 16 digits"));
            return Page();
        }

        await ShowAsync(channel, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        if (!Allowed())
        {
            return Page();
        }

        var request = new ReporterMessageRequest(Form.Receipt, Form.Text);
        var key = string.IsNullOrWhiteSpace(Form.FormKey) || Form.FormKey.Length > 100
            ? null
            : new CommandKey(AnonymousChannel.PublicActor, "anon-form:" + Form.FormKey, Operation, receipts.OfRequest(new { operation = Operation, request }), StatusCodes.Status303SeeOther);
        var result = await unit.RunAsync(key, WriteMode.Transaction, c => write.HandleAsync(request, c), (o, _) => (o.Location!, "{}"), ct);
        if (result is UnitResult.Refused refused)
        {
            FormErrors.AddTo(ModelState, refused.Problem, p => p == "receipt" ? "Form.Receipt" : "Form.Text", t);
        }
        else if (result is UnitResult.KeyReused)
        {
            // The form was sent before with other text: nothing was sent now. A new key lets the reporter send it.
            Form.FormKey = Guid.NewGuid().ToString("N");
            ModelState.AddModelError("Form.Text", t["This form had already been sent with other text, so this text was not sent. Send it again."]);
        }
        else
        {
            Sent = true;
            Form.Text = null;
        }

        // The code was checked by the command; finding the channel again to show the thread is not another try.
        if (await inbox.FindAsync(Form.Receipt, ct) is { } channel)
        {
            await ShowAsync(channel, ct);
        }

        return Page();
    }

    private async Task ShowAsync(AnonymousChannel channel, CancellationToken ct)
    {
        View = await inbox.ReadAsync(channel, ct);
        Form.Receipt = ReceiptKey.Format(ReceiptKey.Normalize(Form.Receipt)!);
        Form.FormKey = Guid.NewGuid().ToString("N");
    }

    private bool Allowed()
    {
        Response.Headers.CacheControl = "no-store";
        if (limits.TryTake(HttpContext.Connection.RemoteIpAddress, out var after))
        {
            return true;
        }

        Limited = true;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = Detentions.PublicCustodyLookup.Seconds(after);
        return false;
    }
}
