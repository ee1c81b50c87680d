using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Detentions;

public sealed class EventForm
{
    public string? FormKey { get; set; }
    public string? Type { get; set; }
    public string? At { get; set; }
    public string? Note { get; set; }
    public string? FacilityId { get; set; }
    public string? ProtocolNumber { get; set; }
    public string? Action { get; set; }
    public bool DefenderPresent { get; set; }
    public bool LegalRepresentativePresent { get; set; }
    public bool InjuriesFound { get; set; }
    public string? Decision { get; set; }
}

/// <summary>
/// One detention: person, clocks, timeline, alerts, the reports made about it (for those who may
/// read reports), notifications, and the form to append an event.
/// An officer without the general read permission sees the detentions they registered (the
/// scope rule of <see cref="DetentionScope"/> decides); anyone else outside scope gets 404.
/// </summary>
[Authorize]
public sealed class ShowModel(
    GetDetention get, RecordCustodyEvent record, CommandRunner runner, AigaqDb db, LocalClock clock, IStringLocalizer<SharedResource> t,
    ILinkedReports? reports = null)
    : PageModel
{
    /// <summary>The event types offered in the form; video records come from devices through the API.</summary>
    public static readonly IReadOnlyList<string> FormTypes = [.. EventTypes.All.Where(e => e != EventTypes.VideoRecorded)];

    public DetentionView Detention { get; private set; } = null!;

    /// <summary>The reports linked to the detention that the user may see; null for a user who may not read reports.</summary>
    /// <summary>The reports about this detention, when a reports area is there and the user may read them.</summary>
    public IReadOnlyList<LinkedReport>? Reports { get; private set; }
    public IReadOnlyDictionary<Guid, FacilityView> Facilities { get; private set; } = new Dictionary<Guid, FacilityView>();

    [BindProperty]
    public EventForm Event { get; set; } = new();

    public bool MayRecord => User.Can(Permissions.RecordCustodyEvent);

    [TempData]
    public string? Saved { get; set; }

    public static bool MayView(System.Security.Claims.ClaimsPrincipal user) =>
        user.Can(Permissions.ViewDetentions) || user.Can(Permissions.RegisterDetention) || user.Can(Permissions.RecordCustodyEvent);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!MayView(User))
        {
            return Forbid();
        }

        Event = new EventForm { FormKey = Guid.NewGuid().ToString("N"), At = clock.InputValue(clock.Now) };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostEventAsync(Guid id, CancellationToken ct)
    {
        if (!MayRecord)
        {
            return Forbid();
        }

        var body = ToBody(Event);
        if (ModelState.IsValid)
        {
            var run = await runner.RunFormAsync(
                User.RequiredUserId(), Event.FormKey, "detentions.events", _ => $"/detentions/{id}#timeline",
                c => record.HandleAsync(id, body, User, c), ct);
            if (run.Problem is null)
            {
                Saved = t["The event was added to the timeline."];
                return LocalRedirect(run.Location!);
            }

            if (run.Problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound })
            {
                return NotFound();
            }

            FormErrors.AddTo(ModelState, run.Problem, FieldOf, t);
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await get.FindAsync(id, User, ct);
        if (view is null)
        {
            return false;
        }

        Detention = view;
        Reports = reports is null ? null : await reports.AboutAsync(id, User, ct);

        var all = await db.Set<Facility>().AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        Facilities = all.ToDictionary(f => f.Id, FacilityView.From);
        return true;
    }

    private JsonObject ToBody(EventForm f)
    {
        var body = new JsonObject();
        var type = f.Type ?? "";
        body["type"] = type;
        var at = clock.ParseInput(f.At);
        if (at is null)
        {
            ModelState.AddModelError("Event.At", t["Enter a date and time."]);
        }
        else
        {
            body["at"] = Json.Format(at.Value);
        }

        void Text(string field, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && RecordCustodyEvent.Accepts(type, field))
            {
                body[field] = value.Trim();
            }
        }

        void Flag(string field, bool value)
        {
            if (RecordCustodyEvent.Accepts(type, field))
            {
                body[field] = value;
            }
        }

        Text("note", f.Note);
        Text("facilityId", f.FacilityId);
        Text("protocolNumber", f.ProtocolNumber);
        Text("action", f.Action);
        Text("decision", f.Decision);
        Flag("defenderPresent", f.DefenderPresent);
        Flag("legalRepresentativePresent", f.LegalRepresentativePresent);
        Flag("injuriesFound", f.InjuriesFound);
        return body;
    }

    private static string FieldOf(string path) => path switch
    {
        "type" => "Event.Type",
        "at" => "Event.At",
        "facilityId" => "Event.FacilityId",
        "decision" => "Event.Decision",
        "protocolNumber" => "Event.ProtocolNumber",
        "action" => "Event.Action",
        "note" => "Event.Note",
        _ => "",
    };
}
