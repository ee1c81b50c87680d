using System.Text.Json;
using Aigaq.Cases;
using Npgsql;
using NpgsqlTypes;

/// <summary>The generated reports, cases and their history written with PostgreSQL's binary COPY, table by table.</summary>
internal static partial class CaseBench
{
    private static async Task RecreateAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static readonly JsonSerializerOptions VictimJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The owned-entity JSON EF writes for <see cref="Report.Victims"/>: property names as in the class.</summary>
    private static string Victims(List<ReportVictim> victims) => JsonSerializer.Serialize(
        victims.Select(v => new { v.BirthDate, v.FirstName, v.Iin, v.LastName, v.Patronymic }), VictimJson);

    private static async Task CopyReportsAsync(NpgsqlConnection connection, List<Report> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY reports ("Id","Seq","Number","ReceivedAt","ReceivedYear","RecordedAt","RecordedBy","Source","Narrative","Region","DetentionId","DetentionEventId","FacilityId","IncidentAt","Injuries","Anonymous","RulePackId","Status","RegistrationDueBy","CaseId","Version","Victims") FROM STDIN (FORMAT BINARY)""");
        foreach (var r in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.Seq, NpgsqlDbType.Bigint);
            await w.WriteAsync(r.Number, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.ReceivedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.ReceivedYear, NpgsqlDbType.Integer);
            await w.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.Source.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Narrative, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Region, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, r.DetentionId, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, r.DetentionEventId, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, r.FacilityId, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, r.IncidentAt, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, r.Injuries, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Anonymous, NpgsqlDbType.Boolean);
            await w.WriteAsync(r.RulePackId, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.RegistrationDueBy, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, r.CaseId, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.Version, NpgsqlDbType.Integer);
            await w.WriteAsync(Victims(r.Victims), NpgsqlDbType.Jsonb);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyAllegedAsync(NpgsqlConnection connection, IEnumerable<AllegedPerpetrator> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY report_alleged ("ReportId","Agency","ReceivedYear","Region","Unit","Name") FROM STDIN (FORMAT BINARY)""");
        foreach (var a in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(a.ReportId, NpgsqlDbType.Uuid);
            await w.WriteAsync(a.Agency.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(a.ReceivedYear, NpgsqlDbType.Integer);
            await w.WriteAsync(a.Region, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, a.Unit, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, a.Name, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyDecisionsAsync(NpgsqlConnection connection, List<ReportDecision> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY report_decisions ("Id","ReportId","Kind","At","RecordedAt","RecordedBy","ErdrNumber","Part","CaseId","Reason") FROM STDIN (FORMAT BINARY)""");
        foreach (var d in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(d.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.ReportId, NpgsqlDbType.Uuid);
            await w.WriteAsync(d.Kind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(d.At, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(d.RecordedBy, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, d.ErdrNumber, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, d.Part, NpgsqlDbType.Integer);
            await Copy.WriteNullableAsync(w, d.CaseId, NpgsqlDbType.Uuid);
            await Copy.WriteNullableAsync(w, d.Reason, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyCasesAsync(NpgsqlConnection connection, List<Case> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY cases ("Id","ErdrNumber","ReportId","Region","RegisteredAt","RecordedAt","RecordedBy","RulePackId","ReceivedYear","HoursToRegistration","RegisteredInTime","Part","Torture","ResponsibleKind","ResponsibleRegion","Conflict","ConflictOpen","Stage","SentToCourtAt","Convicted","Closed","Version") FROM STDIN (FORMAT BINARY)""");
        foreach (var c in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.ErdrNumber, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ReportId, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.Region, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.RegisteredAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.RulePackId, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ReceivedYear, NpgsqlDbType.Integer);
            await w.WriteAsync(c.HoursToRegistration, NpgsqlDbType.Double);
            await w.WriteAsync(c.RegisteredInTime, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.Part, NpgsqlDbType.Integer);
            await w.WriteAsync(c.Torture, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.ResponsibleKind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ResponsibleRegion, NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, c.Conflict?.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(c.ConflictOpen, NpgsqlDbType.Boolean);
            await Copy.WriteNullableAsync(w, c.Stage?.ToString(), NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, c.SentToCourtAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(c.Convicted, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.Closed, NpgsqlDbType.Boolean);
            await w.WriteAsync(c.Version, NpgsqlDbType.Integer);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, List<CaseEvent> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY case_events ("Id","CaseId","Type","At","RecordedAt","RecordedBy","Data","Reason") FROM STDIN (FORMAT BINARY)""");
        foreach (var e in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(e.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.CaseId, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Type, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.RecordedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(e.RecordedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(e.Data, NpgsqlDbType.Text);
            await Copy.WriteNullableAsync(w, e.Reason, NpgsqlDbType.Varchar);
        }

        await w.CompleteAsync();
    }

    private static async Task CopyReferralsAsync(NpgsqlConnection connection, List<Referral> rows)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            """COPY referrals ("Id","CaseId","FromKind","FromRegion","ToKind","ToRegion","Reason","CreatedAt","CreatedBy","DueBy","Status","AcceptedAt","AcceptedBy") FROM STDIN (FORMAT BINARY)""");
        foreach (var r in rows)
        {
            await w.StartRowAsync();
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.CaseId, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.FromKind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.FromRegion, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.ToKind.ToString(), NpgsqlDbType.Varchar);
            await w.WriteAsync(r.ToRegion, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.Reason, NpgsqlDbType.Varchar);
            await w.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.CreatedBy, NpgsqlDbType.Uuid);
            await w.WriteAsync(r.DueBy, NpgsqlDbType.TimestampTz);
            await w.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar);
            await Copy.WriteNullableAsync(w, r.AcceptedAt, NpgsqlDbType.TimestampTz);
            await Copy.WriteNullableAsync(w, r.AcceptedBy, NpgsqlDbType.Uuid);
        }

        await w.CompleteAsync();
    }
}
