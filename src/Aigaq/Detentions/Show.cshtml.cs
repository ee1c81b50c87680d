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
    public Guid? FacilityId { get; set; }
    public string? ProtocolNumber { get; set; }
    public string? Action { get; set; }
    public bool DefenderPresent { get; set; }
    public bool LegalRepresentativePresent { get; set; }
    public bool InjuriesFound { get; set; }
    public string? Decision { get; set; }

    /// <summary>Why an arrival or transfer is recorded where the register did not expect it.</summary>
    public string? Reason { get; set; }
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
    Notifications.ResendNotification resend, ILinkedReports? reports = null)
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

    /// <summary>Whether the user may send a notification of the detention again (the region's prosecutor).</summary>
    public bool MayResend => User.Can(Permissions.ResendNotifications);

    [TempData]
    public string? ResendError { get; set; }

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

        if (ToEvent(Event) is { } sent && ModelState.IsValid)
        {
            var run = await runner.RunFormAsync(
                User.RequiredUserId(), Event.FormKey, "detentions.events", _ => $"/detentions/{id}#timeline",
                c => record.HandleAsync(id, sent, User, c), ct);
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

    /// <summary>Sends a notification that failed or waits at the slow pace again, with the reason the prosecutor gives.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid notificationId, string? reason, CancellationToken ct)
    {
        if (!MayResend)
        {
            return Forbid();
        }

        var result = await resend.HandleAsync(notificationId, reason, User, ct);
        switch (result.Failure)
        {
            case Notifications.ResendFailure.None:
                Saved = t["The notification will be sent again."];
                break;
            case Notifications.ResendFailure.NotFound:
                return NotFound();
            case Notifications.ResendFailure.ReasonInvalid:
                ResendError = t["Say why it is sent again."];
                break;
            default:
                ResendError = t["The notification was sent or changed meanwhile; look at it again."];
                break;
        }

        return LocalRedirect($"/detentions/{id}#notifications");
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

    /// <summary>
    /// The form as the event it records; null, with the reason in ModelState, when it has no time or no type the form
    /// offers. The fields a type does not take are not asked for by the form (event-form.js hides them) and not sent.
    /// </summary>
    private CustodyEvent? ToEvent(EventForm f)
    {
        if (clock.ParseInput(f.At) is not { } at)
        {
            ModelState.AddModelError("Event.At", t["Enter a date and time."]);
            return null;
        }

        CustodyEvent? sent = f.Type switch
        {
            EventTypes.ArrivedAtFacility => new ArrivedAtFacility { At = at, FacilityId = f.FacilityId, Reason = f.Reason },
            EventTypes.ProtocolDrawn => new ProtocolDrawn { At = at, ProtocolNumber = f.ProtocolNumber },
            EventTypes.RightsExplained => new RightsExplained { At = at },
            EventTypes.DefenderArrived => new DefenderArrived { At = at },
            EventTypes.MedicalExamination => new MedicalExamination { At = at, InjuriesFound = f.InjuriesFound },
            EventTypes.InvestigativeActionStarted => new InvestigativeActionStarted
            {
                At = at,
                Action = f.Action,
                DefenderPresent = f.DefenderPresent,
                LegalRepresentativePresent = f.LegalRepresentativePresent,
            },
            EventTypes.InvestigativeActionEnded => new InvestigativeActionEnded { At = at, DefenderPresent = f.DefenderPresent },
            EventTypes.Transferred => new Transferred { At = at, FacilityId = f.FacilityId, Reason = f.Reason },
            EventTypes.CourtDecision => new CourtDecision { At = at, Decision = f.Decision },
            EventTypes.Released => new Released { At = at },
            EventTypes.IllTreatmentComplaint => new IllTreatmentComplaint { At = at },
            _ => null,
        };
        if (sent is null)
        {
            ModelState.AddModelError("Event.Type", FormErrors.Message(t, "is required"));
        }

        return sent is null ? null : sent with { Note = f.Note };
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
        "reason" => "Event.Reason",
        _ => "",
    };
}
