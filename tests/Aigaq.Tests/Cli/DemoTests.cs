using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Cli;
using Aigaq.Recommendations;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Aigaq.Visits.Answers;
using Aigaq.Visits.Interviews;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Aigaq.Tests.Cli;

/// <summary>The demo's host: the settings <c>aigaq serve --demo</c> adds (the coalition's grades public).</summary>
public sealed class DemoSqliteHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => DemoRecommendations.PublicSettings;
}

public sealed class DemoPostgresHost() : HostFixture(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => DemoRecommendations.PublicSettings;
}

/// <summary>
/// <c>aigaq serve --demo</c> on an empty database: the 2023 cohort shows the attrition of DOMAIN.md
/// through the statistics API, this year's reports and cases are there for the accounts printed,
/// and the log audit holds on what the demo entered.
/// </summary>
public abstract class DemoTests(HostFixture fixture, ITestOutputHelper output)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_demo_fills_the_2023_funnel_and_this_years_cases_and_the_log_audit_holds()
    {
        var started = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        string printed;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            printed = await Demo.FillAsync(scope.ServiceProvider, CancellationToken.None);
        }

        output.WriteLine($"demo seeded in {started.Elapsed.TotalSeconds:0.0} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU");
        foreach (var email in new[] { "prosecutor@demo.aigaq.kz", "special@demo.aigaq.kz", "investigator@demo.aigaq.kz", "analyst@demo.aigaq.kz" })
        {
            Assert.Contains(email, printed, StringComparison.Ordinal);
        }

        // A former officer, moved and then deactivated by the administrator: two logged changes, and no sign-in.
        Assert.Contains(Demo.FormerOfficer, printed, StringComparison.Ordinal);
        var former = await Host.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == Demo.FormerOfficer));
        Assert.Equal(("KZ-71", true), (former.Region, former.Deactivated));
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == former.Id)));

        // A prosecutor's account with no role yet: its request waits for the second administrator, who may approve it.
        Assert.Contains(Demo.NewProsecutor, printed, StringComparison.Ordinal);
        Assert.Contains(Demo.SecondAdministrator, printed, StringComparison.Ordinal);
        var newcomer = await Host.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == Demo.NewProsecutor));
        Assert.Equal(UserAccounts.NoRole, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, newcomer.Id, CancellationToken.None)));
        var request = await Host.WithDbAsync(db => db.Set<RoleGrant>().AsNoTracking().SingleAsync(g => g.UserId == newcomer.Id));
        Assert.Equal((RoleGrantStatus.Pending, Roles.Prosecutor), (request.Status, request.ToRole));

        // The 2023 cohort, as an analyst reads it: 398 reports reviewed, 18 reached court (4.52 %).
        var analyst = await ClientOfAsync("analyst@demo.aigaq.kz");
        var total = await (await analyst.GetAsync("/api/v1/statistics/funnel?year=2023")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((398, 18), (total["received"]!.GetValue<int>(), total["sentToCourt"]!.GetValue<int>()));
        Assert.Equal(0.0452, total["courtShare"]!.GetValue<double>(), 4);
        Assert.Equal(
            (DemoCases.Cohort2023.Sum(r => r.Registered), DemoCases.Cohort2023.Sum(r => r.Convicted)),
            (total["registered"]!.GetValue<int>(), total["convicted"]!.GetValue<int>()));

        // Every region has its own funnel, and the regions add up to the whole.
        foreach (var region in Aigaq.Facilities.Regions.All)
        {
            var row = DemoCases.Cohort2023.Single(r => r.Region == region.Code);
            var funnel = await (await analyst.GetAsync($"/api/v1/statistics/funnel?year=2023&region={region.Code}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(
                (row.Received, row.Registered, row.Sent, row.Convicted),
                (funnel["received"]!.GetValue<int>(), funnel["registered"]!.GetValue<int>(), funnel["sentToCourt"]!.GetValue<int>(), funnel["convicted"]!.GetValue<int>()));
            Assert.True(row.Received > row.Registered && row.Registered >= row.Sent, region.Code);
        }

        // This year's work in Almaty: a report past its deadline, cases at every stage, an open
        // conflict, and a referral waiting in each of the two bodies' inboxes.
        var prosecutor = await ClientOfAsync("prosecutor@demo.aigaq.kz");
        var waiting = await (await prosecutor.GetAsync("/api/v1/reports?status=received&region=KZ-75")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(waiting["items"].Objects(), r => r["openAlerts"]!.GetValue<int>() > 0);
        var (stages, alerts, sources) = await Host.WithDbAsync(async db => (
            await db.Set<Case>().Where(c => c.ReceivedYear > 2023 && c.Stage != null).Select(c => c.Stage!.Value).Distinct().ToListAsync(),
            await db.Set<Alert>().Where(a => a.Status == AlertStatus.Open && a.Region == "KZ-75" && (a.ReportId != null || a.CaseId != null))
                .Select(a => a.Code).Distinct().ToListAsync(),
            await db.Set<Report>().Where(r => r.Region == "KZ-75" && r.ReceivedYear > 2023).Select(r => r.Source).Distinct().CountAsync()));
        Assert.Equal(Enum.GetValues<CaseStage>().Order(), stages.Order());
        Assert.Superset(
            new HashSet<string> { AlertCodes.RegistrationOverdue, AlertCodes.ReferralUnacknowledged, AlertCodes.InstitutionalConflict, AlertCodes.AgreementInTortureCase },
            alerts.ToHashSet());
        Assert.Equal(Enum.GetValues<ReportSource>().Length, sources);
        foreach (var body in new[] { "special@demo.aigaq.kz", "investigator@demo.aigaq.kz" })
        {
            var inbox = JsonNode.Parse(await (await ClientOfAsync(body)).GetStringAsync("/api/v1/referrals"))!["items"]!.AsArray();
            Assert.Single(inbox);
        }

        // Independent review: a refusal challenge and an investigator's inaction wait for the
        // investigating judge; a challenge upheld put its report back on the waiting list; a motion
        // to exclude evidence obtained under torture was granted.
        Assert.Contains("judge@demo.aigaq.kz", printed, StringComparison.Ordinal);
        var judge = await ClientOfAsync("judge@demo.aigaq.kz");
        var open = JsonNode.Parse(await judge.GetStringAsync("/api/v1/complaints?status=open"))!["items"]!.AsArray().Objects().ToList();
        Assert.Equal(["inaction", "refusal"], open.Select(c => c.Str("kind")).Order(StringComparer.Ordinal));
        var decided = JsonNode.Parse(await judge.GetStringAsync("/api/v1/complaints?status=decided"))!["items"]!.AsArray().Objects().Single();
        Assert.Equal("upheld", decided.Str("outcome"));
        var reopened = await (await prosecutor.GetAsync($"/api/v1/reports/{decided.Str("reportId")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("received", reopened.Str("status"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<CaseEvent>().CountAsync(e => e.Type == CaseEventTypes.MotionDecided)));

        // Protection: two custodians hold keys; the detainee who complained is protected and recognised in custody,
        // and the protection officer reads them by pseudonym.
        Assert.Contains(DemoProtection.Passphrase, printed, StringComparison.Ordinal);
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<Aigaq.Protection.CustodianKey>().CountAsync()));
        // The third is the visit's interviewee at risk of reprisal (below).
        var protectedIds = await Host.WithDbAsync(db => db.Set<Aigaq.Protection.ProtectedPerson>().OrderBy(p => p.Seq).Select(p => p.Id).ToListAsync());
        Assert.Equal(3, protectedIds.Count);
        var protection = await ClientOfAsync("protection@demo.aigaq.kz");
        var complainant = await (await protection.GetAsync($"/api/v1/protected-persons/{protectedIds[0]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(complainant["alerts"].Objects(), a => a.Str("code") == AlertCodes.ProtectedPersonDetained);
        Assert.Equal(["granted"], complainant["applications"].Objects().Select(a => a.Str("status")));
        Assert.Equal(["pressureToWithdraw"], complainant["reprisals"].Objects().Select(r => r.Str("type")));
        var witness = await (await protection.GetAsync($"/api/v1/protected-persons/{protectedIds[1]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["pending"], witness["applications"].Objects().Select(a => a.Str("status")));

        // The prosecutor's request for the witness's identity waits for a custodian.
        var asked = JsonNode.Parse(await protection.GetStringAsync($"/api/v1/protected-persons/{protectedIds[1]}/identity-requests"))!;
        var identityRequest = (asked is JsonArray list ? list : asked["items"]!.AsArray()).Objects().Single();
        Assert.Equal("pending", identityRequest.Str("status"));

        // Examinations at every stage (issue 16), as the demo's forensic expert reads them: one made by the custody
        // complaint itself, one overdue (raised by the scanner), police at a session, photographs refused, findings on
        // several views at several levels, sealed with an opinion, and sealed then amended.
        Assert.Contains("forensic@demo.aigaq.kz", printed, StringComparison.Ordinal);
        var forensic = await ClientOfAsync("forensic@demo.aigaq.kz");
        var listed = JsonNode.Parse(await forensic.GetStringAsync("/api/v1/examinations"))!["items"]!.AsArray().Objects().ToList();
        Assert.Equal(["inProgress", "requested", "sealed"], listed.Select(x => x.Str("status")).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(listed, x => x.Str("requestedByKind") == "register");
        var exams = new List<JsonNode>();
        foreach (var x in listed.Where(x => x.Str("requestedByKind") != "register"))
        {
            exams.Add(await (await forensic.GetAsync($"/api/v1/examinations/{x.Str("id")}")).ExpectAsync(HttpStatusCode.OK));
        }

        Assert.Contains(exams, x => x["examiner"] is null && x["alerts"].Objects().Any(a => a.Str("code") == AlertCodes.ExaminationOverdue));
        Assert.Contains(exams, x => x["session"]?["policePresent"]?.GetValue<bool>() == true
            && x["alerts"].Objects().Any(a => a.Str("code") == AlertCodes.PolicePresentAtExamination));
        Assert.Contains(exams, x => x["consent"]?["items"]?["photographs"]?.GetValue<bool>() == false);
        var examined = exams.Single(x => x.Str("status") == "inProgress" && x["findings"]!.AsArray().Count > 0);
        Assert.True(examined["findings"].Objects().Select(f => f.Str("view")).Distinct().Count() >= 3);
        Assert.True(examined["findings"].Objects().Select(f => f.Str("consistency")).Distinct().Count() >= 3);
        var sealedOnes = exams.Where(x => x.Str("status") == "sealed").ToList();
        Assert.Equal([0, 1], sealedOnes.Select(x => x["amendments"]!.AsArray().Count).Order());
        Assert.All(sealedOnes, x => Assert.Equal("highlyConsistent", x["opinion"]!.Str("opinion")));

        // Demo photographs, drawn at seed time, on the examination in progress and the sealed ones; each served as an image.
        Assert.All(sealedOnes.Append(examined), x => Assert.Equal(2, x["photos"]!.AsArray().Count));
        var photo = examined["photos"].Objects().First();
        using (var image = await forensic.GetAsync($"/api/v1/examinations/{examined.Str("id")}/photos/{photo.Str("id")}"))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        }

        // A year of monitoring visits (issue 17), as Almaty's monitor reads them: planned, approved, under way; a register
        // withheld at the pre-trial centre and the guardhouse that let no one in, closed to monitoring; two other regions.
        Assert.Contains(DemoVisits.Monitor, printed, StringComparison.Ordinal);
        var monitor = await ClientOfAsync(DemoVisits.Monitor);
        var visits = JsonNode.Parse(await monitor.GetStringAsync("/api/v1/visits"))!["items"]!.AsArray().Objects().ToList();
        Assert.True(visits.Count >= 10, $"{visits.Count} visits");
        Assert.Equal(2, visits.Sum(v => v["accessDenials"]!.GetValue<int>()));
        Assert.Contains(visits, v => !v["approved"]!.GetValue<bool>());
        Assert.Contains(visits, v => v["approved"]!.GetValue<bool>() && v["arrivedAt"] is null);
        var arrived = visits.Where(v => v["arrivedAt"] is not null).Select(v => DateTimeOffset.Parse(v.Str("arrivedAt"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(arrived.Max() - arrived.Min() > TimeSpan.FromDays(250), "the visits span a year");
        var guardhouse = await Host.WithDbAsync(db => db.Set<Aigaq.Facilities.Facility>().AsNoTracking().SingleAsync(f => f.Type == Aigaq.Facilities.FacilityType.MilitaryGuardhouse));
        var profile = await (await monitor.GetAsync($"/api/v1/facilities/{guardhouse.Id}/monitoring")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(profile["closedToMonitoring"]!.GetValue<bool>());
        Assert.Equal(1, profile["accessDenials"]!.GetValue<int>());
        Assert.Equal(["KZ-35", "KZ-71", "KZ-75"], await Host.WithDbAsync(db => db.Set<Aigaq.Visits.Visit>().Select(v => v.Region).Distinct().OrderBy(r => r).ToListAsync()));

        // The same demo on either provider: it takes the places in one order whatever the database's collation (names
        // code point by code point), and each place's capacity and rhythm of visits follow from its rank there: the
        // capacity 40 + 10 a rank (a pre-trial centre 1,200), the first visit 17 days later a rank (the guardhouse that
        // let no one in has one visit of its own).
        var (places, capacities, firstPlanned) = await Host.WithDbAsync(async db => (
            await db.Set<Aigaq.Facilities.Facility>().AsNoTracking().Where(f => f.Region == "KZ-75" || f.Region == "KZ-71" || f.Region == "KZ-35").ToListAsync(),
            await db.Set<FacilityMonitoringChange>().AsNoTracking().Where(c => c.Capacity != null).ToDictionaryAsync(c => c.FacilityId, c => c.Capacity!.Value),
            (await db.Set<Aigaq.Visits.Visit>().AsNoTracking().Select(v => new { v.FacilityId, v.PlannedFor }).ToListAsync())
                .GroupBy(v => v.FacilityId).ToDictionary(g => g.Key, g => g.Min(v => v.PlannedFor))));
        var ranked = places.Where(p => capacities.ContainsKey(p.Id))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        Assert.True(ranked.Count >= 6, $"{ranked.Count} places with a capacity");
        Assert.Equal(
            ranked.Select((p, i) => p.Type == Aigaq.Facilities.FacilityType.PretrialDetention ? 1200 : 40 + (10 * i)),
            ranked.Select(p => capacities[p.Id]));
        var rhythm = ranked.Select((p, i) => (Place: p, Rank: i)).Where(x => x.Place.Id != guardhouse.Id).ToList();
        Assert.All(rhythm, x => Assert.Equal(
            TimeSpan.FromDays(17 * (x.Rank - rhythm[0].Rank)),
            firstPlanned[x.Place.Id] - firstPlanned[rhythm[0].Place.Id]));

        // What the teams did on the visits they were let in: each such visit answered its checklist, interviewed, and
        // ended with the departure; the guardhouse's team left the gate with nothing seen.
        var (admitted, departed, answeredVisits) = await Host.WithDbAsync(async db => (
            await db.Set<VisitArrival>().Where(a => a.AdmittedAt != null).Select(a => a.VisitId).ToListAsync(),
            await db.Set<VisitDeparture>().Select(d => d.VisitId).ToListAsync(),
            await db.Set<VisitChecklistAnswer>().Select(a => a.VisitId).Distinct().ToListAsync()));
        Assert.True(admitted.Count >= 10, $"{admitted.Count} visits let in");
        Assert.Equal(admitted.Order(), answeredVisits.Order());
        Assert.Superset(admitted.ToHashSet(), departed.ToHashSet());
        Assert.Equal(admitted.Count + 1, departed.Count);
        Assert.Contains(visits, v => v["departed"]!.GetValue<bool>());

        // The answers vary from visit to visit, and a few were revised (the first answer kept beside the revision).
        var answers = await Host.WithDbAsync(db => db.Set<VisitChecklistAnswer>().AsNoTracking().ToListAsync());
        Assert.True(answers.Where(a => a.ItemId == "toilet").Select(a => a.Value).Distinct().Count() >= 2);
        Assert.True(answers.Where(a => a.ItemId == "warmDryVentilated").Select(a => a.Value).Distinct().Count() == 2);
        var revised = answers.Where(a => a.Revision > 1).ToList();
        Assert.NotEmpty(revised);
        Assert.True(revised.Count < admitted.Count, $"{revised.Count} of {answers.Count} answers revised");
        Assert.All(revised, r => Assert.Contains(answers, a => a.VisitId == r.VisitId && a.ItemId == r.ItemId && a.Revision == r.Revision - 1));

        // Private interviews: one each visit let in; an allegation opened a torture report from the visit, and a person at
        // risk of reprisal became the third protected person, followed up by the protection area.
        var interviews = await Host.WithDbAsync(db => db.Set<VisitInterview>().AsNoTracking().ToListAsync());
        Assert.Equal(admitted.Order(), interviews.Select(i => i.VisitId).Distinct().Order());
        var alleged = Assert.Single(interviews, i => i.Allegation);
        var opened = await Host.WithDbAsync(db => db.Set<Report>().AsNoTracking().SingleAsync(r => r.Id == alleged.ReportId));
        Assert.Equal((ReportSource.MonitoringVisit, "KZ-75"), (opened.Source, opened.Region));
        var atRisk = Assert.Single(interviews, i => i.ReprisalRisk is Aigaq.Protection.RiskLevel.Medium or Aigaq.Protection.RiskLevel.High);
        Assert.Equal(protectedIds[2], atRisk.ProtectedPersonId);
        Assert.NotNull(atRisk.FollowUpBy);
        Assert.All(interviews.Where(i => i != atRisk), i => Assert.Null(i.ProtectedPersonId));

        // The team's recommendations: responses of several kinds, checks at later visits to the same place (some found
        // done, the medicines not), the medicines asked for again (repeats, each with its alert), and the Almaty holding
        // cell's last ones unanswered past their day (overdue, raised by the scanner), while answered ones are not.
        var (made, responses, checks, visitAlerts) = await Host.WithDbAsync(async db => (
            await db.Set<VisitRecommendation>().AsNoTracking().ToListAsync(),
            await db.Set<VisitRecommendationResponse>().AsNoTracking().ToListAsync(),
            await db.Set<VisitRecommendationCheck>().AsNoTracking().ToListAsync(),
            await db.Set<Alert>().AsNoTracking().Where(a => a.Code == AlertCodes.RepeatedRecommendation || a.Code == AlertCodes.RecommendationResponseOverdue).ToListAsync()));
        Assert.True(made.Select(r => r.Theme).Distinct().Count() >= 3);
        Assert.True(responses.Select(r => r.Status).Distinct().Count() >= 3);
        Assert.All(checks, c => Assert.NotEqual(made.Single(r => r.Id == c.RecommendationId).VisitId, c.VisitId));
        Assert.Equal(
            [RecommendationFinding.Implemented, RecommendationFinding.Partly, RecommendationFinding.Not],
            checks.Select(c => c.Finding).Distinct().Order());
        var repeats = made.Where(r => r.RepeatsId is not null).ToList();
        Assert.NotEmpty(repeats);
        Assert.All(repeats, r => Assert.Equal(DemoVisits.MedicinesText, r.Text));
        Assert.All(repeats, r => Assert.Contains(checks, c => c.RecommendationId == r.RepeatsId && c.VisitId == r.VisitId && c.Finding == RecommendationFinding.Not));
        Assert.Equal(repeats.Count, visitAlerts.Count(a => a.Code == AlertCodes.RepeatedRecommendation));
        var overdue = visitAlerts.Where(a => a.Code == AlertCodes.RecommendationResponseOverdue).ToList();
        Assert.NotEmpty(overdue);
        var overdueIds = made.Where(r => overdue.Any(a => a.Key.Contains(r.Id.ToString(), StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.Equal(overdue.Count, overdueIds.Count);
        Assert.All(overdueIds, r => Assert.DoesNotContain(responses, x => x.RecommendationId == r.Id));
        Assert.All(overdueIds, r => Assert.True(r.ResponseDueAt < DateTimeOffset.UtcNow));
        Assert.Contains(made, r => r.ResponseDueAt < DateTimeOffset.UtcNow && responses.Any(x => x.RecommendationId == r.Id));
        var teamRecommendations = JsonNode.Parse(await monitor.GetStringAsync("/api/v1/visit-recommendations"))!["items"]!.AsArray().Objects().ToList();
        Assert.Equal(made.Count(r => r.Region == "KZ-75"), teamRecommendations.Count);

        // The state's measures on the graded paragraphs: each paragraph but 44 has one, with lead institutions and target
        // dates; statuses over the past year; one order uploaded as evidence, its SHA-256 kept; one measure past its
        // target still running, for which MeasureOverdue was raised.
        var (measures, changes, evidence, measureAlerts) = await Host.WithDbAsync(async db => (
            await db.Set<RecommendationMeasure>().AsNoTracking().ToListAsync(),
            await db.Set<MeasureStatusChange>().AsNoTracking().ToListAsync(),
            await db.Set<MeasureEvidence>().AsNoTracking().ToListAsync(),
            await db.Set<Alert>().AsNoTracking().CountAsync(a => a.Code == AlertCodes.MeasureOverdue)));
        var paragraphs = await Host.WithDbAsync(db => db.Set<Recommendation>().AsNoTracking().Where(r => r.Document == DemoRecommendations.Document).ToListAsync());
        Assert.Equal(
            paragraphs.Where(p => p.Paragraph != 44).Select(p => p.Id).Order(),
            measures.Select(m => m.RecommendationId).Distinct().Order());
        Assert.Contains(measures, m => changes.Count(c => c.MeasureId == m.Id) >= 3);
        Assert.True(changes.Select(c => c.Status).Distinct().Count() == Enum.GetValues<MeasureStatus>().Length);
        Assert.All(changes, c => Assert.True(c.At < DateTimeOffset.UtcNow.AddDays(-30), "the status history is of the past year"));
        var order = Assert.Single(evidence);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(DemoRecommendations.OrderExtract)), order.Sha256);
        Assert.True(measureAlerts >= 1, "a measure past its target raised MeasureOverdue");

        // The coalition's grades are public on the demo's server; the state's are not.
        using (var anonymous = Host.Anonymous())
        {
            var published = await anonymous.GetStringAsync("/public/recommendations?document=" + Uri.EscapeDataString(DemoRecommendations.Document));
            Assert.Contains("data-actor=\"ngo\" data-grade=\"2\"", published, StringComparison.Ordinal);
            Assert.Contains("data-actor=\"ngo\" data-grade=\"na\"", published, StringComparison.Ordinal);
            Assert.DoesNotContain("data-actor=\"state\"", published, StringComparison.Ordinal);
        }

        // The follow-up report the demo prints, also as DOCX for editing: the measures are in it.
        Assert.Contains(DemoRecommendations.ReportPath, printed, StringComparison.Ordinal);
        using (var docx = await analyst.GetAsync(DemoRecommendations.ReportPath.Replace("format=pdf", "format=docx", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.All(measures, m => Assert.Contains(m.Title, text, StringComparison.Ordinal));
        }

        // The coalition's follow-up report on CAT/C/KAZ/CO/4 (issue 18), as the analyst makes it: its eight graded
        // paragraphs in order, the coalition's n/a with its reason, the state's grades on the Committee's scale beside them.
        using (var report = await analyst.GetAsync("/api/v1/recommendations/report?document=CAT/C/KAZ/CO/4&actor=ngo&lang=ru&format=pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("application/pdf", report.Content.Headers.ContentType?.MediaType);
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(await report.Content.ReadAsByteArrayAsync());
            var text = string.Concat(pdf.GetPages().SelectMany(page => page.Text).Where(c => !char.IsWhiteSpace(c)));
            var at = new[] { 10, 11, 21, 24, 28, 44, 46, 47 }.Select(n => text.IndexOf($"Пункт{n}", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, at);
            Assert.Equal(at.Order(), at);
            Assert.Contains("коалицияегонеотслеживала", text, StringComparison.Ordinal);
            Assert.Contains("Регистрироватькаждоезадержание", text, StringComparison.Ordinal);
            Assert.Contains("Государство", text, StringComparison.Ordinal);
            Assert.Contains("Выполнена", text, StringComparison.Ordinal);
        }

        // What the demo entered is in the log, record by record, as `aigaq log audit` checks it.
        var keys = Host.Services.GetRequiredService<LedgerKeys>();
        await Host.WithDbAsync(async db =>
        {
            var tree = new IntegratorTree();
            while ((await LedgerIntegrator.IntegrateOnceAsync(db, keys.Signer, "demo-test", TimeProvider.System, tree)).Integrated > 0)
            {
            }

            return 0;
        });
        await using var auditScope = Host.Services.CreateAsyncScope();
        var failures = await Aigaq.TransparencyLog.Audit.LedgerAudit.RunAsync(auditScope.ServiceProvider, keys.ExistingVerifier(), TextWriter.Null, CancellationToken.None);
        Assert.Empty(failures);

        // A second run adds nothing.
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            Assert.StartsWith("Demo data not added", await Demo.FillAsync(scope.ServiceProvider, CancellationToken.None), StringComparison.Ordinal);
        }
    }

    private async Task<HttpClient> ClientOfAsync(string email)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user!.Id, TimeSpan.FromDays(1), CancellationToken.None);
        return Host.ClientWithToken(token);
    }
}

public sealed class DemoOnSqlite(DemoSqliteHost fixture, ITestOutputHelper output) : DemoTests(fixture, output), IClassFixture<DemoSqliteHost>;

public sealed class DemoOnPostgres(DemoPostgresHost fixture, ITestOutputHelper output) : DemoTests(fixture, output), IClassFixture<DemoPostgresHost>;
