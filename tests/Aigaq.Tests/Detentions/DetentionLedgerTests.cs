using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Aigaq.Detentions;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// Every detention and custody event already in a log was committed to with the content built as a JSON object and
/// canonicalized. The content is now written as canonical JSON directly; for any record it must give exactly the
/// bytes of that first definition (kept here as the oracle), or every existing commitment would stop verifying.
/// </summary>
public sealed class DetentionLedgerTests
{
    private static string Instant(DateTimeOffset value) => Infrastructure.LedgerInstantTests.AsFirstWritten(value);

    /// <summary>The detention's content as first defined (until 2026-11-29).</summary>
    private static JsonObject AsFirstWritten(Detention d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["number"] = d.Number,
        ["person"] = new JsonObject
        {
            ["lastName"] = d.LastName,
            ["firstName"] = d.FirstName,
            ["patronymic"] = d.Patronymic,
            ["birthDate"] = d.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["iin"] = d.Iin,
            ["sex"] = d.Sex,
            ["citizenship"] = d.Citizenship,
            ["language"] = d.Language,
        },
        ["detainedAt"] = Instant(d.DetainedAt),
        ["recordedAt"] = Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
        ["place"] = new JsonObject { ["address"] = d.PlaceAddress, ["latitude"] = d.Latitude, ["longitude"] = d.Longitude },
        ["region"] = d.Region,
        ["agency"] = d.Agency,
        ["officers"] = new JsonArray([.. d.Officers.Select(o => (JsonNode)new JsonObject { ["badge"] = o.Badge, ["name"] = o.Name })]),
        ["grounds"] = new JsonObject { ["kind"] = d.GroundsKind.ToString(), ["article"] = d.GroundsArticle, ["description"] = d.GroundsDescription },
        ["rightsExplainedAt"] = d.RightsExplainedAt is { } r ? Instant(r) : null,
        ["rightsLanguage"] = d.RightsLanguage,
        ["destination"] = new JsonObject
        {
            ["facilityId"] = d.DestinationFacilityId.ToString(),
            ["route"] = d.Route,
            ["expectedArrival"] = d.ExpectedArrival is { } e ? Instant(e) : null,
        },
        ["contacts"] = new JsonArray([.. d.Contacts.OrderBy(c => c.Role).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Email, StringComparer.Ordinal).ThenBy(c => c.Phone, StringComparer.Ordinal)
            .Select(c => (JsonNode)new JsonObject { ["role"] = c.Role.ToString(), ["name"] = c.Name, ["phone"] = c.Phone, ["email"] = c.Email, ["language"] = c.Language })]),
        ["rulePack"] = d.RulePackId,
        ["courtBy"] = Instant(d.CourtBy),
        ["protocolBy"] = Instant(d.ProtocolBy),
        ["deliveryBy"] = Instant(d.DeliveryBy),
        ["isMinor"] = d.IsMinor,
    };

    /// <summary>The custody event's content as first defined (until 2026-11-29).</summary>
    private static JsonObject AsFirstWritten(DetentionEvent e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["detentionId"] = e.DetentionId.ToString(),
        ["type"] = e.Type,
        ["at"] = Instant(e.At),
        ["recordedAt"] = Instant(e.RecordedAt),
        ["recordedBy"] = e.RecordedBy.ToString(),
        ["data"] = JsonNode.Parse(e.Data),
        ["corrects"] = e.Corrects?.ToString(),
        ["reason"] = e.Reason,
    };

    private static readonly string[] Texts =
    [
        "Сейітов", "Әлиев Нұрлан", "O'Brien \"Jr\"", "back\\slash", "line\nbreak\ttab", "bell\u0007", "😀 emoji", "דּ", "",
        "ДП г. Алматы", "пр. Абая, 150 / кв. 7", "\u007f\u0080", "a\u2028b",
    ];

    private static string Text(Random r) => Texts[r.Next(Texts.Length)] + (r.Next(3) == 0 ? r.Next().ToString(CultureInfo.InvariantCulture) : "");

    private static string? Maybe(Random r) => r.Next(4) == 0 ? null : Text(r);

    private static DateTimeOffset Moment(Random r) =>
        new(r.NextInt64(new DateTime(1990, 1, 1).Ticks, new DateTime(2040, 1, 1).Ticks), TimeSpan.FromMinutes(r.Next(-12 * 4, 14 * 4 + 1) * 15));

    private static double? Coordinate(Random r) => r.Next(5) switch
    {
        0 => null,
        1 => r.Next(-90, 91),
        2 => Math.Round((r.NextDouble() * 180) - 90, r.Next(1, 8)),
        3 => (r.NextDouble() * 360) - 180,
        _ => r.NextDouble() * 1e-7,
    };

    private static Detention RandomDetention(Random r) => new()
    {
        Id = Guid.NewGuid(),
        Number = "D75-" + r.Next(),
        LastName = Text(r),
        FirstName = Text(r),
        Patronymic = Maybe(r),
        BirthDate = r.Next(3) == 0 ? null : DateOnly.FromDayNumber(r.Next(1, 3_000_000)),
        Iin = Maybe(r),
        Sex = Maybe(r),
        Citizenship = Maybe(r),
        Language = Maybe(r),
        IsMinor = r.Next(2) == 0,
        NameKey = "X",
        DetainedAt = Moment(r),
        RecordedAt = Moment(r),
        RecordedBy = Guid.NewGuid(),
        PlaceAddress = Text(r),
        Latitude = Coordinate(r),
        Longitude = Coordinate(r),
        Region = "KZ-" + r.Next(10, 80),
        Agency = Text(r),
        Officers = [.. Enumerable.Range(0, r.Next(4)).Select(_ => new Officer { Badge = Text(r), Name = Text(r) })],
        GroundsKind = (GroundsKind)r.Next(Enum.GetValues<GroundsKind>().Length),
        GroundsArticle = Maybe(r),
        GroundsDescription = Maybe(r),
        RightsExplainedAt = r.Next(3) == 0 ? null : Moment(r),
        RightsLanguage = Maybe(r),
        DestinationFacilityId = Guid.NewGuid(),
        Route = Maybe(r),
        ExpectedArrival = r.Next(3) == 0 ? null : Moment(r),
        Contacts = [.. Enumerable.Range(0, r.Next(5)).Select(_ => new DetentionContact
        {
            Role = (ContactRole)r.Next(Enum.GetValues<ContactRole>().Length),
            Name = r.Next(3) == 0 ? "Same" : Text(r),
            Phone = Maybe(r),
            Email = Maybe(r),
            Language = Maybe(r),
        })],
        RulePackId = "kz-" + r.Next(2020, 2030),
        CourtBy = Moment(r),
        ProtocolBy = Moment(r),
        DeliveryBy = Moment(r),
    };

    private static readonly string[] Data =
    [
        "{}", "null", """{"injuries":true,"notes":"ушиб \"левой\" руки\n"}""", """{"b":[1,2.5,-0.0,1e21,1E-7],"a":{"z":null,"y":false}}""",
        """{"facilityId":"7e0c2a4e-0000-4000-8000-000000000001","דּ":1,"😀":2,"€":3}""", """[1,"two",{"three":3}]""", "\"text\"", "12.50",
    ];

    private static DetentionEvent RandomEvent(Random r) => new()
    {
        Id = Guid.NewGuid(),
        DetentionId = Guid.NewGuid(),
        Type = Text(r),
        At = Moment(r),
        RecordedAt = Moment(r),
        RecordedBy = Guid.NewGuid(),
        Data = Data[r.Next(Data.Length)],
        Corrects = r.Next(2) == 0 ? null : Guid.NewGuid(),
        Reason = Maybe(r),
    };

    private static byte[] Written(Action<CanonicalJsonWriter> content)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CanonicalJsonWriter(buffer);
        content(writer);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Any_detention_is_written_as_it_was_first_committed()
    {
        var r = new Random(75);
        for (var i = 0; i < 5_000; i++)
        {
            var d = RandomDetention(r);
            Assert.Equal(JsonCanonicalizer.Canonicalize(AsFirstWritten(d)), Written(w => DetentionLedger.Content(w, d)));
        }
    }

    [Fact]
    public void Any_custody_event_is_written_as_it_was_first_committed()
    {
        var r = new Random(146);
        for (var i = 0; i < 5_000; i++)
        {
            var e = RandomEvent(r);
            Assert.Equal(JsonCanonicalizer.Canonicalize(AsFirstWritten(e)), Written(w => DetentionLedger.Content(w, e)));
        }
    }

    [Fact]
    public void The_commitment_of_a_detention_is_the_one_made_from_its_first_definition()
    {
        var d = RandomDetention(new Random(1));
        var salt = new byte[LedgerWriter.SaltBytes];
        new Random(2).NextBytes(salt);
        Assert.Equal(LedgerWriter.Commit(salt, AsFirstWritten(d)), LedgerWriter.Commit(salt, w => DetentionLedger.Content(w, d)));
    }
}
