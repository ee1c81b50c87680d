using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Examinations;
using Aigaq.Tests.Cases;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Istanbul Protocol examinations (issue 16, items 1-8 and 10): a request is numbered, due by the rule pack's hours and
/// read within its region, each read logged; only the assigned examiner, independent of the accused agency unless a reason
/// is recorded, writes the session, consent, findings and seal; nothing beyond consent; a sealed examination changes only
/// by amendments; custody events and torture cases request examinations by themselves; the scan raises the oversight
/// alerts; an examination keeps the form version it was requested under.
/// </summary>
public abstract class ExaminationsTests(ExaminationHost fixture)
{
    private const string Url = "/api/v1/examinations";

    private AigaqHost Host => fixture.Host;

    private JsonObject Request(string kind = "investigator", Guid? detentionId = null, bool person = true) => new()
    {
        ["requestedAt"] = Requests.Instant(Host.Now.AddMinutes(-10)),
        ["requestedBy"] = new JsonObject { ["kind"] = kind, ["reference"] = "постановление № 17" },
        ["person"] = person ? new JsonObject { ["lastName"] = "Ахметов", ["firstName"] = "Данияр", ["birthDate"] = "1990-04-12" } : null,
        ["detentionId"] = detentionId?.ToString(),
    };

    private static JsonObject Examiner(string employer, string? reason = null) => new()
    {
        ["name"] = "Жумабекова Айгуль Маратовна",
        ["qualifications"] = "судебно-медицинский эксперт, специальность 23.1, стаж 12 лет",
        ["employer"] = employer,
        ["independenceDeclared"] = true,
        ["notIndependentReason"] = reason,
    };

    private JsonObject Session(bool police) => new()
    {
        ["place"] = "Центр судебной экспертизы, г. Алматы, кабинет 4",
        ["startedAt"] = Requests.Instant(Host.Now.AddMinutes(-5)),
        ["interpreter"] = new JsonObject { ["name"] = "Сейтказы Арман", ["language"] = "kk" },
        ["present"] = new JsonArray(
            new JsonObject { ["name"] = "Жумабекова А. М.", ["affiliation"] = "examiner" },
            new JsonObject { ["name"] = "Ахметов Д.", ["affiliation"] = "examinedPerson" }),
        ["policePresent"] = police,
        ["policeAskedToLeave"] = police ? true : null,
    };

    private JsonObject Consent(bool examination = true) => new()
    {
        // A withdrawal or a renewed consent is later than the one it supersedes.
        ["at"] = Requests.Instant(Host.Now.AddMinutes(examination ? -3 : -4)),
        ["items"] = new JsonObject
        {
            ["examination"] = examination,
            ["photographs"] = true,
            ["intimatePhotographs"] = false,
            ["shareWithInvestigators"] = true,
            ["shareWithCourt"] = true,
            ["shareWithDefender"] = false,
        },
        ["refusalReason"] = "не желает интимных фотографий и передачи защитнику",
    };

    private static JsonObject Finding(string view = "front", string region = "chest", double x = 0.5, double y = 0.25, string consistency = "highlyConsistent") => new()
    {
        ["view"] = view,
        ["bodyRegion"] = region,
        ["x"] = x,
        ["y"] = y,
        ["size"] = "4 x 3 см",
        ["description"] = "Кровоподтёк багрово-синюшного цвета овальной формы",
        ["consistency"] = consistency,
        ["rationale"] = "Форма и давность соответствуют описанным ударам дубинкой",
    };

    private static Task<int> CountAsync<T>(AigaqHost host, Guid examinationId, Func<IQueryable<T>, Guid, Task<int>> count)
        where T : class => host.WithDbAsync(db => count(db.Set<T>(), examinationId));

    [Fact]
    public async Task A_request_is_numbered_due_by_the_pack_read_in_its_region_with_each_read_logged_and_bad_input_writes_nothing()
    {
        var investigator = await Host.UserAsync(Roles.Investigator);
        var key = Guid.NewGuid().ToString("N");
        var body = Request();
        var created = await (await investigator.Client.PostJsonAsync(Url, body, key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await investigator.Client.PostJsonAsync(Url, body, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(created.Str("id"), retry.Str("id"));
        var id = Guid.Parse(created.Str("id"));
        Assert.StartsWith("E75-", created.Str("number"), StringComparison.Ordinal);
        Assert.Equal(Host.Now.AddMinutes(-10).AddHours(24), created["dueBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ExaminationLedger.Requested && e.RecordId == id)));

        var read = await (await investigator.Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("requested", read.Str("status"));
        Assert.Equal("investigator", read["requestedBy"].Str("kind"));
        Assert.Equal("Ахметов", read["person"].Str("lastName"));
        Assert.Empty(read["photos"]!.AsArray());
        Assert.Null(read["consent"]);

        // The region's prosecutor reads it; one of another region, a police officer and an analyst do not.
        await (await (await Host.UserAsync(Roles.Prosecutor)).Client.GetAsync($"{Url}/{id}")).ExpectAsync(HttpStatusCode.OK);
        await (await (await Host.UserAsync(Roles.Prosecutor, region: "KZ-71")).Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        foreach (var role in new[] { Roles.Officer, Roles.Analyst })
        {
            var denied = await Host.UserAsync(role);
            await (await denied.Client.GetAsync($"{Url}/{id}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await denied.Client.PostJsonAsync(Url, Request())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "examination.read" && e.Resource == id.ToString())));

        async Task<IReadOnlyList<string>> ListAsync(string query) =>
            [.. (await (await investigator.Client.GetAsync($"{Url}?{query}")).ExpectAsync(HttpStatusCode.OK))["items"].Objects().Select(r => r.Str("id"))];
        Assert.Contains(id.ToString(), await ListAsync("status=requested"));
        Assert.DoesNotContain(id.ToString(), await ListAsync("status=sealed"));
        await (await investigator.Client.GetAsync($"{Url}?status=lost")).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");

        var before = await Host.CountAsync<Examination>();
        await (await investigator.Client.PostJsonAsync(Url, Request(kind: "judge"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "requestedBy.kind");
        await (await investigator.Client.PostJsonAsync(Url, Request(person: false))).ExpectProblemAsync(HttpStatusCode.BadRequest, "person");
        await (await investigator.Client.PostJsonAsync(Url, Request().With("detentionId", Guid.NewGuid().ToString())))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "detentionId");
        Assert.Equal(before, await Host.CountAsync<Examination>());
    }

    [Fact]
    public async Task The_independent_examiner_records_with_consent_only_seals_and_then_only_amends()
    {
        var held = await Host.HeldAsync();
        var investigator = await Host.UserAsync(Roles.Investigator);
        var created = await (await investigator.Client.PostJsonAsync(Url, Request(detentionId: held.Id, person: false))).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        var at = $"{Url}/{id}";
        var expert = await Host.UserAsync(Roles.ForensicExpert);
        var other = await Host.UserAsync(Roles.ForensicExpert);

        // Nothing before the examiner is assigned; the holding agency (police) is accused: its employee is refused without a reason.
        await (await expert.Client.PostJsonAsync($"{at}/session", Session(false))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await expert.Client.PostJsonAsync($"{at}/examiner", Examiner("police"))).ExpectProblemAsync(HttpStatusCode.Conflict, "employer");
        await (await expert.Client.PostJsonAsync($"{at}/examiner", Examiner("forensicCentre").With("employer", "hospital")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "employer");
        await (await investigator.Client.PostJsonAsync($"{at}/examiner", Examiner("forensicCentre"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var assigned = await (await expert.Client.PostJsonAsync($"{at}/examiner", Examiner("forensicCentre"))).ExpectAsync(HttpStatusCode.Created);
        Assert.True(assigned["independent"]!.GetValue<bool>());
        await (await other.Client.PostJsonAsync($"{at}/examiner", Examiner("forensicCentre"))).ExpectProblemAsync(HttpStatusCode.Conflict, "examiner");
        await (await other.Client.PostJsonAsync($"{at}/session", Session(false))).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // Police present: recorded and alerted.
        await (await expert.Client.PostJsonAsync($"{at}/session", Session(true).Without("policeAskedToLeave")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "policeAskedToLeave");
        await (await expert.Client.PostJsonAsync($"{at}/session", Session(true))).ExpectAsync(HttpStatusCode.Created);

        // No finding without consent to be examined, nor with it refused; each item is stated; a refusal has its reason.
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding())).ExpectProblemAsync(HttpStatusCode.Conflict, "consent.examination");
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent().With("items.photographs", null, remove: true)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "items.photographs");
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent().Without("refusalReason"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "refusalReason");
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(examination: false))).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding())).ExpectProblemAsync(HttpStatusCode.Conflict, "consent.examination");
        await (await expert.Client.PostJsonAsync($"{at}/sections/allegations", new JsonObject { ["fields"] = new JsonObject { ["summary"] = "били" } }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "consent.examination");
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent())).ExpectAsync(HttpStatusCode.Created);

        // Findings are checked against the form: the region of the view, the point on the drawing, the level.
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding(region: "upperBack"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "bodyRegion");
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding(view: "side"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "view");
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding(x: 1.5))).ExpectProblemAsync(HttpStatusCode.BadRequest, "x");
        // The chest's point on the abdomen, and on the reader's side of the right forearm: outside the region's shape.
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding(y: 0.4))).ExpectProblemAsync(HttpStatusCode.BadRequest, "x");
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding("right", "forearm", 0.3, 0.43))).ExpectProblemAsync(HttpStatusCode.BadRequest, "x");
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding(consistency: "probable"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "consistency");
        Assert.Equal(0, await CountAsync<ExaminationFinding>(Host, id, (q, e) => q.CountAsync(f => f.ExaminationId == e)));
        var finding = await (await expert.Client.PostJsonAsync($"{at}/findings", Finding())).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding("back", "lowerBack", 0.45, 0.37, "consistent"))).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/sections/psychologicalEvaluation", new JsonObject
        {
            ["fields"] = new JsonObject { ["mentalStatus"] = "тревожен, нарушения сна", ["selfInflictionOrSimulationConsidered"] = true },
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/sections/psychologicalEvaluation", new JsonObject { ["fields"] = new JsonObject { ["mood"] = "x" } }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "fields.mood");

        // The seal; then any change is refused, naming it, and nothing is written; an amendment with its reason is appended.
        await (await expert.Client.PostJsonAsync($"{at}/amendments", new JsonObject { ["reason"] = "r", ["text"] = "t" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "status");
        var seal = new JsonObject
        {
            ["opinion"] = "highlyConsistent",
            ["conclusions"] = "Телесные повреждения могли образоваться при описанных обстоятельствах",
            ["recommendations"] = "Консультация психиатра",
            ["policePresent"] = true,
        };
        await (await expert.Client.PostJsonAsync($"{at}/seal", seal.DeepClone().AsObject().With("opinion", "likely"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "opinion");
        var sealedAnswer = await (await expert.Client.PostJsonAsync($"{at}/seal", seal)).ExpectAsync(HttpStatusCode.Created);
        Assert.False(sealedAnswer["absenceStatement"]!.GetValue<bool>());
        await (await expert.Client.PostJsonAsync($"{at}/findings", Finding())).ExpectProblemAsync(HttpStatusCode.Conflict, "findings");
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent())).ExpectProblemAsync(HttpStatusCode.Conflict, "consent");
        await (await expert.Client.PostJsonAsync($"{at}/seal", seal)).ExpectProblemAsync(HttpStatusCode.Conflict, "seal");
        Assert.Equal(2, await CountAsync<ExaminationFinding>(Host, id, (q, e) => q.CountAsync(f => f.ExaminationId == e)));
        await (await expert.Client.PostJsonAsync($"{at}/amendments", new JsonObject { ["text"] = "размер 5 x 3 см" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await expert.Client.PostJsonAsync($"{at}/amendments", new JsonObject
        {
            ["reason"] = "ошибка при измерении",
            ["text"] = "размер 5 x 3 см",
            ["findingId"] = finding.Str("id"),
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ExaminationLedger.Amended)));

        // The examiner sees everything; the investigator too (the person consented to share with investigators).
        var shown = await (await investigator.Client.GetAsync(at)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("sealed", shown.Str("status"));
        Assert.False(shown["medicalWithheld"]!.GetValue<bool>());
        Assert.Equal(["chest", "lowerBack"], shown["findings"].Objects().Select(f => f.Str("bodyRegion")).Order(StringComparer.Ordinal));
        Assert.Equal("highlyConsistent", shown["opinion"].Str("opinion"));
        Assert.Equal("ошибка при измерении", Assert.Single(shown["amendments"].Objects()).Str("reason"));
        Assert.True(shown["consent"]!["items"]!["photographs"]!.GetValue<bool>());
        Assert.Equal(2, shown["consent"]!["given"]!.GetValue<int>());
        Assert.True(shown["session"]!["policePresent"]!.GetValue<bool>());
        Assert.Equal([AlertCodes.PolicePresentAtExamination], shown["alerts"].Codes());
        Assert.Equal("тревожен, нарушения сна", shown["sections"].Objects().Single(x => x.Str("section") == "psychologicalEvaluation")["fields"].Str("mentalStatus"));

        // A prosecutor of the region reads it too, by the same consent; a defender who did not request it does not.
        await (await (await Host.UserAsync(Roles.Defender)).Client.GetAsync(at)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Custody_events_and_torture_cases_request_examinations_by_themselves_and_the_scan_raises_the_oversight_alerts()
    {
        var held = await Host.HeldAsync();
        var events = Scenario.EventsUrl(held.Id);
        var first = await (await held.Custody.Client.PostJsonAsync(events,
            Requests.Event("medicalExamination", Host.Now.AddMinutes(-30), ("injuriesFound", true), ("examiner", "фельдшер")))).ExpectAsync(HttpStatusCode.Created);
        await (await held.Custody.Client.PostJsonAsync(events, Requests.Event("medicalExamination", Host.Now.AddMinutes(-29),
            ("injuriesFound", true), ("examiner", "фельдшер ИВС"), ("corrects", first["event"].Str("id")), ("reason", "уточнено")))).ExpectAsync(HttpStatusCode.Created);
        var fromCustody = await Host.WithDbAsync(db => db.Set<Examination>().SingleAsync(e => e.DetentionId == held.Id));
        Assert.Equal("register", fromCustody.RequestedByKind);
        Assert.Equal(Guid.Parse(first["event"].Str("id")), fromCustody.DetentionEventId);

        // An examiner employed by the holding agency, with the reason: recorded, and ExaminerNotIndependent raised.
        var expert = await Host.UserAsync(Roles.ForensicExpert);
        var assigned = await (await expert.Client.PostJsonAsync($"{Url}/{fromCustody.Id}/examiner",
            Examiner("police", "единственный эксперт в районе, независимый эксперт недоступен"))).ExpectAsync(HttpStatusCode.Created);
        Assert.False(assigned["independent"]!.GetValue<bool>());

        // A case of torture (part 2) requests an examination of its victim.
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));
        var registered = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now.AddMinutes(-1), 2));
        var caseId = Guid.Parse(registered.Str("caseId"));
        var fromCase = await Host.WithDbAsync(db => db.Set<Examination>().SingleAsync(e => e.CaseId == caseId));
        Assert.Equal(("Серикбаев", report.Id()), (fromCase.LastName, fromCase.ReportId!.Value));

        // Before their clocks run out, no alert; after, one each, and a second scan raises none again.
        await ExaminationScanner.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), Host.Now, CancellationToken.None);
        Assert.Equal(0, await AlertsAsync(AlertCodes.ExaminationOverdue, fromCustody.Id.ToString()));
        var later = Host.Now.AddDays(4);
        await ExaminationScanner.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), later, CancellationToken.None);
        await ExaminationScanner.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), later, CancellationToken.None);
        Assert.Equal(1, await AlertsAsync(AlertCodes.ExaminationOverdue, fromCustody.Id.ToString()));
        Assert.Equal(1, await AlertsAsync(AlertCodes.ExaminationOverdue, fromCase.Id.ToString()));
        Assert.Equal(1, await AlertsAsync(AlertCodes.NoExaminationInTortureCase, caseId.ToString()));
        Assert.Equal(1, await AlertsAsync(AlertCodes.ExaminerNotIndependent, fromCustody.Id.ToString()));
        var shown = await (await expert.Client.GetAsync($"{Url}/{fromCustody.Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([AlertCodes.ExaminationOverdue, AlertCodes.ExaminerNotIndependent], shown["alerts"].Codes().Order(StringComparer.Ordinal));
        Assert.Equal("high", shown["alerts"].Objects().First().Str("severity"));
    }

    [Fact]
    public async Task A_link_opens_only_what_the_requester_may_read_and_the_police_read_nothing_of_the_register_request()
    {
        var held = await Host.HeldAsync();
        var before = await Host.CountAsync<Examination>();

        // A monitor may request, but not read detentions: a detention linked without a person is not theirs to copy from,
        // and the answer does not say whether it exists.
        var monitor = await Host.UserAsync(Roles.Monitor);
        var refused = await (await monitor.Client.PostJsonAsync(Url, Request("monitor", held.Id, person: false))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("detentionId", refused["errors"]!.AsObject().Select(e => e.Key));
        var unknown = await (await monitor.Client.PostJsonAsync(Url, Request("monitor", Guid.NewGuid(), person: false))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(refused["errors"]!["detentionId"]!.ToJsonString(), unknown["errors"]!["detentionId"]!.ToJsonString());
        var elsewhere = await Host.UserAsync(Roles.Investigator, region: "KZ-71");
        await (await elsewhere.Client.PostJsonAsync(Url, Request(detentionId: held.Id, person: false))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await Host.CountAsync<Examination>());

        // An investigator of the region records the detainee's complaint: the register requests the examination, as
        // its own requester, so the investigator reads nothing of it; injuries recorded next add no second request.
        var investigator = await Host.UserAsync(Roles.Investigator);
        var events = Scenario.EventsUrl(held.Id);
        await (await investigator.Client.PostJsonAsync(events, Requests.Event("illTreatmentComplaint", Host.Now.AddMinutes(-20)))).ExpectAsync(HttpStatusCode.Created);
        await (await held.Custody.Client.PostJsonAsync(events,
            Requests.Event("medicalExamination", Host.Now.AddMinutes(-10), ("injuriesFound", true), ("examiner", "фельдшер")))).ExpectAsync(HttpStatusCode.Created);
        var made = await Host.WithDbAsync(db => db.Set<Examination>().SingleAsync(e => e.DetentionId == held.Id));
        Assert.Equal(RequestExamination.Register, made.RecordedBy);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.Client.GetAsync($"{Url}/{made.Id}")).StatusCode);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        await (await prosecutor.Client.GetAsync($"{Url}/{made.Id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_examination_keeps_the_form_version_it_was_requested_under()
    {
        var investigator = await Host.UserAsync(Roles.Investigator);
        var expert = await Host.UserAsync(Roles.ForensicExpert);
        async Task<string> ReadyAsync()
        {
            var id = (await (await investigator.Client.PostJsonAsync(Url, Request())).ExpectAsync(HttpStatusCode.Created)).Str("id");
            await (await expert.Client.PostJsonAsync($"{Url}/{id}/examiner", Examiner("forensicCentre"))).ExpectAsync(HttpStatusCode.Created);
            await (await expert.Client.PostJsonAsync($"{Url}/{id}/consent", Consent())).ExpectAsync(HttpStatusCode.Created);
            return id;
        }

        var old = await ReadyAsync();
        // The folder's version (from the fixture's forms directory) comes into force: it adds the navel to the front view.
        if (Host.Now < ExaminationHost.SecondVersionFrom.AddMinutes(5))
        {
            Host.Clock.SetUtcNow(ExaminationHost.SecondVersionFrom.AddMinutes(5));
        }

        var fresh = await ReadyAsync();

        Assert.Equal(ExaminationHost.ShippedVersion, (await (await expert.Client.GetAsync($"{Url}/{old}")).ExpectAsync(HttpStatusCode.OK)).Str("form"));
        Assert.Equal(ExaminationHost.FolderVersion, (await (await expert.Client.GetAsync($"{Url}/{fresh}")).ExpectAsync(HttpStatusCode.OK)).Str("form"));
        await (await expert.Client.PostJsonAsync($"{Url}/{old}/findings", Finding(region: "navel"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "bodyRegion");
        await (await expert.Client.PostJsonAsync($"{Url}/{fresh}/findings", Finding(region: "navel"))).ExpectAsync(HttpStatusCode.Created);

        // The examination page names the version's new region, section, field and consent item by the file's own labels,
        // in the page's language; the old examination's page knows none of them.
        var page = await Host.SignedInWithCodeAsync(expert, "ru");
        foreach (var (culture, labels) in new[]
        {
            ("ru", new[] { "Пупок", "Условия содержания", "Освещение камеры", "Передача омбудсмену" }),
            ("en", new[] { "Navel", "Conditions of custody", "Lighting of the cell", "Sharing with the Ombudsman" }),
        })
        {
            var html = await page.GetStringAsync($"/examinations/{fresh}?culture={culture}");
            Assert.All(labels, label => Assert.Contains(label, html, StringComparison.Ordinal));
            Assert.DoesNotContain("cellLighting<", html, StringComparison.Ordinal);
            Assert.DoesNotContain(labels[2], await page.GetStringAsync($"/examinations/{old}?culture={culture}"), StringComparison.Ordinal);
        }
    }

    private Task<int> AlertsAsync(string code, string id) =>
        Host.WithDbAsync(db => db.Set<Alert>().CountAsync(a => a.Code == code && a.Key.Contains(id)));
}

/// <summary>A host whose forms directory holds a further version of the national form, in force two days after the host's start.</summary>
public abstract class ExaminationHost(DatabaseProvider provider) : HostFixture(provider)
{
    public static readonly DateTimeOffset SecondVersionFrom = AigaqHost.Start.AddDays(2);

    /// <summary>The newest version shipped in force when the fixture starts, and the one its forms folder adds two days later.</summary>
    public const string ShippedVersion = "istanbul-kz-v2";
    public const string FolderVersion = "istanbul-kz-v3";

    private readonly string _forms = Directory.CreateTempSubdirectory("aigaq-forms-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            using var stream = typeof(ExaminationForms).Assembly.GetManifestResourceStream($"Aigaq.Rules.Forms.{ShippedVersion}.json")!;
            var form = JsonNode.Parse(stream)!.AsObject();
            form["id"] = FolderVersion;
            form["effectiveFrom"] = SecondVersionFrom.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            form["bodyRegions"]!["front"]!.AsArray().Add("navel");
            // The version names what it adds itself: no SharedResource entry is needed for the navel.
            // It adds a section with a field and an optional consent item too, each labelled by the file alone.
            form["sections"]!.AsArray().Add(new JsonObject
            {
                ["id"] = "custodyConditions",
                ["heading"] = "Conditions in custody",
                ["fields"] = new JsonArray(new JsonObject { ["id"] = "cellLighting", ["type"] = "text" }),
            });
            form["consent"]!.AsArray().Add(new JsonObject { ["id"] = "shareWithOmbudsman", ["kind"] = "consent", ["optional"] = true });
            form["labels"] = new JsonObject
            {
                ["navel"] = Labels("Кіндік", "Пупок", "Navel"),
                ["custodyConditions"] = Labels("Ұстау жағдайлары", "Условия содержания", "Conditions of custody"),
                ["cellLighting"] = Labels("Камераның жарығы", "Освещение камеры", "Lighting of the cell"),
                ["shareWithOmbudsman"] = Labels("Омбудсменге беру", "Передача омбудсмену", "Sharing with the Ombudsman"),
            };
            File.WriteAllText(Path.Combine(_forms, FolderVersion + ".json"), form.ToJsonString());
            return new Dictionary<string, string?> { ["Aigaq:Examinations:FormsDir"] = _forms };
        }
    }

    /// <summary>The labels the folder's version gives its new ids, in kk, ru and en.</summary>
    public static JsonObject Labels(string kk, string ru, string en) => new() { ["kk"] = kk, ["ru"] = ru, ["en"] = en };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_forms, recursive: true);
    }
}

public sealed class ExaminationSqliteHost() : ExaminationHost(DatabaseProvider.Sqlite);

public sealed class ExaminationPostgresHost() : ExaminationHost(DatabaseProvider.Postgres);

public sealed class ExaminationsOnSqlite(ExaminationSqliteHost fixture) : ExaminationsTests(fixture), IClassFixture<ExaminationSqliteHost>;

public sealed class ExaminationsOnPostgres(ExaminationPostgresHost fixture) : ExaminationsTests(fixture), IClassFixture<ExaminationPostgresHost>;
