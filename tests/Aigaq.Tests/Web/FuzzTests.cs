using System.Data.Common;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Tests.Cases;
using CsCheck;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Web;

/// <summary>
/// Generated bodies sent to every write endpoint, on both providers (issue 13, item 5): a valid body with one member
/// changed, removed or added, a whole random body, or text that is not JSON the API takes (a member given twice, an
/// escaped unpaired surrogate, a cut body). Every answer must be below 500; every 4xx an RFC 9457 problem; and a refused
/// request must write no row of any table but the access log's and the log's own.
/// </summary>
public abstract class FuzzTests(HostFixture fixture)
{
    /// <summary>How many generated bodies each endpoint gets per provider.</summary>
    private const int PerEndpoint = 60;

    private AigaqHost Host => fixture.Host;

    private sealed record Target(string Name, TestUser User, string Path, JsonObject Valid);

    /// <summary>Strings that break things: control characters, NUL, bidirectional and invisible characters, very long text, wrong forms.</summary>
    private static readonly Gen<string> Nasty = Gen.OneOf(
        Gen.OneOf("", " ", "\u0000", "a\u0000b", "\u0007", "\u001b[31m", "\u202eabc", "a\u200bb", "\ufeff", "\u0085",
            "0", "-1", "1e309", "NaN", "null", "true", "[]", "{}", "KZ-99", "ZZ", "2026-13-45", "2026-03-01T14:05:00", "9999-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000000", "<script>alert(1)</script>", "'; DROP TABLE detentions; --",
            "Ахметов Ерлан", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", new string('я', 5000)),
        Gen.String[0, 40],
        Gen.Char['\u0000', '\u00ff'].Array[0, 12].Select(a => new string(a)));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Nasty.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static readonly Gen<JsonNode?> Value = Gen.Recursive<JsonNode?>((depth, self) => depth >= 2
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, self.Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Select(Nasty, self).Array[0, 3].Select(members =>
            {
                var o = new JsonObject();
                foreach (var (name, value) in members)
                {
                    o[name] = value;
                }

                return (JsonNode?)o;
            }))));

    /// <summary>A body for the target as text: mostly its valid body with one change, sometimes anything at all.</summary>
    private static Gen<string> Bodies(JsonObject valid)
    {
        var paths = Paths(valid).ToArray();
        var changed = Gen.Select(Gen.Int[0, paths.Length - 1], Value, Gen.Int[0, 3], Nasty).Select((i, value, how, name) =>
        {
            var body = valid.DeepClone().AsObject();
            var (parent, key) = Locate(body, paths[i]);
            switch (how)
            {
                case 0:
                    Remove(parent, key);
                    break;
                case 1:
                    body[name.Length == 0 ? "extra" : name] = value;
                    break;
                default:
                    Set(parent, key, value);
                    break;
            }

            return body.ToJsonString();
        });
        var text = valid.ToJsonString();
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var first = comma > 1 ? text[1..comma] : text[1..^1];
        var raw = Gen.OneOf(
            Gen.Int[1, Math.Max(1, text.Length - 1)].Select(n => text[..n]),
            Gen.Const("{" + first + "," + text[1..]),
            Gen.Const(text.Replace("\":\"", "\":\"\\ud800", StringComparison.Ordinal)),
            Gen.OneOf("", "null", "[]", "\"text\"", "42", "{", "{}", "{\"a\":}"));
        return Gen.Frequency((6, changed), (2, Value.Select(v => v?.ToJsonString() ?? "null")), (2, raw));
    }

    [Fact]
    public async Task Generated_bodies_get_an_answer_below_500_a_problem_for_a_refusal_and_write_nothing_when_refused()
    {
        var targets = await TargetsAsync();
        foreach (var target in targets)
        {
            await Bodies(target.Valid).SampleAsync(async body =>
            {
                var before = await CountsAsync();
                using var response = await target.User.Client.PostRawAsync(target.Path, body);
                var status = (int)response.StatusCode;
                var answer = await response.Content.ReadAsStringAsync();
                Assert.True(status < 500, $"{target.Name}: {status} for {body}");
                if (status >= 400)
                {
                    Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{target.Name}: {status} is not a problem for {body}: {answer}");
                    Assert.True(before == await CountsAsync(), $"{target.Name}: a refused request ({status}) wrote rows for {body}");
                }
            }, iter: PerEndpoint, threads: 1);
        }
    }

    /// <summary>Every write endpoint with a user who may call it and a body it takes.</summary>
    private async Task<List<Target>> TargetsAsync()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, facility: facility.Id);
        var administrator = await Host.UserAsync(Roles.Administrator, region: null);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var defender = await Host.UserAsync(Roles.Defender);
        var changed = await Host.UserAsync(Roles.Monitor);
        var held = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-2));
        var notification = Guid.Parse(held["notifications"]!.AsArray()[0]!.Str("id"));
        var report = await defender.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));
        var opened = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));
        var caseId = Guid.Parse((await prosecutor.RegisterReportAsync(opened.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1))).Str("caseId"));
        return
        [
            new("register a detention", officer, Scenario.Detentions, Requests.Detention(facility.Id, Host.Now)),
            new("record a custody event", custody, Scenario.EventsUrl(held.Id()),
                Requests.Event("protocolDrawn", Host.Now.AddMinutes(-5), ("protocolNumber", "П-17"), ("note", "составлен"))),
            new("create a facility", administrator, "/api/v1/facilities", new JsonObject
            {
                ["name"] = "Спецприёмник", ["type"] = "specialReception", ["region"] = "KZ-75", ["agency"] = "police",
                ["address"] = "г. Алматы", ["acceptsMinors"] = false,
            }),
            new("receive a report", defender, CaseScenario.Reports, CaseScenario.Report(Host.Now.AddHours(-1))),
            new("register a report", prosecutor, $"{CaseScenario.Reports}/{report.Id()}/register", CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1)),
            new("refuse a report", prosecutor, $"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject { ["grounds"] = "нет признаков" }),
            new("record a case stage", prosecutor, $"/api/v1/cases/{caseId}/stages", CaseScenario.Stage("suspectIdentified", Host.Now)),
            new("requalify a case", prosecutor, $"/api/v1/cases/{caseId}/requalify", new JsonObject { ["part"] = 2, ["reason"] = "цель признания" }),
            new("file a complaint", defender, "/api/v1/complaints", new JsonObject
            {
                ["kind"] = "action", ["actor"] = "investigator", ["action"] = "отказ в экспертизе", ["grounds"] = "без мотивов",
                ["complainant"] = "defender",
            }),
            new("change an account", administrator, $"/api/v1/users/{changed.Id}/changes", new JsonObject { ["region"] = "KZ-71", ["reason"] = "перевод" }),
            new("resend a notification", prosecutor, $"/api/v1/notifications/{notification}/resend", new JsonObject { ["reason"] = "адрес исправлен" }),
            new("acknowledge an alert", prosecutor, $"/api/v1/alerts/{Guid.NewGuid()}/acknowledge", new JsonObject { ["comment"] = "проверено" }),
        ];
    }

    /// <summary>The row count of every table but the access log, the log and the ledger's own state, as one text.</summary>
    private Task<string> CountsAsync() => Host.WithDbAsync(async db =>
    {
        var skipped = new[] { typeof(AccessLogEntry), typeof(Aigaq.TransparencyLog.LedgerEntry) };
        var tables = db.Model.GetEntityTypes()
            .Where(t => !skipped.Contains(t.ClrType) && t.GetTableName() is not null && t.GetViewName() is null && !t.IsOwned())
            .Select(t => t.GetTableName()!).Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT " + string.Join(" || ',' || ", tables.Select(t => $"CAST((SELECT COUNT(*) FROM \"{t}\") AS TEXT)"));
            return (string)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    private static IEnumerable<string[]> Paths(JsonNode node, string[]? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    string[] path = [.. prefix, name];
                    yield return path;
                    if (value is not null)
                    {
                        foreach (var inner in Paths(value, path))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    string[] path = [.. prefix, $"[{i}]"];
                    yield return path;
                    if (a[i] is { } item)
                    {
                        foreach (var inner in Paths(item, path))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static (JsonNode Parent, string Key) Locate(JsonNode root, string[] path)
    {
        var node = root;
        foreach (var step in path[..^1])
        {
            node = step.StartsWith('[') ? node[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!;
        }

        return (node, path[^1]);
    }

    private static void Remove(JsonNode parent, string key)
    {
        if (key.StartsWith('['))
        {
            parent.AsArray().RemoveAt(int.Parse(key[1..^1], System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            parent.AsObject().Remove(key);
        }
    }

    private static void Set(JsonNode parent, string key, JsonNode? value)
    {
        if (key.StartsWith('['))
        {
            parent.AsArray()[int.Parse(key[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[key] = value;
        }
    }
}

public sealed class SqliteFuzzTests(SqliteHost fixture) : FuzzTests(fixture), IClassFixture<SqliteHost>;

public sealed class PostgresFuzzTests(PostgresHost fixture) : FuzzTests(fixture), IClassFixture<PostgresHost>;
