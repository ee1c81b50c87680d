using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Visits;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PdfDocument = UglyToad.PdfPig.PdfDocument;

namespace Aigaq.Tests.Visits.Reports;

/// <summary>
/// The visit report and the annual figures (issue 17, item 10). The report, read back by PdfPig in each language: the
/// full version names the team, who refused access and the detentions the headcount found; the public version says what
/// happened (roles, what was denied, the headcount's counts) and holds none of those. The annual figures equal the counts
/// of what the test recorded, in JSON and in the PDF. Each full report read is an access; bad input is named and writes
/// nothing; who may not read a visit or the figures is refused.
/// </summary>
public abstract class VisitReportTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static JsonObject PlanBody(Guid facility, DateTimeOffset at, string kind, params (string Name, string Role)[] team) => new()
    {
        ["facilityId"] = facility.ToString(),
        ["plannedFor"] = Requests.Instant(at),
        ["kind"] = kind,
        ["announced"] = false,
        ["team"] = new JsonArray([.. team.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["role"] = m.Role })]),
    };

    /// <summary>Plans a visit, has it approved and, if <paramref name="arrivedAt"/> is given, records the team's arrival.</summary>
    private static async Task<string> VisitAsync(TestUser monitor, TestUser approver, JsonObject plan, DateTimeOffset? arrivedAt)
    {
        var id = (await (await monitor.Client.PostJsonAsync("/api/v1/visits", plan)).ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        if (arrivedAt is { } at)
        {
            await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject
            {
                ["arrivedAt"] = Requests.Instant(at),
                ["admittedAt"] = Requests.Instant(at.AddMinutes(5)),
            })).ExpectAsync(HttpStatusCode.Created);
        }

        return id;
    }

    [Fact]
    public async Task The_full_report_names_the_team_and_detentions_and_the_public_one_none_in_each_language()
    {
        const string Region = "KZ-61";
        const string Lead = "Айгүл Сейтқалиева";
        const string Doctor = "Ержан Байжанов";
        const string Refuser = "майор Ахметов";
        var here = await Host.FacilityAsync(Region, name: "ИВС УП г. Туркестана");
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: Region, facility: here.Id);
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        var approver = await Host.UserAsync(Roles.Monitor, region: Region);
        var t0 = Host.Now;

        async Task<Guid> HeldAsync(string lastName, string firstName)
        {
            var id = (await Host.RegisterAsync(officer, here.Id, t0.AddHours(-3), b => b.With("person.lastName", lastName).With("person.firstName", firstName))).Id();
            await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), Requests.Event("arrivedAtFacility", t0.AddHours(-2)))).ExpectAsync(HttpStatusCode.Created);
            return id;
        }

        var found = await HeldAsync("Омаров", "Ерлан");
        var absent = await HeldAsync("Серикбаев", "Данияр");
        var numbers = await Host.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == found || d.Id == absent).ToDictionaryAsync(d => d.Id, d => d.Number));

        var id = await VisitAsync(monitor, approver, PlanBody(here.Id, t0.AddHours(-1), "special", (Lead, "lead"), (Doctor, "doctor")), t0.AddMinutes(-40));
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject
        {
            ["kind"] = "register",
            ["name"] = "Книга учёта лиц, содержащихся в ИВС",
            ["at"] = Requests.Instant(t0.AddMinutes(-30)),
        })).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-25)),
            ["what"] = "privateInterview",
            ["by"] = Refuser,
            ["reason"] = "приказ начальника",
            ["minutes"] = 40,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/headcount", new JsonObject
        {
            // Counted when both detentions are in the register (registered at t0, dated three hours before).
            ["at"] = Requests.Instant(t0),
            ["people"] = new JsonArray(
                new JsonObject { ["lastName"] = "Омаров", ["firstName"] = "Ерлан", ["birthDate"] = "1994-05-17" },
                new JsonObject { ["lastName"] = "Кенжебаев", ["firstName"] = "Ардак", ["birthDate"] = "1990-01-02" }),
        })).ExpectAsync(HttpStatusCode.Created);

        var url = $"/api/v1/visits/{id}/report";
        var personal = new[] { Lead, Doctor, Refuser, "Кенжебаев", "Омаров", "Книга учёта", numbers[found], numbers[absent] };
        foreach (var language in VisitReportText.Languages)
        {
            var t = Localizer(language);
            var full = await PdfTextAsync(monitor, $"{url}?lang={language}&version=full", $"-full-{language}.pdf");
            var open = await PdfTextAsync(monitor, $"{url}?lang={language}&version=public", $"-public-{language}.pdf");
            var number = await Host.WithDbAsync(db => db.Set<Visit>().Where(v => v.Id == Guid.Parse(id)).Select(v => v.Number).SingleAsync());

            Assert.Contains(Squeeze(t["VisitReport.Title", number]), full, StringComparison.Ordinal);
            Assert.All(personal, p => Assert.Contains(Squeeze(p), full, StringComparison.Ordinal));
            Assert.Contains(Squeeze(t["VisitReport.Finding.Absent"] + t["VisitReport.Detention"] + " " + numbers[absent]), full, StringComparison.Ordinal);

            Assert.Contains(Squeeze(t["VisitReport.PublicTitle", number]), open, StringComparison.Ordinal);
            Assert.All(personal, p => Assert.DoesNotContain(Squeeze(p), open, StringComparison.Ordinal));
            Assert.DoesNotContain(Squeeze("приказ начальника"), open, StringComparison.Ordinal);
            foreach (var said in new[] { here.Name, t["TeamRole.Lead"].Value, t["TeamRole.Doctor"].Value, t["VisitKind.Special"].Value, t["DeniedAccess.PrivateInterview"].Value })
            {
                Assert.Contains(Squeeze(said), open, StringComparison.Ordinal);
            }

            // The headcount's counts: one found and registered, one found off the register, one registered and not found;
            // each exactly in the full version. In the public one a count of a finding that points at people, below the
            // pack's small-count threshold, is withheld as the interviews' is: "one held off the register" beside a named
            // place and day tells the custodians whom. The registered found (the place's population) and a zero are shown.
            var fewer = string.Format(CultureInfo.InvariantCulture, t["VisitReport.FewerThan"], SmallCell.ToString(CultureInfo.InvariantCulture));
            foreach (var (finding, count, shown) in new[] { ("Registered", 1, "1"), ("Unregistered", 1, fewer), ("RegisteredElsewhere", 0, "0"), ("Absent", 1, fewer) })
            {
                Assert.Contains(Squeeze(t[$"VisitReport.Finding.{finding}"] + count.ToString(CultureInfo.InvariantCulture)), full, StringComparison.Ordinal);
                Assert.Contains(Squeeze(t[$"VisitReport.Finding.{finding}"] + shown), open, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Squeeze(t["VisitReport.Finding.Unregistered"] + "1"), open, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(t["VisitReport.Finding.Absent"] + "1"), open, StringComparison.Ordinal);

            Assert.Contains(Squeeze(t["VisitReport.RegistersChecked"] + "1"), open, StringComparison.Ordinal);
        }

        // Every report made is an access: which visit, which version, which language.
        var logged = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().AsNoTracking()
            .Where(e => e.Action == GetVisitReport.AccessAction && e.UserId == monitor.User.Id).Select(e => new { e.Resource, e.Outcome }).ToListAsync());
        Assert.Equal(6, logged.Count);
        Assert.All(logged, e => Assert.Equal(id, e.Resource));
        Assert.Contains(logged, e => e.Outcome == "allowed:full:kk");
        Assert.Contains(logged, e => e.Outcome == "allowed:public:en");

        // Bad input is named and writes nothing; an unknown visit and another region's are not found; roles without visits are refused.
        await (await monitor.Client.GetAsync($"{url}?lang=de&version=full")).ExpectProblemAsync(HttpStatusCode.BadRequest, "lang");
        await (await monitor.Client.GetAsync($"{url}?lang=ru&version=draft")).ExpectProblemAsync(HttpStatusCode.BadRequest, "version");
        await (await monitor.Client.GetAsync($"{url}?lang=ru")).ExpectProblemAsync(HttpStatusCode.BadRequest, "version");
        await (await monitor.Client.GetAsync($"/api/v1/visits/{Guid.NewGuid()}/report?lang=ru&version=public")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var stranger = await Host.UserAsync(Roles.Monitor, region: "KZ-62");
        await (await stranger.Client.GetAsync($"{url}?lang=ru&version=public")).ExpectProblemAsync(HttpStatusCode.NotFound);
        foreach (var role in new[] { Roles.Officer, Roles.Analyst, Roles.Prosecutor })
        {
            var refused = await Host.UserAsync(role, region: Region);
            await (await refused.Client.GetAsync($"{url}?lang=ru&version=public")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        }

        // The refusals logged no report (this visit's only: the class's other tests make reports of their own).
        Assert.Equal(6, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == GetVisitReport.AccessAction && e.Resource == id)));
    }

    [Fact]
    public async Task The_report_prints_the_answers_interviews_recommendations_and_departure_and_the_public_one_counts_only()
    {
        const string Region = "KZ-71";
        const string Addressee = "Начальник ИВС Жумабаев";
        const string Note = "нет с понедельника";
        const string Earlier = "адвокат пришёл только на третий день";
        const string Said = "Обеспечить круглосуточный доступ к врачу";
        for (var i = 0; i < 2; i++)
        {
            var custodian = await Host.UserAsync(Roles.ProtectionOfficer);
            await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
                .ExpectAsync(HttpStatusCode.Created);
        }

        var here = await Host.FacilityAsync(Region, name: "ИВС УП г. Кызылорды", type: FacilityType.PoliceHoldingCell);
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        var approver = await Host.UserAsync(Roles.Monitor, region: Region);
        var t0 = Host.Now;
        var id = await VisitAsync(monitor, approver, PlanBody(here.Id, t0.AddHours(-2), "regular", ("Айгүл Сейтқалиева", "lead")), t0.AddHours(-1));
        var visit = $"/api/v1/visits/{id}";
        JsonObject Batch(JsonObject answers, JsonObject? notes, DateTimeOffset at) => new()
        {
            ["at"] = Requests.Instant(at),
            ["checklist"] = new JsonObject { ["id"] = "visit-kz", ["version"] = 1 },
            ["answers"] = answers,
            ["notes"] = notes,
        };

        // The lawyer item answered twice: the report prints the latest revision, not the first nor its note.
        await (await monitor.Client.PostJsonAsync($"{visit}/checklist-answers", Batch(
            new JsonObject { ["lawyerFromDetention"] = "no", ["floorSpacePerPerson"] = 2.5, ["medicinesMissing"] = "инсулин" },
            new JsonObject { ["lawyerFromDetention"] = Earlier, ["medicinesMissing"] = Note }, t0.AddMinutes(-50)))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"{visit}/checklist-answers", Batch(new JsonObject { ["lawyerFromDetention"] = "yes" }, null, t0.AddMinutes(-45))))
            .ExpectAsync(HttpStatusCode.Created);
        JsonObject Interview(string code, bool allegation, string risk, int minutes, params string[] flags) => new()
        {
            ["code"] = code,
            ["consent"] = true,
            ["private"] = true,
            ["allegation"] = allegation,
            ["reprisalRisk"] = risk,
            ["at"] = Requests.Instant(t0.AddMinutes(minutes)),
            ["vulnerabilities"] = new JsonArray([.. flags.Select(f => (JsonNode)f)]),
        };
        var atRisk = await (await monitor.Client.PostJsonAsync($"{visit}/interviews", Interview("K-17", true, "high", -40, "minor"))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"{visit}/interviews", Interview("K-18", false, "low", -35, "woman"))).ExpectAsync(HttpStatusCode.Created);
        var pseudonym = atRisk.Str("pseudonym");
        Assert.False(string.IsNullOrEmpty(pseudonym));
        var due = DateOnly.FromDateTime(RulePackCatalog.LoadEmbedded().All[^1].ToLocal(t0).DateTime).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        JsonObject Recommendation(string theme, string text, string priority) => new()
        {
            ["addressee"] = Addressee,
            ["theme"] = theme,
            ["text"] = text,
            ["priority"] = priority,
            ["responseDueBy"] = due,
        };
        var urgent = await (await monitor.Client.PostJsonAsync($"{visit}/recommendations", Recommendation("healthCare", Said, "urgent"))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"{visit}/recommendations", Recommendation("staff", "Назначить психолога в штат", "normal"))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{urgent.Str("id")}/responses", new JsonObject
        {
            ["at"] = Requests.Instant(t0),
            ["text"] = "Врач будет назначен приказом",
            ["status"] = "accepted",
        })).ExpectAsync(HttpStatusCode.Created);
        Host.Clock.Advance(TimeSpan.FromMinutes(10));
        await (await monitor.Client.PostJsonAsync($"{visit}/departure", new JsonObject { ["at"] = Requests.Instant(t0.AddMinutes(5)) })).ExpectAsync(HttpStatusCode.Created);

        var kind = await Host.WithDbAsync(db => db.Set<Visit>().Where(v => v.Id == Guid.Parse(id)).Select(v => v.ChecklistKind).SingleAsync());
        var checklist = Host.Services.GetRequiredService<VisitChecklists>().Version("visit-kz", 1)!.For(kind)!;
        var number = await Host.WithDbAsync(db => db.Set<Visit>().Where(v => v.Id == Guid.Parse(id)).Select(v => v.Number).SingleAsync());
        var secret = new[] { "K-17", "K-18", pseudonym, Addressee, "Жумабаев", Note, Earlier, "инсулин", Said, "Назначить психолога", "Врач будет назначен" };
        foreach (var language in VisitReportText.Languages)
        {
            var t = Localizer(language);
            string R(string key) => t["VisitReport." + key].Value;
            var full = await PdfTextAsync(monitor, $"{visit}/report?lang={language}&version=full", $"-full-{language}.pdf");
            var open = await PdfTextAsync(monitor, $"{visit}/report?lang={language}&version=public", $"-public-{language}.pdf");

            // The full version: each item's latest answer under its theme, labelled in the language; the interviews by code; the
            // recommendations with addressee, theme, priority, due day and the latest response; the departure.
            Assert.Contains(Squeeze(t["VisitReport.AnswersOf", t["Checklist.safeguards"]]), full, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["Checklist.lawyerFromDetention"] + t["Answer.yes"]), full, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(t["Checklist.lawyerFromDetention"] + t["Answer.no"]), full, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(Earlier), full, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["Checklist.medicinesMissing"] + "инсулин" + Note), full, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["Checklist.floorSpacePerPerson"] + "2.5"), full, StringComparison.Ordinal);
            Assert.Contains(Squeeze(R("InterviewsHeld") + "2"), full, StringComparison.Ordinal);
            Assert.Contains(Squeeze("K-17"), full, StringComparison.Ordinal);
            // A value's lines each (a page may end inside a long value).
            Facts(
                full,
                (R("Allegation") + ":", R("Yes")), (R("Allegation") + ":", R("No")), (R("ReprisalRisk") + ":", t["RiskLevel.High"]),
                (R("ReprisalRisk") + ":", t["RiskLevel.Low"]), (R("Vulnerabilities") + ":", t["Vulnerability.minor"]), (R("Vulnerabilities") + ":", t["Vulnerability.woman"]));
            Assert.DoesNotContain(Squeeze(pseudonym), full, StringComparison.Ordinal);
            Assert.Contains(Squeeze(urgent.Str("number") + "·" + t["Checklist.healthCare"]), full, StringComparison.Ordinal);
            Facts(
                full,
                (R("Addressee") + ":", Addressee), (R("Priority") + ":", t["RecommendationPriority.Urgent"]), (R("Priority") + ":", t["RecommendationPriority.Normal"]),
                (R("ResponseDueBy") + ":", due), (R("ResponseStatus") + ":", t["RecommendationStatus.accepted"]), (R("ResponseStatus") + ":", t["RecommendationStatus.awaiting"]),
                (Said, ""), ("Назначить психолога в штат", ""));
            Assert.Contains(Squeeze(R("DepartedAt")), full, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(R("NotDeparted")), full, StringComparison.Ordinal);

            // The public version: counts only, and none of the codes, texts, notes, the addressee or the pseudonym.
            Assert.All(secret, s => Assert.DoesNotContain(Squeeze(s), open, StringComparison.Ordinal));
            foreach (var theme in checklist.Themes)
            {
                var answered = theme.Items.Count(i => i.Id is "lawyerFromDetention" or "floorSpacePerPerson" or "medicinesMissing");
                Assert.Contains(
                    Squeeze(t["Checklist." + theme.Id] + answered.ToString(CultureInfo.InvariantCulture) + "/" + theme.Items.Length.ToString(CultureInfo.InvariantCulture)),
                    open, StringComparison.Ordinal);
            }

            Facts(
                open,
                (R("InterviewsHeld"), string.Format(CultureInfo.InvariantCulture, R("FewerThan"), "5")),
                (R("RecommendationsMade"), "2"), (R("MadeAgain"), "0"), (R("Addressees"), "1"),
                (t["Checklist.healthCare"], "1"), (t["Checklist.staff"], "1"),
                (t["RecommendationPriority.Urgent"], "1"), (t["RecommendationPriority.High"], "0"), (t["RecommendationPriority.Normal"], "1"),
                (t["RecommendationStatus.awaiting"], "1"), (t["RecommendationStatus.accepted"], "1"), (t["RecommendationStatus.partlyAccepted"], "0"));
            Assert.Contains(Squeeze(R("DepartedAt")), open, StringComparison.Ordinal);

            // Two interviews are a small count: withheld, and no per-visit allegation or risk count that could point at
            // who spoke to the team.
            Assert.DoesNotContain(Squeeze(R("InterviewsHeld") + "2"), open, StringComparison.Ordinal);
            Assert.All(
                new[] { R("InterviewsInPrivate"), R("Allegations"), R("AtRisk") },
                s => Assert.DoesNotContain(Squeeze(s), open, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_annual_figures_are_the_counts_of_the_years_visits_in_json_and_pdf()
    {
        const string Region = "KZ-62";
        var cell = await Host.FacilityAsync(Region, name: "ИВС ОП г. Жезказгана");
        var quiet = await Host.FacilityAsync(Region, name: "ИВС ОП г. Сатпаева");
        var colony = await Host.FacilityAsync(Region, name: "Учреждение ЕЦ-166/1", type: FacilityType.Penitentiary, agency: Agency.Penitentiary);
        var elsewhere = await Host.FacilityAsync("KZ-63", name: "ИВС г. Усть-Каменогорска");
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        var approver = await Host.UserAsync(Roles.Monitor, region: Region);
        var other = await Host.UserAsync(Roles.Monitor, region: "KZ-63");
        var otherApprover = await Host.UserAsync(Roles.Monitor, region: "KZ-63");
        var t0 = Host.Now;
        (string, string) lead = ("Гүлнар Омарова", "lead");

        var first = await VisitAsync(monitor, approver, PlanBody(cell.Id, t0.AddHours(-2), "regular", lead), t0.AddMinutes(-90));
        var special = await VisitAsync(monitor, approver, PlanBody(colony.Id, t0.AddHours(-1), "special", lead), t0.AddMinutes(-50));
        await VisitAsync(monitor, approver, PlanBody(cell.Id, t0.AddDays(20), "followUp", lead), null);
        await VisitAsync(other, otherApprover, PlanBody(elsewhere.Id, t0.AddHours(-1), "regular", lead), t0.AddMinutes(-50));
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{special}/access-denials", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-45)),
            ["what"] = "register",
            ["by"] = "дежурный",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{special}/headcount", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-30)),
            ["people"] = new JsonArray(new JsonObject { ["lastName"] = "Тулегенов", ["firstName"] = "Асхат" }),
        })).ExpectAsync(HttpStatusCode.Created);

        // Recommendations: two at the colony (one addressee, however spelt), one at the cell and, on a second visit there, one
        // making it again; the cell's first found implemented there; one accepted, one said implemented; the two unanswered
        // overdue once their day has passed.
        var again = await VisitAsync(monitor, approver, PlanBody(cell.Id, t0.AddMinutes(-40), "regular", lead), t0.AddMinutes(-30));
        var due = DateOnly.FromDateTime(RulePackCatalog.LoadEmbedded().All[^1].ToLocal(t0).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<string> RecommendAsync(string visit, string addressee, string theme, string text, string? repeats = null) =>
            (await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{visit}/recommendations", new JsonObject
            {
                ["addressee"] = addressee,
                ["theme"] = theme,
                ["text"] = text,
                ["priority"] = "high",
                ["responseDueBy"] = due,
                ["repeats"] = repeats,
            })).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var medicines = await RecommendAsync(special, "Начальник учреждения ЕЦ-166/1 Сапаров", "healthCare", "Обеспечить запас лекарств");
        await RecommendAsync(special, "начальник  учреждения ЕЦ-166/1 сапаров", "staff", "Взять психолога в штат");
        var doctor = await RecommendAsync(first, "Начальник ИВС Тлеубаев", "healthCare", "Обеспечить доступ к врачу");
        await RecommendAsync(again, "Начальник ИВС Тлеубаев", "healthCare", "Обеспечить осмотр врачом при поступлении", repeats: doctor);
        foreach (var (rec, status) in new[] { (medicines, "accepted"), (doctor, "implemented") })
        {
            await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{rec}/responses", new JsonObject
            {
                ["at"] = Requests.Instant(t0),
                ["text"] = "Ответ органа",
                ["status"] = status,
            })).ExpectAsync(HttpStatusCode.Created);
        }

        await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{doctor}/checks", new JsonObject
        {
            ["visitId"] = again,
            ["at"] = Requests.Instant(t0.AddMinutes(-20)),
            ["finding"] = "implemented",
        })).ExpectAsync(HttpStatusCode.Created);
        Host.Clock.Advance(TimeSpan.FromDays(2));

        var year = Host.Now.Year.ToString(CultureInfo.InvariantCulture);
        var figures = await (await monitor.Client.GetAsync($"/api/v1/visits/annual?year={year}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Region, figures.Str("region"));
        Assert.Equal((4, 3), (figures["visitsPlanned"]!.GetValue<int>(), figures["visitsMade"]!.GetValue<int>()));
        Assert.Equal(
            ["regular:2:2", "special:1:1", "followUp:1:0"],
            figures["byKind"].Objects().Select(k => $"{k.Str("kind")}:{k["planned"]}:{k["made"]}"));
        Assert.Equal(
            ["police:2:1:2", "penitentiary:1:1:1"],
            figures["byAgency"].Objects().Select(a => $"{a.Str("agency")}:{a["facilities"]}:{a["visited"]}:{a["made"]}").Order(StringComparer.Ordinal).Reverse());
        Assert.Equal([quiet.Id.ToString()], figures["neverVisited"].Objects().Select(p => p.Str("id")));
        Assert.Equal(1, figures["accessDenials"]!.GetValue<int>());
        Assert.Equal(1, figures["accessDenialsByWhat"].Objects().Single(d => d.Str("what") == "register")["count"]!.GetValue<int>());
        // A UN recommendation's indicators (issue 18) for the region and year are these figures.
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var catalogue = scope.ServiceProvider.GetRequiredService<Aigaq.Recommendations.IndicatorCatalogue>();
            Assert.Equal(
                Aigaq.Recommendations.IndicatorValue.Count(figures["accessDenials"]!.GetValue<int>()),
                await catalogue.Find("accessDenials")!.OfAsync(Host.Now.Year, Region, CancellationToken.None));
            Assert.Equal(
                Aigaq.Recommendations.IndicatorValue.Rate(figures["visitsMade"]!.GetValue<int>(), figures["facilities"]!.GetValue<int>()),
                await catalogue.Find("visitsPerFacility")!.OfAsync(Host.Now.Year, Region, CancellationToken.None));
        }

        Assert.Equal(1, figures["headcounts"]!["headcounts"]!.GetValue<int>());
        Assert.Equal(1, figures["headcounts"]!["findings"].Objects().Single(f => f.Str("finding") == "unregistered")["count"]!.GetValue<int>());
        var recommendations = figures["recommendations"]!;
        Assert.Equal(
            (4, 1, 1, 2, 2),
            (recommendations["made"]!.GetValue<int>(), recommendations["repeated"]!.GetValue<int>(), recommendations["foundImplemented"]!.GetValue<int>(),
                recommendations["overdue"]!.GetValue<int>(), recommendations["addressees"]!.GetValue<int>()));
        Assert.Equal(["healthCare:3", "staff:1"], recommendations["byTheme"].Objects().Select(x => $"{x.Str("name")}:{x["count"]}"));
        Assert.Equal(["police:2", "penitentiary:2"], recommendations["byAgency"].Objects().Select(x => $"{x.Str("agency")}:{x["count"]}"));
        Assert.Equal(
            ["awaiting:2", "accepted:1", "partlyAccepted:0", "rejected:0", "implemented:1"],
            recommendations["byStatus"].Objects().Select(x => $"{x.Str("name")}:{x["count"]}"));
        Assert.DoesNotContain("Сапаров", figures.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // A national analyst reads the same figures for the region; the year before had none.
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var national = await (await analyst.Client.GetAsync($"/api/v1/visits/annual?year={year}&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(figures.ToJsonString(), national.ToJsonString());
        var country = await (await analyst.Client.GetAsync($"/api/v1/visits/annual?year={year}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(await Host.WithDbAsync(db => db.Set<VisitArrival>().CountAsync()), country["visitsMade"]!.GetValue<int>());
        Assert.True(country["visitsMade"]!.GetValue<int>() >= 3);
        // The places were registered this year: the year before counts none of them.
        var before = await (await analyst.Client.GetAsync($"/api/v1/visits/annual?year={Host.Now.Year - 1}&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0, 0), (before["visitsMade"]!.GetValue<int>(), before["facilities"]!.GetValue<int>(), before["neverVisited"]!.AsArray().Count));

        foreach (var language in VisitReportText.Languages)
        {
            var t = Localizer(language);
            var text = await PdfTextAsync(monitor, $"/api/v1/visits/annual?year={year}&format=pdf&lang={language}", $"-{language}.pdf");
            Assert.Contains(Squeeze(t["VisitReport.Annual.Title", year]), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["VisitReport.Annual.Planned"] + "4" + t["VisitReport.Annual.Made"] + "3"), text, StringComparison.Ordinal);
            Facts(
                text,
                (t["VisitReport.RecommendationsMade"], "4"), (t["VisitReport.MadeAgain"], "1"), (t["VisitReport.Annual.FoundImplemented"], "1"),
                (t["VisitReport.Annual.Overdue"], "2"), (t["VisitReport.Addressees"], "2"),
                (t["VisitReport.RecommendationsByTheme"] + t["Checklist.healthCare"], "3"), (t["Checklist.staff"], "1"),
                (t["VisitReport.Annual.RecommendationsByAgency"] + t["Agency.Police"], "2"), (t["Agency.Penitentiary"], "2"),
                (t["VisitReport.RecommendationsByStatus"] + t["RecommendationStatus.awaiting"], "2"), (t["RecommendationStatus.accepted"], "1"));
            Assert.DoesNotContain("Сапаров", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(Squeeze(t["VisitReport.Annual.NeverVisitedCount"] + "1 / 3" + quiet.Name), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["DeniedAccess.Register"] + "1"), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(elsewhere.Name), text, StringComparison.Ordinal);
        }

        // Bad input is named; another region is not a monitor's to read; an officer is refused.
        foreach (var (query, field) in new[] { ("year=1999", "year"), ("year=20x6", "year"), ("region=KZ-00", "region"), ("format=xls", "format"), ("format=pdf", "lang"), ("format=pdf&lang=de", "lang") })
        {
            await (await monitor.Client.GetAsync($"/api/v1/visits/annual?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        }

        await (await monitor.Client.GetAsync("/api/v1/visits/annual?region=KZ-63")).ExpectProblemAsync(HttpStatusCode.Forbidden, "region");
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        await (await officer.Client.GetAsync("/api/v1/visits/annual")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_past_years_figures_count_the_places_registered_by_its_end_as_the_visits_per_facility_indicator_does()
    {
        // A region of its own. A past year: one place registered in it, one registered at the first instant of the next
        // year (local time), and one added this year. The year's figures count the first only, as the indicator does.
        const string Region = "KZ-33";
        var year = Host.Now.Year - 1;
        var (_, end) = LocalDays.YearBounds(year, Host.Services.GetRequiredService<LocalClock>().Zone);
        Facility Registered(string name, DateTimeOffset at) => new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            Type = FacilityType.PoliceHoldingCell,
            Region = Region,
            Agency = Agency.Police,
            Address = "г. Талдыкорган, ул. Тауелсиздик, 1",
            CreatedAt = at,
        };
        var then = Registered("ИВС ОП г. Талдыкоргана", end.AddMonths(-6));
        var justAfter = Registered("ИВС ОП г. Текели", end);
        await Host.WithDbAsync(db =>
        {
            db.AddRange(then, justAfter);
            return db.SaveChangesAsync();
        });
        var added = await Host.FacilityAsync(Region, name: "ИВС ОП г. Ушарала");
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        var past = await (await analyst.Client.GetAsync($"/api/v1/visits/annual?year={year}&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, past["facilities"]!.GetValue<int>());
        Assert.Equal([then.Id.ToString()], past["neverVisited"].Objects().Select(p => p.Str("id")));
        Assert.Equal(["police:1:0:0"], past["byAgency"].Objects().Select(a => $"{a.Str("agency")}:{a["facilities"]}:{a["visited"]}:{a["made"]}"));
        var present = await (await analyst.Client.GetAsync($"/api/v1/visits/annual?year={year + 1}&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, present["facilities"]!.GetValue<int>());
        Assert.Equal(
            new[] { then.Id, justAfter.Id, added.Id }.Select(i => i.ToString()).Order(StringComparer.Ordinal),
            present["neverVisited"].Objects().Select(p => p.Str("id")).Order(StringComparer.Ordinal));

        // The UN recommendations' indicator for the same region and year is the same figure, each year.
        await using var scope = Host.Services.CreateAsyncScope();
        var indicator = scope.ServiceProvider.GetRequiredService<Aigaq.Recommendations.IndicatorCatalogue>().Find("visitsPerFacility")!;
        foreach (var (figures, y) in new[] { (past, year), (present, year + 1) })
        {
            Assert.Equal(
                Aigaq.Recommendations.IndicatorValue.Rate(figures["visitsMade"]!.GetValue<int>(), figures["facilities"]!.GetValue<int>()),
                await indicator.OfAsync(y, Region, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_public_report_prints_a_headcount_finding_counted_at_the_small_count_threshold_and_withholds_none_of_it()
    {
        // A region of its own: the annual figures' test counts KZ-62's visits.
        const string Region = "KZ-43";
        var here = await Host.FacilityAsync(Region, name: "ИВС УП г. Кызылорды");
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        var approver = await Host.UserAsync(Roles.Monitor, region: Region);
        var t0 = Host.Now;
        var id = await VisitAsync(monitor, approver, PlanBody(here.Id, t0.AddHours(-1), "regular", ("Айгүл Сейтқалиева", "lead")), t0.AddMinutes(-40));
        // As many people held off the register as the threshold: a count that small no longer points at one of them.
        var names = new[] { "Абенов", "Бекова", "Жолдасов", "Исаев", "Нурланов", "Оспанова", "Рахимов", "Темиров", "Уалиев", "Шарипов" };
        Assert.True(SmallCell <= names.Length, "the test names fewer people than the pack's threshold");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/headcount", new JsonObject
        {
            ["at"] = Requests.Instant(t0.AddMinutes(-10)),
            ["people"] = new JsonArray([.. names.Take(SmallCell).Select(n => (JsonNode)new JsonObject { ["lastName"] = n, ["firstName"] = "Ерлан" })]),
        })).ExpectAsync(HttpStatusCode.Created);

        foreach (var language in VisitReportText.Languages)
        {
            var t = Localizer(language);
            var open = await PdfTextAsync(monitor, $"/api/v1/visits/{id}/report?lang={language}&version=public", $"-public-{language}.pdf");
            var fewer = string.Format(CultureInfo.InvariantCulture, t["VisitReport.FewerThan"], SmallCell.ToString(CultureInfo.InvariantCulture));
            Assert.Contains(Squeeze(t["VisitReport.Finding.Unregistered"] + SmallCell.ToString(CultureInfo.InvariantCulture)), open, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["VisitReport.Finding.Absent"] + "0"), open, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(fewer), open, StringComparison.Ordinal);
            Assert.All(names, n => Assert.DoesNotContain(Squeeze(n), open, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_public_report_counts_the_denials_by_kind_without_their_times_and_the_full_one_lists_each()
    {
        const string Region = "KZ-47";
        const string Refuser = "капитан Жаксылыков";
        const string Reason = "нет распоряжения";
        var here = await Host.FacilityAsync(Region, name: "ИВС УП г. Актобе");
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        var approver = await Host.UserAsync(Roles.Monitor, region: Region);
        var t0 = Host.Now;
        var id = await VisitAsync(monitor, approver, PlanBody(here.Id, t0.AddHours(-2), "regular", ("Айгүл Сейтқалиева", "lead")), t0.AddMinutes(-90));
        // One denial of a person held (a small count of a kind that points at people), and as many of a register as the
        // threshold, each at its own minute.
        Assert.True(SmallCell is > 1 and < 60, "the test records as many register denials as the pack's threshold, a minute apart");
        var denied = new List<(string What, DateTimeOffset At)> { ("detainee", t0.AddMinutes(-80)) };
        denied.AddRange(Enumerable.Range(0, SmallCell).Select(i => ("register", t0.AddMinutes(-70 + i))));
        foreach (var (what, at) in denied)
        {
            await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", new JsonObject
            {
                ["at"] = Requests.Instant(at),
                ["what"] = what,
                ["by"] = Refuser,
                ["reason"] = Reason,
                ["minutes"] = 15,
            })).ExpectAsync(HttpStatusCode.Created);
        }

        var words = Host.Services.GetRequiredService<VisitReportText>();
        foreach (var language in VisitReportText.Languages)
        {
            var t = Localizer(language);
            var full = await PdfTextAsync(monitor, $"/api/v1/visits/{id}/report?lang={language}&version=full", $"-full-{language}.pdf");
            var open = await PdfTextAsync(monitor, $"/api/v1/visits/{id}/report?lang={language}&version=public", $"-public-{language}.pdf");
            var times = denied.Select(d => VisitReportText.In(language, () => words.Time(d.At))).ToList();
            var fewer = string.Format(CultureInfo.InvariantCulture, t["VisitReport.FewerThan"], SmallCell.ToString(CultureInfo.InvariantCulture));

            // The full version: each denial with its time, who refused and why.
            Facts(full, (t["DeniedAccess.Detainee"], times[0]), (t["DeniedAccess.Register"], times[1]));
            Assert.All(times, at => Assert.Contains(Squeeze(at), full, StringComparison.Ordinal));
            Assert.Contains(Squeeze(Refuser), full, StringComparison.Ordinal);

            // The public version: counts by kind; the one denial of a person held withheld as "fewer than", the registers'
            // count (the threshold) shown, the kinds not denied at zero; no time, no one who refused, no reason.
            Facts(
                open,
                (t["DeniedAccess.Detainee"], fewer), (t["DeniedAccess.Register"], SmallCell.ToString(CultureInfo.InvariantCulture)),
                (t["DeniedAccess.Facility"], "0"), (t["DeniedAccess.PrivateInterview"], "0"));
            Assert.DoesNotContain(Squeeze(t["DeniedAccess.Detainee"] + "1"), open, StringComparison.Ordinal);
            Assert.All(times, at => Assert.DoesNotContain(Squeeze(at), open, StringComparison.Ordinal));
            Assert.All(new[] { Refuser, Reason }, s => Assert.DoesNotContain(Squeeze(s), open, StringComparison.Ordinal));
            Assert.DoesNotContain(Squeeze(t["VisitReport.NoDenials"]), open, StringComparison.Ordinal);
        }
    }

    /// <summary>The rule pack's small-count threshold (<c>reprisals.smallCellThreshold</c>).</summary>
    private int SmallCell => Host.Services.GetRequiredService<RulePackCatalog>().At(Host.Now).Reprisals.SmallCellThreshold;

    private async Task<string> PdfTextAsync(TestUser user, string url, string fileEnding)
    {
        using var response = await user.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GetVisitReport.PdfType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(fileEnding, response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));
    }

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    /// <summary>Each label printed with its value (a label and its value stay together; a page may end between two facts).</summary>
    private static void Facts(string text, params (string Label, string Value)[] facts) =>
        Assert.All(facts, f => Assert.Contains(Squeeze(f.Label + f.Value), text, StringComparison.Ordinal));

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

public sealed class VisitReportOnSqlite(SqliteHost fixture) : VisitReportTests(fixture), IClassFixture<SqliteHost>;

public sealed class VisitReportOnPostgres(PostgresHost fixture) : VisitReportTests(fixture), IClassFixture<PostgresHost>;
