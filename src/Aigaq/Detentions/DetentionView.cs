using System.Text.Json.Nodes;
using Aigaq.Alerts;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;

namespace Aigaq.Detentions;

public sealed record PersonView(
    string LastName, string FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin,
    string? Sex, string? Citizenship, string? Language);

public sealed record PlaceView(string Address, double? Latitude, double? Longitude);

public sealed record OfficerView(string Badge, string Name);

public sealed record GroundsView(GroundsKind Kind, string? Article, string? Description);

public sealed record DestinationView(Guid FacilityId, string? Route, DateTimeOffset? ExpectedArrival);

public sealed record ContactView(ContactRole Role, string Name, string? Phone, string? Email, string? Language);

public sealed record DeadlinesView(DateTimeOffset CourtBy, DateTimeOffset ProtocolBy, DateTimeOffset DeliveryBy);

/// <summary>
/// A timeline entry; <see cref="Fields"/> are the fields as the row stores them, the same JSON the log commits to, so an
/// entry reads as it was recorded even where its type's record has changed since.
/// </summary>
public sealed record TimelineEntryView(
    Guid Id, string Type, DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy,
    JsonObject Fields, Guid? Corrects, string? Reason, LogPosition? Log = null)
{
    /// <summary>The type of an entry whose content the reader may not know (<see cref="NeedToKnow"/>).</summary>
    public const string Withheld = "withheld";

    public static TimelineEntryView From(DetentionEvent e, LogPosition? log) =>
        new(e.Id, e.Type, e.At, e.RecordedAt, e.RecordedBy, (JsonObject)JsonNode.Parse(e.Data)!, e.Corrects, e.Reason, log);

    /// <summary>The entry as <paramref name="reader"/> may read it: its content and kind withheld when they need not know.</summary>
    public static TimelineEntryView For(DetentionEvent e, LogPosition? log, NeedToKnow reader) =>
        reader.MayRead(e) ? From(e, log) : new(e.Id, Withheld, e.At, e.RecordedAt, e.RecordedBy, [], e.Corrects, null, log);
}

/// <summary>
/// Who may read what a detainee alleges and what a doctor found (<see cref="Access.Permissions.ReadAllegations"/>): a
/// reader without it sees that such a timeline entry or alert exists and when, never its kind or content, so that the
/// detaining agency does not learn who complained of what.
/// </summary>
public sealed record NeedToKnow(bool MayReadAllegations)
{
    /// <summary>Everything: for the registering officer's own answer, which holds no allegation.</summary>
    public static readonly NeedToKnow All = new(true);

    private static readonly HashSet<string> AllegationEvents = new(StringComparer.Ordinal)
    {
        EventTypes.IllTreatmentComplaint, EventTypes.MedicalExamination,
    };

    private static readonly HashSet<string> AllegationAlerts = new(StringComparer.Ordinal) { AlertCodes.InjuriesRecorded };

    public static NeedToKnow Of(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.HasClaim(Access.AigaqClaims.Permission, Access.Permissions.ReadAllegations));

    public bool MayRead(DetentionEvent e) => MayReadAllegations || !AllegationEvents.Contains(e.Type);

    public AlertView Alert(Alert a)
    {
        var view = AlertView.From(a);
        return MayReadAllegations || !AllegationAlerts.Contains(a.Code)
            ? view
            : view with { Code = AlertView.Withheld, Detail = null, Comment = null };
    }
}

/// <summary>One delivery attempt; <c>error</c> is a code of <see cref="Aigaq.Notifications.DeliveryFailure"/>, never an exception's text.</summary>
public sealed record AttemptView(DateTimeOffset At, bool Succeeded, string? Error);

public sealed record NotificationView(
    Guid Id, string Role, NotificationChannel Channel, string Address, NotificationStatus Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, IReadOnlyList<AttemptView> AttemptLog);

/// <summary>A detention as the API shows it to someone allowed to see it (CONTRACT.md).</summary>
public sealed record DetentionView(
    Guid Id,
    string Number,
    CustodyStatus Status,
    PersonView Person,
    bool IsMinor,
    DateTimeOffset DetainedAt,
    DateTimeOffset RecordedAt,
    Guid RecordedBy,
    PlaceView Place,
    string Region,
    string Agency,
    IReadOnlyList<OfficerView> Officers,
    GroundsView Grounds,
    DateTimeOffset? RightsExplainedAt,
    string? RightsLanguage,
    DestinationView Destination,
    Guid CurrentFacilityId,
    IReadOnlyList<ContactView> Contacts,
    string RulePack,
    DeadlinesView Deadlines,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<NotificationView> Notifications,
    LogPosition? Log = null)
{
    public static DetentionView From(
        Detention d, IEnumerable<Alert> alerts, IEnumerable<DetentionEvent> events, IEnumerable<Notification> notifications,
        NeedToKnow reader, IReadOnlyDictionary<Guid, LogPosition>? log = null) => new(
        d.Id,
        d.Number,
        d.Status,
        new PersonView(d.LastName, d.FirstName, d.Patronymic, d.BirthDate, d.Iin, d.Sex, d.Citizenship, d.Language),
        d.IsMinor,
        d.DetainedAt,
        d.RecordedAt,
        d.RecordedBy,
        new PlaceView(d.PlaceAddress, d.Latitude, d.Longitude),
        d.Region,
        d.Agency,
        [.. d.Officers.Select(o => new OfficerView(o.Badge, o.Name))],
        new GroundsView(d.GroundsKind, d.GroundsArticle, d.GroundsDescription),
        d.RightsExplainedAt,
        d.RightsLanguage,
        new DestinationView(d.DestinationFacilityId, d.Route, d.ExpectedArrival),
        d.CurrentFacilityId,
        [.. d.Contacts.Select(c => new ContactView(c.Role, c.Name, c.Phone, c.Email, c.Language))],
        d.RulePackId,
        new DeadlinesView(d.CourtBy, d.ProtocolBy, d.DeliveryBy),
        [.. alerts.OrderBy(a => a.RaisedAt).Select(reader.Alert)],
        [.. events.OrderBy(e => e.At).ThenBy(e => e.RecordedAt).Select(e => TimelineEntryView.For(e, log?.GetValueOrDefault(e.Id), reader))],
        [.. notifications.OrderBy(n => n.CreatedAt).Select(n => new NotificationView(
            n.Id, n.Role, n.Channel, n.Address, n.Status, n.Attempts, n.CreatedAt, n.SentAt,
            [.. n.AttemptLog.OrderBy(a => a.Number).Select(a => new AttemptView(a.At, a.Succeeded, Aigaq.Notifications.DeliveryFailure.Known(a.Error)))]))],
        log?.GetValueOrDefault(d.Id));
}
