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
    public static TimelineEntryView From(DetentionEvent e, LogPosition? log) =>
        new(e.Id, e.Type, e.At, e.RecordedAt, e.RecordedBy, (JsonObject)JsonNode.Parse(e.Data)!, e.Corrects, e.Reason, log);
}

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
        IReadOnlyDictionary<Guid, LogPosition>? log = null) => new(
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
        [.. alerts.OrderBy(a => a.RaisedAt).Select(AlertView.From)],
        [.. events.OrderBy(e => e.At).ThenBy(e => e.RecordedAt).Select(e => TimelineEntryView.From(e, log?.GetValueOrDefault(e.Id)))],
        [.. notifications.OrderBy(n => n.CreatedAt).Select(n => new NotificationView(
            n.Id, n.Role, n.Channel, n.Address, n.Status, n.Attempts, n.CreatedAt, n.SentAt,
            [.. n.AttemptLog.OrderBy(a => a.At).Select(a => new AttemptView(a.At, a.Succeeded, a.Error))]))],
        log?.GetValueOrDefault(d.Id));
}
