using System.Globalization;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

public sealed class AnonymousReportForm
{
    /// <summary>The form's one-time key: a form sent twice over a poor connection makes one report.</summary>
    public string? FormKey { get; set; }
    public string? Narrative { get; set; }
    public string? Region { get; set; }
    public string? FacilityId { get; set; }

    /// <summary>The day it happened, YYYY-MM-DD (the date input's value).</summary>
    public string? IncidentOn { get; set; }
    public string? Injuries { get; set; }
}

/// <summary>A facility to choose on the public page: its name and region only.</summary>
public sealed record PublicFacilityChoice(Guid Id, string Name, string Region);

/// <summary>
/// The public page where anyone reports torture anonymously, without an account (issue 15, item 8). The answer shows the
/// receipt code once; it is in no address, no cookie, no mail, and no cache keeps the page. No client address is kept.
/// </summary>
[AllowAnonymous]
[NoClientAddress]
public sealed class ReportAnonymouslyModel(
    ReportAnonymously handler, UnitOfWork unit, ReceiptKey receipts, ReceiptLimits limits, AigaqDb db, LocalClock clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    private const string Operation = "anonymous-reports.submit";

    [BindProperty]
    public AnonymousReportForm Form { get; set; } = new();

    public IReadOnlyList<PublicFacilityChoice> Facilities { get; private set; } = [];

    /// <summary>The receipt code, in the answer that received the report only.</summary>
    public string? Receipt { get; private set; }
    public DateTimeOffset? DueBy { get; private set; }

    /// <summary>The form was sent again after its report was received: the code is not shown twice.</summary>
    public bool AlreadyReceived { get; private set; }
    public bool Limited { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new AnonymousReportForm { FormKey = Guid.NewGuid().ToString("N") };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!limits.TryReport(HttpContext.Connection.RemoteIpAddress, out var after))
        {
            Limited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Detentions.PublicCustodyLookup.Seconds(after);
            await LoadAsync(ct);
            return Page();
        }

        DateTimeOffset? incidentAt = null;
        if (!string.IsNullOrWhiteSpace(Form.IncidentOn)
            && (!DateOnly.TryParseExact(Form.IncidentOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                || (incidentAt = clock.ParseInput(Form.IncidentOn.Trim() + "T00:00")) is null))
        {
            ModelState.AddModelError("Form.IncidentOn", t["Enter the date as YYYY-MM-DD."]);
        }

        Guid? facilityId = null;
        if (!string.IsNullOrWhiteSpace(Form.FacilityId))
        {
            facilityId = Guid.TryParse(Form.FacilityId, out var id) ? id : Guid.Empty;
        }

        var request = new AnonymousReportRequest(Form.Narrative, Form.Region, facilityId, incidentAt, Form.Injuries);
        var key = string.IsNullOrWhiteSpace(Form.FormKey) || Form.FormKey.Length > 100
            ? null
            : new CommandKey(AnonymousChannel.PublicActor, "anon-form:" + Form.FormKey, Operation, receipts.OfRequest(new { operation = Operation, request }), StatusCodes.Status303SeeOther);
        AnonymousReportReceipt? shown = null;
        var result = ModelState.IsValid
            ? await unit.RunAsync(key, WriteMode.Transaction, c => handler.HandleAsync(request, c), (o, v) =>
            {
                shown = v;
                return (o.Location!, "{}");
            }, ct)
            : null;
        switch (result)
        {
            case UnitResult.Stored { Replayed: false } when shown is not null:
                Receipt = shown.Receipt;
                DueBy = shown.RegistrationDueBy;
                return Page();
            case UnitResult.Stored or UnitResult.KeyReused:
                AlreadyReceived = true;
                return Page();
            case UnitResult.Refused refused:
                FormErrors.AddTo(ModelState, refused.Problem, p => "Form." + FieldOf(p), t);
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private static string FieldOf(string path) => path switch
    {
        "incidentAt" => "IncidentOn",
        "" => "",
        _ => char.ToUpperInvariant(path[0]) + path[1..],
    };

    private async Task LoadAsync(CancellationToken ct) =>
        Facilities = await db.Set<Facility>().AsNoTracking().OrderBy(f => f.Region).ThenBy(f => f.Name)
            .Select(f => new PublicFacilityChoice(f.Id, f.Name, f.Region)).ToListAsync(ct);
}
