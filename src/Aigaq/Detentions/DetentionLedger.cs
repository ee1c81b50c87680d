using System.Text.Json.Nodes;
using Aigaq.Ledger;

namespace Aigaq.Detentions;

/// <summary>
/// What of a detention the transparency log commits to, computed from the stored record alone so
/// that an audit can recompute it: every registered fact, none of the projection that events move.
/// </summary>
public static class DetentionLedger
{
    public const string Registered = "detention.registered";
    public const string Event = "detention.event";

    public static JsonObject Content(Detention d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["number"] = d.Number,
        ["person"] = new JsonObject
        {
            ["lastName"] = d.LastName,
            ["firstName"] = d.FirstName,
            ["patronymic"] = d.Patronymic,
            ["birthDate"] = d.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["iin"] = d.Iin,
            ["sex"] = d.Sex,
            ["citizenship"] = d.Citizenship,
            ["language"] = d.Language,
        },
        ["detainedAt"] = LedgerWriter.Instant(d.DetainedAt),
        ["recordedAt"] = LedgerWriter.Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
        ["place"] = new JsonObject { ["address"] = d.PlaceAddress, ["latitude"] = d.Latitude, ["longitude"] = d.Longitude },
        ["region"] = d.Region,
        ["agency"] = d.Agency,
        ["officers"] = new JsonArray([.. d.Officers.Select(o => (JsonNode)new JsonObject { ["badge"] = o.Badge, ["name"] = o.Name })]),
        ["grounds"] = new JsonObject { ["kind"] = d.GroundsKind.ToString(), ["article"] = d.GroundsArticle, ["description"] = d.GroundsDescription },
        ["rightsExplainedAt"] = d.RightsExplainedAt is { } r ? LedgerWriter.Instant(r) : null,
        ["rightsLanguage"] = d.RightsLanguage,
        ["destination"] = new JsonObject
        {
            ["facilityId"] = d.DestinationFacilityId.ToString(),
            ["route"] = d.Route,
            ["expectedArrival"] = d.ExpectedArrival is { } e ? LedgerWriter.Instant(e) : null,
        },
        ["contacts"] = new JsonArray([.. d.Contacts.OrderBy(c => c.Role).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Email, StringComparer.Ordinal).ThenBy(c => c.Phone, StringComparer.Ordinal)
            .Select(c => (JsonNode)new JsonObject { ["role"] = c.Role.ToString(), ["name"] = c.Name, ["phone"] = c.Phone, ["email"] = c.Email, ["language"] = c.Language })]),
        ["rulePack"] = d.RulePackId,
        ["courtBy"] = LedgerWriter.Instant(d.CourtBy),
        ["protocolBy"] = LedgerWriter.Instant(d.ProtocolBy),
        ["deliveryBy"] = LedgerWriter.Instant(d.DeliveryBy),
        ["isMinor"] = d.IsMinor,
    };

    public static JsonObject Content(DetentionEvent e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["detentionId"] = e.DetentionId.ToString(),
        ["type"] = e.Type,
        ["at"] = LedgerWriter.Instant(e.At),
        ["recordedAt"] = LedgerWriter.Instant(e.RecordedAt),
        ["recordedBy"] = e.RecordedBy.ToString(),
        ["data"] = JsonNode.Parse(e.Data),
        ["corrects"] = e.Corrects?.ToString(),
        ["reason"] = e.Reason,
    };
}
