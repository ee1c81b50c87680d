using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Protection;
using Aigaq.Tests.Cases;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Protection;

/// <summary>
/// Anonymous reporters (issue 15, item 8): a report made without an account is received as any report is, and its
/// receipt code is shown once and kept nowhere in clear; the code opens an inbox (in a body, never an address) with the
/// report's status and the messages both ways; the region's prosecutors read and answer; a wrong code is refused naming
/// <c>receipt</c> and writes nothing; guessing is limited per address; no address of the reporter is kept.
/// </summary>
public abstract partial class AnonymousTests(HostFixture fixture)
{
    private const string Url = "/api/v1/anonymous-reports";

    /// <summary>The reporter's address, which nothing may keep.</summary>
    private static readonly IPAddress Reporter = IPAddress.Parse("203.0.113.7");

    /// <summary>A member of staff's address, which the access log keeps: the control that shows the scan finds one.</summary>
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.9");

    private AigaqHost Host => fixture.Host;

    private JsonObject Report(string narrative = "В ИВС меня били дубинкой по ногам, требовали признаться в краже. Следователь Жаксылыков.") => new()
    {
        ["narrative"] = narrative,
        ["region"] = "KZ-75",
        ["incidentAt"] = Requests.Instant(Host.Now.AddDays(-2)),
        ["injuries"] = "кровоподтёки на бёдрах",
    };

    /// <summary>
    /// A request through the real pipeline from <paramref name="from"/>, as a client on the network sends it (the
    /// in-memory client has no address, which would make "no address kept" true of anything).
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseHeaders Headers)> FromAsync(
        IPAddress from, string path, JsonNode? body = null, string? token = null)
    {
        using var client = new HttpClient(Host.Server.CreateHandler(c => c.Connection.RemoteIpAddress = from)) { BaseAddress = Host.Server.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = body is null ? await client.GetAsync(path) : await client.PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [], response.Headers);
    }

    /// <summary>Each test starts a new window of the receipt limits (on the fake clock), whatever the others used.</summary>
    private void NewWindow() => Host.Clock.Advance(TimeSpan.FromMinutes(15));

    [Fact]
    public async Task A_report_made_anonymously_gives_its_code_once_and_the_code_opens_a_two_way_channel()
    {
        NewWindow();
        var anonymous = Host.Anonymous();
        var key = Guid.NewGuid().ToString("N");
        var response = await anonymous.PostJsonAsync(Url, Report(), key);
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var receipt = created.Str("receipt");
        Assert.Matches(Digits(), receipt);
        Assert.Equal("received", created.Str("status"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        // A retry with the key is answered without the code: it was shown once.
        var retry = await anonymous.PostJsonAsync(Url, Report(), key);
        var replayed = await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Null(replayed["receipt"]);

        // Received as any report: anonymous source, no account behind it, the rule pack's deadline, in the log.
        var report = await Host.WithDbAsync(db => db.Set<Report>().SingleAsync(r => r.RecordedBy == AnonymousChannel.PublicActor && r.Narrative.Contains("Жаксылыков")));
        Assert.Equal(ReportSource.Anonymous, report.Source);
        Assert.True(report.Anonymous);
        Assert.Equal(report.ReceivedAt.AddHours(24), report.RegistrationDueBy);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AnonymousChannel>().CountAsync(c => c.ReportId == report.Id)));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == CaseLedger.ReportReceived && e.RecordId == report.Id)));
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        Assert.Equal("anonymous", (await prosecutor.GetReportAsync(report.Id)).Str("source"));

        // The code opens the inbox, however its digits are spaced.
        var (status, inbox, headers) = await FromAsync(Reporter, Url + "/inbox", new JsonObject { ["receipt"] = receipt.Replace(" ", "-", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("received", inbox.Str("status"));
        Assert.Empty(inbox["messages"].Objects());
        Assert.Equal("no-store", headers.CacheControl?.ToString());

        // The reporter writes back: a discreet alert in the report's region names the report's number only.
        var (sent, written, _) = await FromAsync(Reporter, Url + "/messages", new JsonObject { ["receipt"] = receipt, ["text"] = "Меня снова вызывают на допрос ночью." });
        Assert.Equal(HttpStatusCode.Created, sent);
        Assert.Equal(1, written["number"]!.GetValue<int>());
        var alert = await Host.WithDbAsync(db => db.Set<Alert>().SingleAsync(a => a.Code == AlertCodes.AnonymousReplyWaiting && a.ReportId == report.Id));
        Assert.Equal(("KZ-75", report.Number), (alert.Region, alert.Detail));
        Assert.True(AlertCodes.IsDiscreet(alert.Code));

        // The region's prosecutor reads the thread (logged, with their address) and answers.
        var (read, thread, _) = await FromAsync(Office, $"/api/v1/reports/{report.Id}/messages", token: prosecutor.Token);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.True(thread["replyWaiting"]!.GetValue<bool>());
        Assert.Equal(["reporter"], thread["items"].Objects().Select(m => m.Str("from")));
        var answer = await (await prosecutor.Client.PostJsonAsync($"/api/v1/reports/{report.Id}/messages", new JsonObject { ["text"] = "Назовите номер кабинета, где вас допрашивают." }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("staff", answer.Str("from"));
        var staffRead = await (await prosecutor.Client.GetAsync($"/api/v1/reports/{report.Id}/messages")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(staffRead["replyWaiting"]!.GetValue<bool>());

        // Registered as torture: the reporter sees the answer, without who wrote it, and the body that investigates.
        await prosecutor.RegisterReportAsync(report.Id, CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 2));
        var (_, after, _) = await FromAsync(Reporter, Url + "/inbox", new JsonObject { ["receipt"] = receipt });
        Assert.Contains(after.Str("status"), new[] { "registered", "routed" });
        Assert.Equal("specialProsecutor", after.Str("investigatedBy"));
        Assert.Equal(["reporter", "staff"], after["messages"].Objects().Select(m => m.Str("from")));
        Assert.Equal("Назовите номер кабинета, где вас допрашивают.", after["messages"].Objects().Last().Str("text"));
        Assert.DoesNotContain(prosecutor.Id.ToString(), after.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(report.Id.ToString(), after.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // The reporter's openings are in the access log, with no user and no address; the prosecutor's read keeps theirs.
        var opened = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(e => e.Action == "anonymous.inbox.read" && e.Resource == report.Id.ToString()).ToListAsync());
        Assert.Equal(2, opened.Count);
        Assert.All(opened, e => Assert.True(e.UserId is null && e.Address is null, $"{e.UserId} {e.Address}"));
        Assert.Contains(await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(e => e.Action == "report.messages.read" && e.UserId == prosecutor.Id).ToListAsync()),
            e => e.Address == Office.ToString());

        // Nowhere in the database is the code in clear, nor the reporter's address; the office's address is found.
        var digits = receipt.Replace(" ", "", StringComparison.Ordinal);
        Assert.Empty(await FindInDatabaseAsync(digits, receipt, Reporter.ToString()));
        Assert.NotEmpty(await FindInDatabaseAsync(Office.ToString()));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_naming_receipt_writes_nothing_and_guessing_is_limited_per_address()
    {
        NewWindow();
        var created = await (await Host.Anonymous().PostJsonAsync(Url, Report("Сына избили при задержании."))).ExpectAsync(HttpStatusCode.Created);
        var receipt = created.Str("receipt");
        var wrong = receipt[..^1] + (receipt[^1] == '9' ? '0' : (char)(receipt[^1] + 1));
        var guesser = IPAddress.Parse("192.0.2.44");
        var before = await CountsAsync();

        // A wrong code, a code that is not one, and a reply with a wrong code: 400 naming receipt, and nothing written.
        foreach (var (path, body) in new[]
                 {
                     ("/inbox", new JsonObject { ["receipt"] = wrong }),
                     ("/inbox", new JsonObject { ["receipt"] = "1234" }),
                     ("/inbox", new JsonObject()),
                     ("/messages", new JsonObject { ["receipt"] = wrong, ["text"] = "Ответьте мне." }),
                 })
        {
            var (status, problem, _) = await FromAsync(guesser, Url + path, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(problem["errors"] is JsonObject errors && errors.ContainsKey("receipt"), problem.ToJsonString());
        }

        Assert.Equal(before, await CountsAsync());

        // The address's tries run out (10 a window by default): then even the right code waits, told when to come back.
        var tries = 4;
        HttpStatusCode last;
        HttpResponseHeaders headers;
        do
        {
            (last, _, headers) = await FromAsync(guesser, Url + "/inbox", new JsonObject { ["receipt"] = wrong });
            tries++;
        }
        while (last == HttpStatusCode.BadRequest && tries < 20);
        Assert.Equal((HttpStatusCode.TooManyRequests, 11), (last, tries));
        Assert.True(headers.RetryAfter?.Delta > TimeSpan.Zero, headers.ToString());
        var (limited, body429, _) = await FromAsync(guesser, Url + "/inbox", new JsonObject { ["receipt"] = receipt });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.EndsWith("rate-limited", body429.Str("type"), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());

        // Another address is not held back by the guesser; in the next window the guesser's address may try again.
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(Reporter, Url + "/inbox", new JsonObject { ["receipt"] = receipt })).Status);
        NewWindow();
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(guesser, Url + "/inbox", new JsonObject { ["receipt"] = receipt })).Status);

        // Bad reports are refused naming each field, and nothing is written.
        var reports = await Host.CountAsync<Report>();
        var elsewhere = await Host.FacilityAsync(region: "KZ-71");
        var bad = new JsonObject
        {
            ["narrative"] = "  ",
            ["region"] = "KZ-99",
            ["incidentAt"] = Requests.Instant(Host.Now.AddDays(2)),
            ["injuries"] = new string('x', 4001),
        };
        var refused = await Host.Anonymous().PostJsonAsync(Url, bad);
        var problemBody = await refused.ExpectProblemAsync(HttpStatusCode.BadRequest, "narrative");
        Assert.Equal(["incidentAt", "injuries", "narrative", "region"], ((JsonObject)problemBody["errors"]!).Select(e => e.Key).Order(StringComparer.Ordinal));
        await (await Host.Anonymous().PostJsonAsync(Url, Report().With("facilityId", elsewhere.Id.ToString()))).ExpectProblemAsync(HttpStatusCode.BadRequest, "facilityId");
        await (await Host.Anonymous().PostJsonAsync(Url, Report().Without("incidentAt"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "incidentAt");
        Assert.Equal(reports, await Host.CountAsync<Report>());
    }

    [Fact]
    public async Task Only_staff_who_handle_the_report_read_and_answer_its_thread()
    {
        NewWindow();
        await (await Host.Anonymous().PostJsonAsync(Url, Report("Отца избили в колонии."))).ExpectAsync(HttpStatusCode.Created);
        var reportId = await Host.WithDbAsync(db => db.Set<Report>().Where(r => r.Narrative == "Отца избили в колонии.").Select(r => r.Id).SingleAsync());
        var thread = $"/api/v1/reports/{reportId}/messages";
        var answer = new JsonObject { ["text"] = "Ваше сообщение получено." };

        // Allowed: the region's special prosecutor reads and answers, as its supervisory prosecutor does.
        var special = await Host.UserAsync(Roles.SpecialProsecutor);
        await (await special.Client.PostJsonAsync(thread, answer)).ExpectAsync(HttpStatusCode.Created);
        await (await special.Client.GetAsync(thread)).ExpectAsync(HttpStatusCode.OK);

        // Another region's prosecutor: as if there were no such report. A role without reports: forbidden. No one: 401.
        var stranger = await Host.UserAsync(Roles.Prosecutor, region: "KZ-71");
        await (await stranger.Client.GetAsync(thread)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostJsonAsync(thread, answer)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var officer = await Host.UserAsync(Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync(thread)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync(thread, answer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous().GetAsync(thread)).StatusCode);

        // A report not made on the anonymous page has no channel: 409, and an empty answer names text.
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var named = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));
        await (await prosecutor.Client.GetAsync($"/api/v1/reports/{named.Id()}/messages")).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/reports/{named.Id()}/messages", answer)).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await prosecutor.Client.PostJsonAsync(thread, new JsonObject { ["text"] = " " })).ExpectProblemAsync(HttpStatusCode.BadRequest, "text");
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AnonymousMessage>().CountAsync(m => m.ReportId == reportId)));
    }

    private Task<(int Messages, int Entries, int Access, int Alerts)> CountsAsync() => Host.WithDbAsync(async db => (
        await db.Set<AnonymousMessage>().CountAsync(),
        await db.Set<LedgerEntry>().CountAsync(),
        await db.Set<AccessLogEntry>().CountAsync(),
        await db.Set<Alert>().CountAsync()));

    /// <summary>Every table of the model, every column, as text: the rows holding any of <paramref name="needles"/>.</summary>
    private Task<List<string>> FindInDatabaseAsync(params string[] needles) => Host.WithDbAsync(async db =>
    {
        var found = new List<string>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                    found.AddRange(needles.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"{table}.{reader.GetName(i)}: {n}"));
                }
            }
        }

        Assert.Contains("access_log", tables);
        return found;
    });

    [GeneratedRegex(@"^\d{4} \d{4} \d{4} \d{4}$")]
    private static partial Regex Digits();
}

public sealed class AnonymousOnSqlite(SqliteHost fixture) : AnonymousTests(fixture), IClassFixture<SqliteHost>;

public sealed class AnonymousOnPostgres(PostgresHost fixture) : AnonymousTests(fixture), IClassFixture<PostgresHost>;
