using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Examinations;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Review finding M1: a finding sent while the examination is being sealed either lands before the seal, and is among
/// the findings the seal lists (and its log entry commits to), or is refused 409 naming <c>findings</c>; never a finding
/// beside a seal that does not know it. On PostgreSQL the writes take the examination's row lock; on SQLite the write gate.
/// </summary>
public abstract class SealRaceTests(HostFixture fixture)
{
    private const int Rounds = 6;

    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_finding_racing_the_seal_is_sealed_with_it_or_refused()
    {
        var investigator = await Host.UserAsync(Roles.Investigator);
        var expert = await Host.UserAsync(Roles.ForensicExpert);
        for (var round = 0; round < Rounds; round++)
        {
            var at = await ReadyAsync(investigator, expert);
            var first = Guid.Parse((await (await expert.Client.PostJsonAsync($"{at}/findings", Finding())).ExpectAsync(HttpStatusCode.Created)).Str("id"));

            var seal = expert.Client.PostJsonAsync($"{at}/seal", new JsonObject
            {
                ["opinion"] = "consistent",
                ["conclusions"] = "Соответствует",
                ["recommendations"] = "Нет",
                ["policePresent"] = false,
            });
            var finding = expert.Client.PostJsonAsync($"{at}/findings", Finding());
            await Task.WhenAll(seal, finding);
            using var sealAnswer = await seal;
            using var findingAnswer = await finding;

            await sealAnswer.ExpectAsync(HttpStatusCode.Created);
            var id = Guid.Parse(at[(at.LastIndexOf('/') + 1)..]);
            var sealedIds = await Host.WithDbAsync(db => db.Set<ExaminationSeal>().Where(s => s.ExaminationId == id).Select(s => s.FindingIds).SingleAsync());
            var listed = ExaminationSeals.Ids(sealedIds!).ToHashSet();
            var stored = await Host.WithDbAsync(db => db.Set<ExaminationFinding>().Where(f => f.ExaminationId == id).Select(f => f.Id).ToListAsync());
            Assert.Contains(first, listed);
            Assert.Equal(listed, stored.ToHashSet());
            if (findingAnswer.StatusCode == HttpStatusCode.Created)
            {
                Assert.Contains(Guid.Parse((await findingAnswer.ExpectAsync(HttpStatusCode.Created)).Str("id")), listed);
            }
            else
            {
                await findingAnswer.ExpectProblemAsync(HttpStatusCode.Conflict, "findings");
                Assert.Single(stored);
            }
        }
    }

    /// <summary>An examination with its examiner, session and consent: ready for findings and the seal.</summary>
    private async Task<string> ReadyAsync(TestUser investigator, TestUser expert)
    {
        var exam = await (await investigator.Client.PostJsonAsync("/api/v1/examinations", new JsonObject
        {
            ["requestedAt"] = Requests.Instant(Host.Now.AddMinutes(-30)),
            ["requestedBy"] = new JsonObject { ["kind"] = "investigator" },
            ["person"] = new JsonObject { ["lastName"] = "Касымов", ["firstName"] = "Ержан", ["birthDate"] = "1989-11-02" },
        })).ExpectAsync(HttpStatusCode.Created);
        var at = $"/api/v1/examinations/{exam.Str("id")}";
        await (await expert.Client.PostJsonAsync($"{at}/examiner", new JsonObject
        {
            ["name"] = "Омарова Д.",
            ["qualifications"] = "судебно-медицинский эксперт",
            ["employer"] = "forensicCentre",
            ["independenceDeclared"] = true,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/session", new JsonObject
        {
            ["place"] = "ЦСЭ",
            ["startedAt"] = Requests.Instant(Host.Now.AddMinutes(-20)),
            ["policePresent"] = false,
            ["present"] = new JsonArray(new JsonObject { ["name"] = "Омарова Д.", ["affiliation"] = "examiner" }),
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/consent", new JsonObject
        {
            ["at"] = Requests.Instant(Host.Now.AddMinutes(-19)),
            ["items"] = new JsonObject
            {
                ["examination"] = true,
                ["photographs"] = false,
                ["intimatePhotographs"] = false,
                ["shareWithInvestigators"] = true,
                ["shareWithCourt"] = true,
                ["shareWithDefender"] = true,
            },
            ["refusalReason"] = "без фотографий",
        })).ExpectAsync(HttpStatusCode.Created);
        return at;
    }

    private static JsonObject Finding() => new()
    {
        ["view"] = "front",
        ["bodyRegion"] = "chest",
        ["x"] = 0.5,
        ["y"] = 0.25,
        ["description"] = "Кровоподтёк",
        ["consistency"] = "consistent",
        ["rationale"] = "Удар тупым предметом",
    };
}

public sealed class SealRaceOnSqlite(SqliteHost fixture) : SealRaceTests(fixture), IClassFixture<SqliteHost>;

public sealed class SealRaceOnPostgres(PostgresHost fixture) : SealRaceTests(fixture), IClassFixture<PostgresHost>;
