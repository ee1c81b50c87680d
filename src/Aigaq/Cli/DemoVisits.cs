using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Protection;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Aigaq.Visits.Answers;
using Aigaq.Visits.Interviews;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c>, a year of monitoring visits (issue 17): two monitors in each of three regions (one plans, the other
/// approves), a military guardhouse closed to monitoring, capacities, and visits every few months to each place of those
/// regions: planned, approved, arrived, areas seen and registers checked, two access denials (a register withheld at the
/// Almaty pre-trial centre, and the guardhouse that never let the team in), and the next visits planned or approved. On
/// each visit the team was let in, it answers the checklist (a few answers revised), interviews people in private (in
/// Almaty an allegation that opens a torture report, and a person at risk of reprisal made a protected person when
/// protection is configured), checks the earlier visits' open recommendations, leaves, and then writes its own; the
/// authority responds to most, the medicines are asked for again when a check finds nothing done (a repeat), and the
/// Almaty holding cell's last ones wait past their day (overdue). Each step goes through the area's handlers with the
/// clock set back to when it happened, so the log and its audit hold.
/// </summary>
internal sealed class DemoVisits(IServiceProvider sp, DateTimeOffset now, string passwordHash, CancellationToken ct)
{
    /// <summary>The demo's monitor of Almaty, who plans; the second approves, and the page shows them the approve button.</summary>
    public const string Monitor = "monitor@demo.aigaq.kz";

    public const string SecondMonitor = "monitor2@demo.aigaq.kz";

    private static readonly string[] Regions = ["KZ-75", "KZ-71", "KZ-35"];

    /// <summary>The medicines recommendation, made at each place's first visit and again when a check finds nothing done.</summary>
    public const string MedicinesText =
        "Обеспечить наличие бесплатных лекарств в медицинском кабинете и вести журнал их выдачи, чтобы родственники не покупали лекарства содержащимся.";

    private const string Administration = "Администрация учреждения";

    /// <summary>The team's other recommendations, one new each visit, each place starting at its own.</summary>
    private static readonly (string Theme, string Text, RecommendationPriority Priority)[] Others =
    [
        ("materialConditions", "Отремонтировать вентиляцию в камерах первого этажа и устранить сырость на стенах.", RecommendationPriority.Normal),
        ("complaints", "Установить ящик для конфиденциальных жалоб вне зоны видеонаблюдения и вскрывать его в присутствии прокурора.", RecommendationPriority.High),
        ("staff", "Ввести вторую ставку психолога и обеспечить консультации в вечерние часы.", RecommendationPriority.Normal),
        ("safeguards", "Записывать в журнал время фактического задержания по данным дежурной части, а не время доставления.", RecommendationPriority.Urgent),
    ];

    private readonly AigaqDb _db = sp.GetRequiredService<AigaqDb>();
    private readonly Demo.ShiftedClock _clock = new(sp.GetRequiredService<TimeProvider>());

    /// <summary>A recommendation the team made, still open (no check has found it implemented) at the place's next visit.</summary>
    private sealed record Made(Guid Id, bool Medicines);

    /// <summary>What a visit the team was let in does besides its checks: the place's n-th visit, the last done one or not, and the interviews of note.</summary>
    private sealed record Fieldwork(int Place, int Nth, bool Last, List<Made> Open, bool Allegation, bool ReprisalRisk, bool Unanswered);

    /// <summary>
    /// Adds the monitors, the guardhouse and the year of visits; answers the lines the demo prints about them.
    /// <paramref name="protection"/>: whether protected persons can be made (the demo's custodians enrolled), for the
    /// interview with a reprisal risk.
    /// </summary>
    public async Task<IReadOnlyList<string>> FillAsync(bool protection)
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var lines = new List<string>();
        var monitors = new Dictionary<string, (ClaimsPrincipal Planner, ClaimsPrincipal Approver)>();
        foreach (var region in Regions)
        {
            var almaty = region == "KZ-75";
            var first = await UserAccounts.CreateHashedAsync(
                sp, almaty ? Monitor : $"monitor.{region.ToLowerInvariant()}@demo.aigaq.kz", Roles.Monitor, region, null, passwordHash,
                almaty ? "Сәуле Иманбекова" : "Член НПМ: " + Facilities.Regions.Find(region)!.Ru, "kk");
            var second = await UserAccounts.CreateHashedAsync(
                sp, almaty ? SecondMonitor : $"monitor2.{region.ToLowerInvariant()}@demo.aigaq.kz", Roles.Monitor, region, null, passwordHash,
                almaty ? "Ольга Ким" : "Член НПМ (2): " + Facilities.Regions.Find(region)!.Ru, "ru");
            if (almaty)
            {
                // Almaty's two monitors sign in at once with the keys printed; the other regions' enrol at first sign-in.
                foreach (var (user, email) in new[] { (first, Monitor), (second, SecondMonitor) })
                {
                    IdentityResults.Check(await users.ResetAuthenticatorKeyAsync(user));
                    IdentityResults.Check(await users.SetTwoFactorEnabledAsync(user, true));
                    var key = await users.GetAuthenticatorKeyAsync(user);
                    lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"  {Roles.Monitor,-18} {email}  authenticator key {key}{(email == Monitor ? "" : "  (approves the first one's teams)")}"));
                }
            }

            monitors[region] = (Principal(first), Principal(second));
        }

        lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  {Roles.Monitor,-18} monitor.kz-71@demo.aigaq.kz, monitor2.kz-71@..., monitor.kz-35@..., monitor2.kz-35@...  enrol an authenticator at first sign-in"));

        // The Ministry of Defence's guardhouse in Almaty, closed to monitoring (the coalition's finding).
        var guardhouse = new Facility
        {
            Id = Guid.CreateVersion7(now),
            Name = "Гарнизонная гауптвахта г. Алматы",
            Type = FacilityType.MilitaryGuardhouse,
            Region = "KZ-75",
            Agency = Agency.Military,
            Address = "г. Алматы, ул. Жандосова, 53",
            AcceptsMinors = false,
            CreatedAt = now,
            Phone = "+77272000107",
        };
        await using (var tx = await _db.Database.BeginTransactionAsync(ct))
        {
            _db.Add(guardhouse);
            LedgerWriter.Append(_db, FacilityLedger.Registered, guardhouse.Id, now, w => FacilityLedger.Content(w, guardhouse));
            await _db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            _db.ChangeTracker.Clear();
        }

        // In an order both providers give alike (the database's collation orders names its own way, and a name may repeat):
        // each place's rhythm of visits and its capacity follow from its rank.
        var places = Ordered(await _db.Set<Facility>().AsNoTracking().Where(f => Regions.Contains(f.Region)).ToListAsync(ct));
        var day = TimeSpan.FromDays(1);
        foreach (var (place, i) in places.Select((p, i) => (p, i)))
        {
            var (planner, approver) = monitors[place.Region];
            await RunAsync(now - (360 * day), planner, (s, user) => s.GetRequiredService<RecordMonitoringProfile>().HandleAsync(
                place.Id, new RecordMonitoringProfileRequest(place.Type == FacilityType.PretrialDetention ? 1200 : 40 + (10 * i), null, "Паспорт учреждения, 2026"), user, ct));
            if (place.Id == guardhouse.Id)
            {
                await RunAsync(now - (300 * day), planner, (s, user) => s.GetRequiredService<RecordMonitoringProfile>().HandleAsync(place.Id, new RecordMonitoringProfileRequest(
                    null, true, "Министерство обороны не допускает НПМ на гауптвахты: письмо МО РК от 12.02 № 4/1133"), user, ct));
                await VisitAsync(place, planner, approver, now - (280 * day), announced: true, denial: DeniedAccess.Facility, work: null);
                continue;
            }

            // Every four months or so, each place's own rhythm; the Almaty pre-trial centre withheld a register once. In
            // Almaty, the holding cell's last visit hears an allegation and leaves its recommendations unanswered; the
            // pre-trial centre's hears a person at risk of reprisal.
            var agos = new List<int>();
            for (var ago = 330 - (17 * i); ago > 20; ago -= 110)
            {
                agos.Add(ago);
            }

            var open = new List<Made>();
            var holdingCell = place.Region == "KZ-75" && place.Type == FacilityType.PoliceHoldingCell;
            var pretrial = place.Region == "KZ-75" && place.Type == FacilityType.PretrialDetention;
            foreach (var (ago, n) in agos.Select((a, n) => (a, n)))
            {
                var last = n == agos.Count - 1;
                var denial = place.Type == FacilityType.PretrialDetention && ago < 150 ? DeniedAccess.Register : (DeniedAccess?)null;
                await VisitAsync(place, planner, approver, now - (ago * day), announced: ago % 2 == 0, denial,
                    work: new Fieldwork(i, n, last, open, holdingCell && last, pretrial && last && protection, holdingCell && last));
            }

            // The next visit: approved, but the pre-trial centre's still waits for the second monitor.
            await VisitAsync(place, planner, place.Type == FacilityType.PretrialDetention ? null : approver, now + ((10 + i) * day), announced: false, null, work: null, future: true);
        }

        _clock.Offset = TimeSpan.Zero;
        return lines;
    }

    /// <summary>The demo's places in the order it visits them: by name, code point by code point, then region and id.</summary>
    private static List<Facility> Ordered(IEnumerable<Facility> places) =>
        [.. places.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal).ThenBy(f => f.Id)];

    private async Task VisitAsync(
        Facility place, ClaimsPrincipal planner, ClaimsPrincipal? approver, DateTimeOffset at, bool announced, DeniedAccess? denial, Fieldwork? work,
        bool future = false)
    {
        var day = TimeSpan.FromDays(1);
        var team = new List<TeamMemberInput?>
        {
            new(null, "Сәуле Иманбекова", TeamRole.Lead, TeamSex.Female),
            new(null, "Бауыржан Ахметов", TeamRole.Doctor, TeamSex.Male),
            new(null, "Ирина Павлова", TeamRole.Lawyer, TeamSex.Female),
        };
        if (place.Type is FacilityType.JuvenileCentre or FacilityType.PsychiatricHospital)
        {
            team.Add(new(null, "Динара Өтепова", TeamRole.Psychologist, TeamSex.Female));
        }

        var kind = future ? VisitKind.FollowUp : denial is not null ? VisitKind.Special : VisitKind.Regular;
        // An announced visit's notice is given when it is planned.
        var planAt = (future ? now : at) - (10 * day);
        var planned = await RunAsync(planAt, planner, (s, user) => s.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(place.Id, at, kind, announced, team, announced ? planAt : null), user, ct));
        if (approver is null)
        {
            return;
        }

        await RunAsync((future ? now : at) - (5 * day), approver, (s, user) => s.GetRequiredService<ApproveVisitTeam>().HandleAsync(
            planned.Id, new ApproveVisitTeamRequest("Состав группы проверен: конфликта интересов нет."), user, ct));
        if (future)
        {
            return;
        }

        var arrived = at.AddMinutes(30);
        var refused = denial == DeniedAccess.Facility;
        await RunAsync(arrived.AddMinutes(25), planner, (s, user) => s.GetRequiredService<RecordArrival>().HandleAsync(
            planned.Id, new RecordArrivalRequest(arrived, refused ? null : arrived.AddMinutes(20)), user, ct));
        if (refused)
        {
            await RunAsync(arrived.AddMinutes(50), planner, (s, user) => s.GetRequiredService<RecordAccessDenial>().HandleAsync(planned.Id, new RecordAccessDenialRequest(
                arrived.AddMinutes(40), DeniedAccess.Facility, "Дежурный по гауптвахте", "Нет разрешения командования", null), user, ct));

            // The team waited at the gate, then left: the visit is done, with nothing seen.
            await RunAsync(arrived.AddMinutes(65), planner, (s, user) => s.GetRequiredService<RecordDeparture>().HandleAsync(
                planned.Id, new RecordDepartureRequest(arrived.AddMinutes(60)), user, ct));
            return;
        }

        foreach (var (check, name, minutes) in new[]
        {
            (VisitCheckKind.Area, "Камеры первого этажа", 40),
            (VisitCheckKind.Register, "Журнал учёта содержащихся", 70),
            (VisitCheckKind.Area, "Медицинский кабинет", 100),
        })
        {
            await RunAsync(arrived.AddMinutes(minutes + 5), planner, (s, user) => s.GetRequiredService<RecordVisitCheck>().HandleAsync(
                planned.Id, new RecordVisitCheckRequest(check, name, arrived.AddMinutes(minutes), minutes == 70 ? "Записи совпадают с реестром Aigaq." : null), user, ct));
        }

        if (denial is { } what)
        {
            await RunAsync(arrived.AddMinutes(130), planner, (s, user) => s.GetRequiredService<RecordAccessDenial>().HandleAsync(planned.Id, new RecordAccessDenialRequest(
                arrived.AddMinutes(120), what, "Заместитель начальника СИЗО", "Журнал медицинских осмотров «на проверке в департаменте»", 90), user, ct));
        }

        if (work is not null)
        {
            await FieldworkAsync(place, planner, planned.Id, arrived, work);
        }
    }

    /// <summary>
    /// The rest of a visit the team was let in: checklist answers (on the second visit to a place one revised after a
    /// talk with the doctor), private interviews, checks of the place's open recommendations, the departure, then the
    /// team's recommendations and the authority's responses.
    /// </summary>
    private async Task FieldworkAsync(Facility place, ClaimsPrincipal planner, Guid visitId, DateTimeOffset arrived, Fieldwork work)
    {
        var (i, n) = (work.Place, work.Nth);
        var turn = i + n;
        var answers = new Dictionary<string, object>
        {
            ["custodyRegisterComplete"] = turn % 3 == 0 ? "no" : "yes",
            ["medicinesFreeAndInStock"] = "no",
            ["medicinesMissing"] = turn % 2 == 0 ? "Нет обезболивающих и антисептиков; родственники приносят сами." : "Нет инсулина и препаратов от давления.",
            ["psychologistPosts"] = 1,
            ["peopleHeld"] = 12 + (3 * i) + n,
            ["warmDryVentilated"] = turn % 2 == 0 ? "no" : "yes",
            ["toilet"] = new[] { "partlyScreened", "open", "partitioned" }[turn % 3],
            ["dailyOutdoorExercise"] = turn % 4 == 1 ? "no" : "yes",
            ["knowsHowToComplain"] = turn % 3 == 1 ? "no" : "yes",
            ["fearOfReprisal"] = work.ReprisalRisk ? "yes" : "no",
            ["medicalCover"] = new[] { "daytimeOnly", "onCall", "roundTheClock" }[turn % 3],
            ["staffConcerns"] = "Ночью одна смена на весь корпус.",
        };
        var notes = new Dictionary<string, string?> { ["medicinesFreeAndInStock"] = "Проверено по журналу медицинского кабинета." };
        await RunAsync(arrived.AddMinutes(115), planner, (s, user) => s.GetRequiredService<RecordChecklistAnswers>().HandleAsync(visitId, new RecordChecklistAnswersRequest(
            arrived.AddMinutes(110), null, answers.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value)), notes), user, ct));
        if (n == 1)
        {
            // The doctor's night cover turned out to be on call only: the answer is revised, the first one kept.
            await RunAsync(arrived.AddMinutes(145), planner, (s, user) => s.GetRequiredService<RecordChecklistAnswers>().HandleAsync(visitId, new RecordChecklistAnswersRequest(
                arrived.AddMinutes(140), null, new() { ["medicalCover"] = JsonSerializer.SerializeToElement("onCall") },
                new() { ["medicalCover"] = "Уточнено у врача: ночью только вызов скорой помощи." }), user, ct));
        }

        // Private interviews, by code: one each visit; an allegation and a person at risk where the work says so.
        var talks = new List<RecordInterviewRequest>
        {
            new($"P{i + 1}-{n + 1}-1", true, true, false, RiskLevel.Low, null, arrived.AddMinutes(150),
                [place.Type == FacilityType.JuvenileCentre ? "minor" : new[] { "firstDetention", "languageBarrier", "illness" }[turn % 3]]),
        };
        if (work.Allegation)
        {
            talks.Add(new($"P{i + 1}-{n + 1}-2", true, true, true, RiskLevel.Low, null, arrived.AddMinutes(160), ["firstDetention"]));
        }

        if (work.ReprisalRisk)
        {
            talks.Add(new($"P{i + 1}-{n + 1}-3", true, true, false, RiskLevel.Medium, null, arrived.AddMinutes(170), ["illness"]));
        }

        foreach (var talk in talks)
        {
            await RunAsync(talk.At!.Value.AddMinutes(5), planner, (s, user) => s.GetRequiredService<RecordInterview>().HandleAsync(visitId, talk, user, ct));
        }

        // The place's open recommendations, seen again: the medicines are not there the first time, partly the next; the
        // others done or partly so, by turns.
        var repeat = false;
        foreach (var (made, k) in work.Open.ToList().Select((m, k) => (m, k)))
        {
            var finding = made.Medicines
                ? (n == 1 ? RecommendationFinding.Not : RecommendationFinding.Partly)
                : (turn + k) % 2 == 0 ? RecommendationFinding.Implemented : RecommendationFinding.Partly;
            await RunAsync(arrived.AddMinutes(185 + k), planner, (s, user) => s.GetRequiredService<CheckRecommendation>().HandleAsync(made.Id, new CheckRecommendationRequest(
                visitId, arrived.AddMinutes(180 + k), finding, finding == RecommendationFinding.Not ? "Лекарств нет, журнал выдачи не ведётся." : null), user, ct));
            if (finding == RecommendationFinding.Implemented)
            {
                work.Open.Remove(made);
            }

            repeat |= made.Medicines && finding == RecommendationFinding.Not;
        }

        await RunAsync(arrived.AddMinutes(205), planner, (s, user) => s.GetRequiredService<RecordDeparture>().HandleAsync(
            visitId, new RecordDepartureRequest(arrived.AddMinutes(200)), user, ct));

        // The team writes its recommendations the next day: the medicines on a first visit, or again when nothing was
        // done (found by their words: a repeat), and one of the others.
        var written = arrived.AddDays(1);
        var asks = new List<(string Theme, string Text, RecommendationPriority Priority, bool Medicines)>();
        if (n == 0 || repeat)
        {
            asks.Add(("healthCare", MedicinesText, repeat ? RecommendationPriority.Urgent : RecommendationPriority.High, true));
        }

        var other = Others[turn % Others.Length];
        asks.Add((other.Theme, other.Text, other.Priority, false));
        var pack = sp.GetRequiredService<Rules.RulePackCatalog>().At(written);
        var dueBy = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(written, pack.Zone).DateTime).AddDays(30);
        foreach (var (ask, k) in asks.Select((a, k) => (a, k)))
        {
            var made = await RunAsync(written.AddMinutes(k), planner, (s, user) => s.GetRequiredService<MakeRecommendation>().HandleAsync(
                visitId, new MakeRecommendationRequest(Administration, ask.Theme, ask.Text, ask.Priority, dueBy), user, ct));
            work.Open.Add(new Made(made.Id, ask.Medicines));
            if (work.Unanswered)
            {
                continue;
            }

            // The authority's written answer, three weeks later.
            var (status, text) = ask.Medicines
                ? (RecommendationResponseStatus.Accepted, "Заявка на закупку лекарств направлена в управление здравоохранения.")
                : ((turn + k) % 3) switch
                {
                    0 => (RecommendationResponseStatus.Accepted, "Принято к исполнению, срок — до конца квартала."),
                    1 => (RecommendationResponseStatus.PartlyAccepted, "Частично: работы включены в план ремонта на следующий год."),
                    _ => (RecommendationResponseStatus.Rejected, "Не предусмотрено бюджетом учреждения."),
                };
            var answered = written.AddDays(21);
            await RunAsync(answered.AddHours(2), planner, (s, user) => s.GetRequiredService<RespondToRecommendation>().HandleAsync(
                made.Id, new RecommendationResponseRequest(answered, text, status), user, ct));
        }
    }

    /// <summary>Runs a visits handler with the clock at <paramref name="at"/>, in its own transaction, as the API would.</summary>
    private async Task<T> RunAsync<T>(DateTimeOffset at, ClaimsPrincipal user, Func<IServiceProvider, ClaimsPrincipal, Task<Outcome<T>>> command)
        where T : class
    {
        _clock.Offset = at - now;
        await using var scope = sp.CreateAsyncScope();
        var scoped = new ClockedServices(scope.ServiceProvider, _clock);
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command(scoped, user);
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException("A demo visit step was refused.");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome.Value!;
    }

    /// <summary>The scope's services, each visits handler made with the shifted clock instead of the system's.</summary>
    private sealed class ClockedServices(IServiceProvider inner, TimeProvider clock) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType.Namespace is { } area && area.StartsWith(typeof(PlanVisit).Namespace!, StringComparison.Ordinal) && serviceType.IsClass
                ? ActivatorUtilities.CreateInstance(inner, serviceType, clock)
                : inner.GetService(serviceType);
    }

    private static ClaimsPrincipal Principal(AppUser user)
    {
        var identity = new ClaimsIdentity("demo", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Monitor));
        identity.AddClaims(AigaqClaims.For(user, [Roles.Monitor]));
        return new ClaimsPrincipal(identity);
    }
}
