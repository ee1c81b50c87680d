using System.Text.Json.Nodes;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Npgsql;
using NpgsqlTypes;

/// <summary>The generated detentions, events and log entries written with PostgreSQL's binary COPY, table by table.</summary>
internal static partial class AuditLog
{
    private static async Task CopyDetentionsAsync(NpgsqlConnection connection, IEnumerable<Detention> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY detentions ("Id","Number","Seq","LastName","FirstName","Patronymic","BirthDate","Iin","Sex","Citizenship","Language","IsMinor","NameKey","DetainedAt","RecordedAt","RecordedBy","PlaceAddress","Latitude","Longitude","Region","Agency","GroundsKind","GroundsArticle","GroundsDescription","RightsExplainedAt","RightsLanguage","DestinationFacilityId","Route","ExpectedArrival","RulePackId","CourtBy","ProtocolBy","DeliveryBy","Status","CurrentFacilityId","ArrivedAt","ProtocolAt","CourtDecisionAt","ReleasedAt","Version","Officers") FROM STDIN (FORMAT BINARY)""");
        foreach (var d in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(d.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.Number, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.Seq, NpgsqlDbType.Bigint);
            await w.WriteAsync(d.LastName, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.FirstName, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.Patronymic, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.BirthDate, NpgsqlDbType.Date);
            await Copy.WriteNullableAsync(w, d.Iin, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.Sex, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.Citizenship, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.Language, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.IsMinor, NpgsqlDbType.Boolean);
            await w.WriteAsync(d.NameKey, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.DetainedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.PlaceAddress, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.Latitude, NpgsqlDbType.Double);
            await Copy.WriteNullableAsync(w, d.Longitude, NpgsqlDbType.Double);
            await w.WriteAsync(d.Region, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.Agency, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.GroundsKind.ToString(), NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.GroundsArticle, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.GroundsDescription, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.RightsExplainedAt, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, d.RightsLanguage, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.DestinationFacilityId, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, d.Route, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.ExpectedArrival, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RulePackId, NpgsqlDbType.Varchar);
            await w.WriteAsync(d.CourtBy, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.ProtocolBy, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.DeliveryBy, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.Status.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(d.CurrentFacilityId, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, d.ArrivedAt, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, d.ProtocolAt, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, d.CourtDecisionAt, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, d.ReleasedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.Version, NpgsqlDbType.Integer);
            var officers = new JsonArray([.. d.Officers.Select(o => (JsonNode)new JsonObject { ["Badge"] = o.Badge, ["Name"] = o.Name })]);
            await w.WriteAsync(officers.ToJsonString(), NpgsqlDbType.Jsonb);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyContactsAsync(NpgsqlConnection connection, IEnumerable<DetentionContact> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY detention_contacts ("DetentionId","Role","Name","Phone","Email","EmailNormalized","Language") FROM STDIN (FORMAT BINARY)""");
        foreach (var c in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(c.DetentionId, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.Role.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(c.Name, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, c.Phone, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, c.Email, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, c.EmailNormalized, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, c.Language, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, IEnumerable<DetentionEvent> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY detention_events ("Id","DetentionId","Type","At","RecordedAt","RecordedBy","Data","Corrects","Reason") FROM STDIN (FORMAT BINARY)""");
        foreach (var e in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(e.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.DetentionId, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Type, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Data, NpgsqlDbType.Text);
            await Copy.WriteNullableAsync(w, e.Corrects, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, e.Reason, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyEntriesAsync(NpgsqlConnection connection, IEnumerable<LedgerEntry> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY ledger_entries ("Id","Index","Kind","RecordId","RecordedAt","Commitment","Salt","Entry","LeafHash") FROM STDIN (FORMAT BINARY)""");
        foreach (var e in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(e.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Index, NpgsqlDbType.Bigint);
            await w.WriteAsync(e.Kind, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.RecordId, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.Commitment, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Salt, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Entry, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.LeafHash, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }
}
