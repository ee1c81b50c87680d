using Aigaq.Ledger;
using Aigaq.TransparencyLog;

namespace Aigaq.Detentions;

/// <summary>
/// What of a detention the transparency log commits to, computed from the stored record alone so
/// that an audit can recompute it: every registered fact, none of the projection that events move.
/// The content is written as canonical JSON directly, members in canonical order (the writer refuses
/// any other), by the one function that registration and the audit both use.
/// </summary>
public static class DetentionLedger
{
    public const string Registered = "detention.registered";
    public const string Event = "detention.event";

    /// <summary>
    /// Where the person is and what the timeline has reached: what events move after registration. A new detention is
    /// in transit to its destination, which its registration commits to, so it needs no state entry until an event
    /// moves it.
    /// </summary>
    public static readonly LoggedState<Detention> State = new(
        "detention.state", "detention", d => d.Id, StateContent,
        d => d.Status == CustodyStatus.InTransit && d.CurrentFacilityId == d.DestinationFacilityId && d.ArrivedAt is null
            && d.ProtocolAt is null && d.CourtDecisionAt is null && d.ReleasedAt is null,
        AuditedByArea: true);

    private static void StateContent(CanonicalJsonWriter w, Detention d) =>
        w.StartObject()
            .Member("arrivedAt", Instant(d.ArrivedAt))
            .Member("courtDecisionAt", Instant(d.CourtDecisionAt))
            .Member("currentFacilityId", d.CurrentFacilityId.ToString())
            .Member("id", d.Id.ToString())
            .Member("protocolAt", Instant(d.ProtocolAt))
            .Member("releasedAt", Instant(d.ReleasedAt))
            .Member("status", d.Status.ToString())
            .EndObject();

    private static string? Instant(DateTimeOffset? at) => at is { } value ? LedgerWriter.Instant(value) : null;

    public static void Content(CanonicalJsonWriter w, Detention d)
    {
        w.StartObject()
            .Member("agency", d.Agency)
            .Name("contacts").StartArray();
        foreach (var c in d.Contacts.OrderBy(c => c.Role).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Email, StringComparer.Ordinal).ThenBy(c => c.Phone, StringComparer.Ordinal))
        {
            w.StartObject()
                .Member("email", c.Email)
                .Member("language", c.Language)
                .Member("name", c.Name)
                .Member("phone", c.Phone)
                .Member("role", c.Role.ToString())
                .EndObject();
        }

        w.EndArray()
            .Member("courtBy", LedgerWriter.Instant(d.CourtBy))
            .Member("deliveryBy", LedgerWriter.Instant(d.DeliveryBy))
            .Name("destination").StartObject()
                .Member("expectedArrival", d.ExpectedArrival is { } e ? LedgerWriter.Instant(e) : null)
                .Member("facilityId", d.DestinationFacilityId.ToString())
                .Member("route", d.Route)
                .EndObject()
            .Member("detainedAt", LedgerWriter.Instant(d.DetainedAt))
            .Name("grounds").StartObject()
                .Member("article", d.GroundsArticle)
                .Member("description", d.GroundsDescription)
                .Member("kind", d.GroundsKind.ToString())
                .EndObject()
            .Member("id", d.Id.ToString())
            .Member("isMinor", d.IsMinor)
            .Member("number", d.Number)
            .Name("officers").StartArray();
        foreach (var o in d.Officers)
        {
            w.StartObject().Member("badge", o.Badge).Member("name", o.Name).EndObject();
        }

        w.EndArray()
            .Name("person").StartObject()
                .Member("birthDate", d.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Member("citizenship", d.Citizenship)
                .Member("firstName", d.FirstName)
                .Member("iin", d.Iin)
                .Member("language", d.Language)
                .Member("lastName", d.LastName)
                .Member("patronymic", d.Patronymic)
                .Member("sex", d.Sex)
                .EndObject()
            .Name("place").StartObject()
                .Member("address", d.PlaceAddress)
                .Member("latitude", d.Latitude)
                .Member("longitude", d.Longitude)
                .EndObject()
            .Member("protocolBy", LedgerWriter.Instant(d.ProtocolBy))
            .Member("recordedAt", LedgerWriter.Instant(d.RecordedAt))
            .Member("recordedBy", d.RecordedBy.ToString())
            .Member("region", d.Region)
            .Member("rightsExplainedAt", d.RightsExplainedAt is { } r ? LedgerWriter.Instant(r) : null)
            .Member("rightsLanguage", d.RightsLanguage)
            .Member("rulePack", d.RulePackId)
            .EndObject();
    }

    public static void Content(CanonicalJsonWriter w, DetentionEvent e) =>
        w.StartObject()
            .Member("at", LedgerWriter.Instant(e.At))
            .Member("corrects", e.Corrects?.ToString())
            .Name("data").Json(e.Data)
            .Member("detentionId", e.DetentionId.ToString())
            .Member("id", e.Id.ToString())
            .Member("reason", e.Reason)
            .Member("recordedAt", LedgerWriter.Instant(e.RecordedAt))
            .Member("recordedBy", e.RecordedBy.ToString())
            .Member("type", e.Type)
            .EndObject();
}
