using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

public sealed record CustodyEventView(TimelineEntryView Event, IReadOnlyList<AlertView> Alerts);

/// <summary>
/// Appends an event to a custody timeline: <c>{ "type", "at", ...fields }</c>. Each type accepts
/// only its own fields, so nothing sent is silently dropped. The event raises its alerts and moves
/// the listing projection (status, current facility) in the same transaction.
/// </summary>
public sealed class RecordCustodyEvent(AigaqDb db, RulePackCatalog rules, IEnumerable<ICustodyEventSubscriber> subscribers, TimeProvider clock)
{
    private enum Kind
    {
        Bool,
        Text,
        Instant,
        Guid,
        Sha256,
    }

    private sealed record Field(string Name, Kind Kind, bool Required);

    private static readonly Field Note = new("note", Kind.Text, false);

    private static readonly Dictionary<string, Field[]> FieldsByType = new(StringComparer.Ordinal)
    {
        [EventTypes.ArrivedAtFacility] = [Note, new("facilityId", Kind.Guid, false)],
        [EventTypes.ProtocolDrawn] = [Note, new("protocolNumber", Kind.Text, false)],
        [EventTypes.RightsExplained] = [Note, new("language", Kind.Text, false)],
        [EventTypes.DefenderArrived] = [Note, new("defenderName", Kind.Text, false)],
        [EventTypes.MedicalExamination] = [Note, new("injuriesFound", Kind.Bool, true), new("examiner", Kind.Text, false)],
        [EventTypes.InvestigativeActionStarted] =
            [Note, new("action", Kind.Text, false), new("defenderPresent", Kind.Bool, false), new("legalRepresentativePresent", Kind.Bool, false)],
        [EventTypes.InvestigativeActionEnded] = [Note, new("defenderPresent", Kind.Bool, true)],
        [EventTypes.Transferred] = [Note, new("facilityId", Kind.Guid, true)],
        [EventTypes.CourtDecision] = [Note, new("decision", Kind.Text, true)],
        [EventTypes.Released] = [Note, new("grounds", Kind.Text, false)],
        [EventTypes.VideoRecorded] =
            [Note, new("sha256", Kind.Sha256, true), new("startedAt", Kind.Instant, true), new("endedAt", Kind.Instant, true), new("deviceId", Kind.Text, true)],
        [EventTypes.IllTreatmentComplaint] = [Note, new("by", Kind.Text, false)],
    };

    /// <summary>Whether an event of this type takes this field; the web form sends only those.</summary>
    public static bool Accepts(string type, string field) =>
        FieldsByType.TryGetValue(type, out var fields) && Array.Exists(fields, f => f.Name == field);

    public async Task<Outcome<CustodyEventView>> HandleAsync(Guid detentionId, JsonObject body, ClaimsPrincipal user, CancellationToken ct)
    {
        var detention = await db.Set<Detention>().Visible(user).FirstOrDefaultAsync(d => d.Id == detentionId, ct);
        if (detention is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The detention"));
        }

        var now = clock.GetUtcNow();
        var pack = rules.ById(detention.RulePackId) ?? rules.At(detention.DetainedAt);
        var v = new Validation();
        var (type, at, data, corrects, reason) = Parse(body, v, now, pack, detention);

        Facility? newFacility = null;
        if (data.TryGetPropertyValue("facilityId", out var f) && f is not null && v.IsValid)
        {
            var facilityId = f.GetValue<Guid>();
            newFacility = await db.Set<Facility>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == facilityId, ct);
            if (newFacility is null)
            {
                v.Add("facilityId", "is not a known facility");
            }
        }

        if (corrects is { } target && !await db.Set<DetentionEvent>().AnyAsync(e => e.Id == target && e.DetentionId == detentionId, ct))
        {
            v.Add("corrects", "is not an event of this detention");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var entry = new DetentionEvent
        {
            Id = Guid.CreateVersion7(now),
            DetentionId = detentionId,
            Type = type,
            At = at,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            Data = data.ToJsonString(),
            Corrects = corrects,
            Reason = reason,
        };
        db.Add(entry);
        var due = CustodyRules.ForEvent(pack, detention, entry.Id, type, at, data, newFacility?.AcceptsMinors).ToList();
        var alerts = await AlertFactory.AddNewAsync(db, due, detentionId, detention.Region, now, ct);
        Project(detention, type, at, newFacility);
        detention.Version++;

        var logEntry = LedgerWriter.Append(db, DetentionLedger.Event, entry.Id, now, w => DetentionLedger.Content(w, entry));
        foreach (var subscriber in subscribers)
        {
            await subscriber.OnRecordedAsync(new CustodyEventRecorded(db, detention, entry, data, now), ct);
        }

        return Outcome<CustodyEventView>.Created(
            () => new CustodyEventView(
                new TimelineEntryView(entry.Id, type, at, now, entry.RecordedBy, data, corrects, reason, new LogPosition(logEntry.Index, logEntry.LeafHash)),
                [.. alerts.Select(AlertView.From)]),
            $"/api/v1/detentions/{detentionId}");
    }

    /// <summary>Moves the listing projection; the first event of a kind counts, a correction does not move it back.</summary>
    private static void Project(Detention d, string type, DateTimeOffset at, Facility? facility)
    {
        switch (type)
        {
            case EventTypes.ArrivedAtFacility:
                d.ArrivedAt ??= at;
                if (d.Status == CustodyStatus.InTransit)
                {
                    d.Status = CustodyStatus.InCustody;
                }

                if (facility is not null)
                {
                    d.CurrentFacilityId = facility.Id;
                }

                break;
            case EventTypes.ProtocolDrawn:
                d.ProtocolAt ??= at;
                break;
            case EventTypes.CourtDecision:
                d.CourtDecisionAt ??= at;
                break;
            case EventTypes.Transferred:
                d.CurrentFacilityId = facility!.Id;
                break;
            case EventTypes.Released:
                d.Status = CustodyStatus.Released;
                d.ReleasedAt ??= at;
                break;
        }
    }

    private static (string Type, DateTimeOffset At, JsonObject Data, Guid? Corrects, string? Reason) Parse(
        JsonObject body, Validation v, DateTimeOffset now, RulePack pack, Detention d)
    {
        var type = Text(body, "type", v);
        var at = Instant(body, "at", v) ?? default;
        if (type is null)
        {
            v.Add("type", "is required");
        }
        else if (!FieldsByType.ContainsKey(type))
        {
            v.Add("type", "must be one of " + string.Join(", ", EventTypes.All));
        }

        if (!body.ContainsKey("at"))
        {
            v.Add("at", "is required");
        }
        else if (at != default)
        {
            var skew = TimeSpan.FromMinutes(pack.Registration.ClockSkewMinutes);
            if (at > now + skew)
            {
                v.Add("at", "is in the future");
            }
            else if (at < d.DetainedAt - skew)
            {
                v.Add("at", "is before the moment of detention");
            }
        }

        Guid? corrects = null;
        if (body.TryGetPropertyValue("corrects", out var c) && c is not null)
        {
            corrects = GuidOf(c, "corrects", v);
        }

        var reason = Text(body, "reason", v);
        if (corrects is not null && string.IsNullOrWhiteSpace(reason))
        {
            v.Add("reason", "is required when an event corrects another");
        }

        var data = new JsonObject();
        if (type is null || !FieldsByType.TryGetValue(type, out var fields))
        {
            return (type ?? "", at, data, corrects, reason);
        }

        foreach (var (name, node) in body)
        {
            if (name is "type" or "at" or "corrects" or "reason")
            {
                continue;
            }

            var field = Array.Find(fields, x => x.Name == name);
            if (field is null)
            {
                v.Add(name, $"is not a field of {type}");
                continue;
            }

            var value = Read(field, node, v);
            if (value is not null)
            {
                data[name] = value;
            }
        }

        foreach (var field in fields.Where(x => x.Required && !data.ContainsKey(x.Name) && !v.Has(x.Name)))
        {
            v.Add(field.Name, "is required");
        }

        if (type == EventTypes.VideoRecorded && data["startedAt"] is { } s && data["endedAt"] is { } e &&
            s.Deserialize<DateTimeOffset>(Json.Options) > e.Deserialize<DateTimeOffset>(Json.Options))
        {
            v.Add("endedAt", "is before startedAt");
        }

        return (type, at, data, corrects, reason);
    }

    private static JsonNode? Read(Field field, JsonNode? node, Validation v)
    {
        switch (field.Kind)
        {
            case Kind.Bool when node is JsonValue b && b.TryGetValue<bool>(out var flag):
                return JsonValue.Create(flag);
            case Kind.Bool:
                v.Add(field.Name, "must be true or false");
                return null;
            case Kind.Text when node is JsonValue t && t.TryGetValue<string>(out var text):
                var trimmed = v.Optional(field.Name, text, 2000);
                return trimmed is null ? null : JsonValue.Create(trimmed);
            case Kind.Instant when node is JsonValue i && i.TryGetValue<string>(out var instant) && Json.TryParseInstant(instant, out var parsed):
                return JsonValue.Create(Json.Format(parsed.ToUniversalTime()));
            case Kind.Guid:
                var id = GuidOf(node, field.Name, v);
                return id is null ? null : JsonValue.Create(id.Value);
            case Kind.Sha256 when node is JsonValue h && h.TryGetValue<string>(out var hex) && hex.Length == 64 && hex.All(char.IsAsciiHexDigit):
                return JsonValue.Create(hex.ToLowerInvariant());
            case Kind.Sha256:
                v.Add(field.Name, "must be 64 hexadecimal digits");
                return null;
            default:
                v.Add(field.Name, field.Kind == Kind.Instant ? "must be an RFC 3339 instant with an offset" : "must be a string");
                return null;
        }
    }

    private static Guid? GuidOf(JsonNode? node, string name, Validation v)
    {
        if (node is JsonValue g && g.TryGetValue<string>(out var s) && Guid.TryParse(s, out var id))
        {
            return id;
        }

        v.Add(name, "must be an id");
        return null;
    }

    private static string? Text(JsonObject body, string name, Validation v)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return v.Optional(name, text, 2000);
        }

        v.Add(name, "must be a string");
        return null;
    }

    private static DateTimeOffset? Instant(JsonObject body, string name, Validation v)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text) && Json.TryParseInstant(text, out var instant))
        {
            return instant;
        }

        v.Add(name, "must be an RFC 3339 instant with an offset");
        return null;
    }
}
