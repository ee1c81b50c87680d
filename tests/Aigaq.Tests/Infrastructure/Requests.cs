using System.Globalization;
using System.Text.Json.Nodes;

namespace Aigaq.Tests.Infrastructure;

/// <summary>Valid request bodies of CONTRACT.md, as JSON a client would send, and ways to spoil them.</summary>
public static class Requests
{
    public static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A registration that raises no alert: registered and rights stated at once.</summary>
    public static JsonObject Detention(
        Guid facilityId, DateTimeOffset detainedAt, string region = "KZ-75", string lastName = "Ахметов",
        string firstName = "Ерлан", string? birthDate = "1994-05-17", JsonArray? contacts = null)
    {
        var person = new JsonObject
        {
            ["lastName"] = lastName,
            ["firstName"] = firstName,
            ["patronymic"] = "Бауыржанұлы",
            ["language"] = "kk",
        };
        if (birthDate is not null)
        {
            person["birthDate"] = birthDate;
        }

        return new JsonObject
        {
            ["person"] = person,
            ["detainedAt"] = Instant(detainedAt),
            ["place"] = new JsonObject { ["address"] = "г. Алматы, пр. Абая, 150", ["latitude"] = 43.2389, ["longitude"] = 76.8897 },
            ["region"] = region,
            ["agency"] = "Департамент полиции г. Алматы",
            ["officers"] = new JsonArray(new JsonObject { ["badge"] = "1207", ["name"] = "Ержан Абенов" }),
            ["grounds"] = new JsonObject { ["kind"] = "suspicion", ["article"] = "ст. 188 ч. 2 УК РК" },
            ["rightsExplainedAt"] = Instant(detainedAt.AddMinutes(2)),
            ["rightsLanguage"] = "kk",
            ["destination"] = new JsonObject { ["facilityId"] = facilityId.ToString(), ["expectedArrival"] = Instant(detainedAt.AddMinutes(40)) },
            ["contacts"] = contacts ?? new JsonArray(Contact("relative", "Айгуль Ахметова", phone: "+77011234567")),
        };
    }

    public static JsonObject Contact(string role, string name, string? phone = null, string? email = null, string? language = null)
    {
        var c = new JsonObject { ["role"] = role, ["name"] = name };
        if (phone is not null)
        {
            c["phone"] = phone;
        }

        if (email is not null)
        {
            c["email"] = email;
        }

        if (language is not null)
        {
            c["language"] = language;
        }

        return c;
    }

    public static JsonObject Event(string type, DateTimeOffset at, params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["type"] = type, ["at"] = Instant(at) };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }

    /// <summary>Sets a value at a dotted path such as <c>person.iin</c>; a null value removes the member.</summary>
    public static JsonObject With(this JsonObject body, string path, JsonNode? value, bool remove = false)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            target = (JsonObject)target[part]!;
        }

        if (remove)
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = value;
        }

        return body;
    }

    public static JsonObject Without(this JsonObject body, string path) => body.With(path, null, remove: true);
}
