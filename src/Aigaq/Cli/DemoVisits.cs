using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c>, a year of monitoring visits (issue 17): two monitors in each of three regions (one plans, the other
/// approves), a military guardhouse closed to monitoring, capacities, and visits every few months to each place of those
/// regions: planned, approved, arrived, areas seen and registers checked, two access denials (a register withheld at the
/// Almaty pre-trial centre, and the guardhouse that never let the team in), and the next visits planned or approved. Each
/// step goes through the area's handlers with the clock set back to when it happened, so the log and its audit hold.
/// </summary>
internal sealed class DemoVisits(IServiceProvider sp, DateTimeOffset now, string passwordHash, CancellationToken ct)
{
    /// <summary>The demo's monitor of Almaty, who plans; the second approves, and the page shows them the approve button.</summary>
    public const string Monitor = "monitor@demo.aigaq.kz";

    public const string SecondMonitor = "monitor2@demo.aigaq.kz";

    private static readonly string[] Regions = ["KZ-75", "KZ-71", "KZ-35"];

    private readonly AigaqDb _db = sp.GetRequiredService<AigaqDb>();
    private readonly Demo.ShiftedClock _clock = new(sp.GetRequiredService<TimeProvider>());

    /// <summary>Adds the monitors, the guardhouse and the year of visits; answers the lines the demo prints about them.</summary>
    public async Task<IReadOnlyList<string>> FillAsync()
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

        var places = await _db.Set<Facility>().AsNoTracking().Where(f => Regions.Contains(f.Region)).OrderBy(f => f.Name).ToListAsync(ct);
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
                await VisitAsync(place, planner, approver, now - (280 * day), announced: true, denial: DeniedAccess.Facility);
                continue;
            }

            // Every four months or so, each place's own rhythm; the Almaty pre-trial centre withheld a register once.
            for (var ago = 330 - (17 * i); ago > 20; ago -= 110)
            {
                var denial = place.Type == FacilityType.PretrialDetention && ago < 150 ? DeniedAccess.Register : (DeniedAccess?)null;
                await VisitAsync(place, planner, approver, now - (ago * day), announced: ago % 2 == 0, denial);
            }

            // The next visit: approved, but the pre-trial centre's still waits for the second monitor.
            await VisitAsync(place, planner, place.Type == FacilityType.PretrialDetention ? null : approver, now + ((10 + i) * day), announced: false, null, future: true);
        }

        _clock.Offset = TimeSpan.Zero;
        return lines;
    }

    private async Task VisitAsync(
        Facility place, ClaimsPrincipal planner, ClaimsPrincipal? approver, DateTimeOffset at, bool announced, DeniedAccess? denial, bool future = false)
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
            serviceType.Namespace == typeof(PlanVisit).Namespace && serviceType.IsClass
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
