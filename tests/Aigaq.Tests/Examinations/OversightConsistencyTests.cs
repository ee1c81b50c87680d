using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Examinations;
using Aigaq.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// The examinations' oversight and the statistics count the same torture cases (<c>Aigaq.Cases.TortureCases</c>): a case
/// of the torture part that the register qualified as not torture raises no <c>NoExaminationInTortureCase</c> and is not
/// in the statistics, a case of another part qualified as torture is in both. The overdue scan loads only examinations
/// due, not started and not yet alerted.
/// </summary>
public abstract class OversightConsistencyTests(HostFixture fixture)
{
    private const string Region = "KZ-71";

    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_scan_and_the_statistics_take_the_same_cases_for_torture_and_the_overdue_scan_skips_what_it_raised()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);
        var received = Host.Now.AddDays(-1);
        async Task<Guid> CaseAsync(int part, bool torture, int i)
        {
            var report = await prosecutor.ReceiveAsync(CaseScenario.Report(received.AddMinutes(i), Region).Without("victims"));
            var body = CaseScenario.Registration(CaseScenario.Erdr(), received.AddHours(1), part);
            body["torture"] = torture;
            return Guid.Parse((await prosecutor.RegisterReportAsync(report.Id(), body)).Str("caseId"));
        }

        var partTwoNotTorture = await CaseAsync(2, false, 0);
        var partOneTorture = await CaseAsync(1, true, 1);
        var requested = Guid.Parse((await (await prosecutor.Client.PostJsonAsync("/api/v1/examinations", new JsonObject
        {
            ["requestedAt"] = Requests.Instant(Host.Now),
            ["requestedBy"] = new JsonObject { ["kind"] = "prosecutor" },
            ["person"] = new JsonObject { ["lastName"] = "Оспанов", ["firstName"] = "Ерлан", ["birthDate"] = "1988-02-03" },
        })).ExpectAsync(HttpStatusCode.Created)).Str("id"));

        var scopes = Host.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.DoesNotContain(requested, await PendingAsync(Host.Now));
        var later = Host.Now.AddDays(5);
        Assert.Contains(requested, await PendingAsync(later));
        await ExaminationScanner.ScanAsync(scopes, later, CancellationToken.None);
        Assert.DoesNotContain(requested, await PendingAsync(later));
        Assert.Equal(1, await AlertsAsync(AlertCodes.ExaminationOverdue, requested));

        Assert.Equal(0, await AlertsAsync(AlertCodes.NoExaminationInTortureCase, partTwoNotTorture));
        Assert.Equal(1, await AlertsAsync(AlertCodes.NoExaminationInTortureCase, partOneTorture));
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var figures = await (await analyst.Client.GetAsync($"/api/v1/statistics/examinations?year={received.Year}&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, figures["total"]!["tortureCases"]!.GetValue<int>());
    }

    private Task<List<Guid>> PendingAsync(DateTimeOffset at) => Host.WithDbAsync(db => ExaminationScanner.PendingOverdueAsync(db, at, CancellationToken.None));

    private Task<int> AlertsAsync(string code, Guid id) =>
        Host.WithDbAsync(db => db.Set<Alert>().CountAsync(a => a.Code == code && a.Key == $"{code}:{id}"));
}

public sealed class OversightConsistencyOnSqlite(SqliteHost fixture) : OversightConsistencyTests(fixture), IClassFixture<SqliteHost>;

public sealed class OversightConsistencyOnPostgres(PostgresHost fixture) : OversightConsistencyTests(fixture), IClassFixture<PostgresHost>;
