using System.Security.Claims;
using System.Text;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// Fills an empty database with realistic demo data: facilities in several regions, one account
/// per role, detentions at every stage of custody, and reports and cases (<see cref="DemoCases"/>),
/// registered through the same handlers as the API with the clock set back to when each thing happened.
/// </summary>
internal static class Demo
{
    public const string Password = "demo-password-2026";

    /// <summary>A demo account that was moved and then deactivated, to show account changes.</summary>
    public const string FormerOfficer = "former-officer@demo.aigaq.kz";

    /// <summary>The administrator who approves, or refuses, what the first one asks for.</summary>
    public const string SecondAdministrator = "admin2@demo.aigaq.kz";

    /// <summary>An account created for a prosecutor's post, its role waiting for a second administrator's approval.</summary>
    public const string NewProsecutor = "new-prosecutor@demo.aigaq.kz";

    public static async Task<string> FillAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AigaqDb>();
        if (await db.Users.AnyAsync(ct) || await db.Set<Facility>().AnyAsync(ct))
        {
            return "Demo data not added: the database is not empty.";
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var facilities = new[]
        {
            Facility("ИВС УП г. Алматы", FacilityType.PoliceHoldingCell, "KZ-75", Agency.Police, "г. Алматы, ул. Масанчи, 57А", false, now, "+77272000101"),
            Facility("СИЗО ЛА-155/18 (Алматы)", FacilityType.PretrialDetention, "KZ-75", Agency.Penitentiary, "г. Алматы, ул. Жансугурова, 8", false, now, "+77272000102"),
            Facility("Центр временной изоляции несовершеннолетних", FacilityType.JuvenileCentre, "KZ-75", Agency.Police, "г. Алматы, мкр. Айгерим-1, 15", true, now, "+77272000103"),
            Facility("Астана қаласы ПД уақытша ұстау изоляторы", FacilityType.PoliceHoldingCell, "KZ-71", Agency.Police, "Астана, Бейбітшілік к-сі, 4", false, now, "+77172000104"),
            Facility("Спецприёмник ДП Карагандинской области", FacilityType.SpecialReception, "KZ-35", Agency.Police, "г. Караганда, ул. Ерубаева, 37", false, now, "+77212000105"),
            Facility("Шымкент қалалық ПД ИВС", FacilityType.PoliceHoldingCell, "KZ-79", Agency.Police, "Шымкент, Тәуке хан даңғылы, 12", false, now, "+77252000106"),
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.AddRange(facilities);
            foreach (var facility in facilities)
            {
                LedgerWriter.Append(db, FacilityLedger.Registered, facility.Id, now, w => FacilityLedger.Content(w, facility));
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var accounts = new (string Email, string Role, string? Region, Guid? Facility, string Name, string Language)[]
        {
            ("admin@demo.aigaq.kz", Roles.Administrator, null, null, "Әкімші", "kk"),
            ("officer@demo.aigaq.kz", Roles.Officer, "KZ-75", null, "Серік Нұрланов", "kk"),
            ("custody@demo.aigaq.kz", Roles.CustodyOfficer, "KZ-75", facilities[0].Id, "Асель Жумабаева", "ru"),
            ("prosecutor@demo.aigaq.kz", Roles.Prosecutor, "KZ-75", null, "Марат Ибраев", "ru"),
            ("special@demo.aigaq.kz", Roles.SpecialProsecutor, "KZ-75", null, "Данияр Сейтказиев", "kk"),
            ("investigator@demo.aigaq.kz", Roles.Investigator, "KZ-75", null, "Руслан Тлеубаев", "ru"),
            ("defender@demo.aigaq.kz", Roles.Defender, null, null, "Гульнара Сатпаева", "ru"),
            ("judge@demo.aigaq.kz", Roles.Reviewer, "KZ-75", null, "Айжан Омарова", "kk"),
            ("analyst@demo.aigaq.kz", Roles.Analyst, null, null, "Analyst", "en"),
            ("protection@demo.aigaq.kz", Roles.ProtectionOfficer, "KZ-75", null, "Жанна Абдрахманова", "kk"),
            ("forensic@demo.aigaq.kz", Roles.ForensicExpert, "KZ-75", null, "Әлия Серікова", "kk"),
        };
        var users = new Dictionary<string, AppUser>();
        var userManager = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var keys = new Dictionary<string, string>();

        // Every demo account has the same password: it is hashed once, as hashing is made to be slow.
        var hash = userManager.PasswordHasher.HashPassword(new AppUser(), Password);
        foreach (var a in accounts)
        {
            users[a.Role] = await UserAccounts.CreateHashedAsync(sp, a.Email, a.Role, a.Region, a.Facility, hash, a.Name, a.Language);

            // Roles that need a second factor get an authenticator already enrolled, with its key printed,
            // so the demo can be signed into at once. The defender is left to enrol at first sign-in,
            // which shows the enrolment page.
            if (Permissions.RequiresSecondFactor(a.Role) && a.Role != Roles.Defender)
            {
                var user = users[a.Role];
                IdentityResults.Check(await userManager.ResetAuthenticatorKeyAsync(user));
                IdentityResults.Check(await userManager.SetTwoFactorEnabledAsync(user, true));
                keys[a.Role] = (await userManager.GetAuthenticatorKeyAsync(user))!;
            }
        }

        // A former officer: moved to Astana, then dismissed; the account page shows both changes and their reasons.
        var former = await UserAccounts.CreateHashedAsync(sp, FormerOfficer, Roles.Officer, "KZ-75", null, hash, "Ерлан Касымов", "ru");
        foreach (var (to, reason) in new[]
        {
            (new UserAccounts.AccountState(Roles.Officer, "KZ-71", null, false), "Приказ ДП г. Алматы № 214 о переводе в г. Астана"),
            (new UserAccounts.AccountState(Roles.Officer, "KZ-71", null, true), "Уволен из органов внутренних дел, приказ ДП г. Астана № 88"),
        })
        {
            var v = new Web.Validation();
            if (await UserAccounts.ChangeAsync(sp, former.Id, users[Roles.Administrator].Id, to, reason, v, ct) is null)
            {
                throw new InvalidOperationException("The demo's account change was refused: " + string.Join("; ", v.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
            }
        }

        // A second administrator, who can approve what the first asks for (and, with an authenticator enrolled, at once).
        var approver = await UserAccounts.CreateHashedAsync(sp, SecondAdministrator, Roles.Administrator, null, null, hash, "Екінші әкімші", "kk");
        IdentityResults.Check(await userManager.ResetAuthenticatorKeyAsync(approver));
        IdentityResults.Check(await userManager.SetTwoFactorEnabledAsync(approver, true));
        var secondKey = (await userManager.GetAuthenticatorKeyAsync(approver))!;

        // A new supervisory prosecutor, asked for by the administrator: the users page shows the request waiting for a
        // second administrator, and the account has no role until one approves it.
        var newcomer = await UserAccounts.CreateHashedAsync(sp, NewProsecutor, UserAccounts.NoRole, "KZ-75", null, hash, "Айгерим Садыкова", "kk");
        var asked = new Web.Validation();
        if (await UserAccounts.RequestAsync(
                sp, newcomer.Id, users[Roles.Administrator].Id, new(Roles.Prosecutor, "KZ-75", null, false),
                "Приказ Генеральной прокуратуры № 311 о назначении", asked, ct) is null)
        {
            throw new InvalidOperationException("The demo's role request was refused: " + string.Join("; ", asked.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
        }

        var officer = Principal(users[Roles.Officer], Roles.Officer);
        var custody = Principal(users[Roles.CustodyOfficer], Roles.CustodyOfficer);
        var rules = sp.GetRequiredService<RulePackCatalog>();
        var shifted = new ShiftedClock(clock);

        async Task<Guid> Register(TimeSpan ago, TimeSpan lateBy, string last, string first, string? patronymic, DateOnly born, Facility to, string place, bool rights, string defenderEmail)
        {
            shifted.Offset = -(ago - lateBy);
            var detainedAt = now - ago;
            var request = new RegisterDetentionRequest(
                new PersonInput(last, first, patronymic, born, null, null, "KZ", "ru"),
                detainedAt,
                new PlaceInput(place, 43.2389, 76.8897),
                to.Region,
                "Департамент полиции г. Алматы",
                [new OfficerInput("1207", "Ержан Абенов"), new OfficerInput("1344", "Дмитрий Ким")],
                new GroundsInput(GroundsKind.Suspicion, "ст. 188 ч. 2 УК РК", "Подозрение в краже"),
                rights ? detainedAt.AddMinutes(5) : null,
                rights ? "ru" : null,
                new DestinationInput(to.Id, "служебный автомобиль", detainedAt.AddMinutes(40)),
                [
                    new ContactInput(ContactRole.Relative, "Айгуль " + last, "+77011234567", "relative." + first.ToLowerInvariant() + "@example.kz", "kk"),
                    new ContactInput(ContactRole.Defender, "Гульнара Сатпаева", null, defenderEmail, "ru"),
                ]);
            var handler = new RegisterDetention(db, rules, sp.GetRequiredService<NumberAllocator>(), new DetentionNotices(db, shifted), sp.GetRequiredService<FacilityDirectory>(), shifted);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var outcome = await handler.HandleAsync(request, officer, ct);
            if (outcome.Problem is not null)
            {
                throw new InvalidOperationException("Demo registration was refused.");
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return outcome.Value!.Id;
        }

        async Task Event(Guid id, TimeSpan ago, Func<DateTimeOffset, CustodyEvent> make)
        {
            shifted.Offset = -ago;
            var sent = make(now - ago);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var outcome = await new RecordCustodyEvent(db, rules, sp.GetServices<ICustodyEventSubscriber>(), shifted).HandleAsync(id, sent, custody, ct);
            if (outcome.Problem is not null)
            {
                throw new InvalidOperationException($"Demo event {sent.Type} was refused.");
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        var defender = users[Roles.Defender].Email!;
        var h = TimeSpan.FromHours(1);
        var m = TimeSpan.FromMinutes(1);

        // Just detained, in transit.
        await Register(20 * m, 1 * m, "Ахметов", "Ерлан", "Бауыржанұлы", new DateOnly(1994, 5, 17), facilities[0], "г. Алматы, пр. Абая, 150", true, defender);

        // Arrived, protocol drawn, night interrogation without a defender.
        var b = await Register(30 * h, 2 * m, "Смагулова", "Дана", "Ерлановна", new DateOnly(1999, 11, 2), facilities[0], "г. Алматы, ул. Толе би, 59", true, defender);
        await Event(b, 29 * h, at => new ArrivedAtFacility { At = at });
        await Event(b, (28 * h) + (30 * m), at => new ProtocolDrawn { At = at, ProtocolNumber = "ПЗ-2026-0412" });
        await Event(b, 26 * h, at => new InvestigativeActionStarted { At = at, Action = "допрос", DefenderPresent = false });
        await Event(b, 25 * h, at => new InvestigativeActionEnded { At = at, DefenderPresent = false });

        // Registered late, rights not explained, injuries found, court deadline near.
        var c = await Register(44 * h, 4 * h, "Петров", "Игорь", "Сергеевич", new DateOnly(1987, 2, 9), facilities[0], "г. Алматы, мкр. Орбита-2, 11", false, defender);
        await Event(c, 39 * h, at => new ArrivedAtFacility { At = at });
        await Event(c, 38 * h, at => new MedicalExamination { At = at, InjuriesFound = true, Examiner = "фельдшер ИВС" });
        await Event(c, 37 * h, at => new IllTreatmentComplaint { At = at, Note = "Жалоба на избиение при задержании" });

        // A minor taken to an adult facility; protocol overdue.
        await Register(6 * h, 10 * m, "Касымов", "Нурсултан", null, DateOnly.FromDateTime(now.UtcDateTime.AddYears(-16)), facilities[0], "г. Алматы, ул. Жибек Жолы, 64", true, defender);

        // Court decision and transfer to the pre-trial centre, then released.
        var e = await Register(70 * h, 3 * m, "Омарова", "Жанар", "Каиртаевна", new DateOnly(1979, 8, 30), facilities[0], "г. Алматы, ул. Сейфуллина, 498", true, defender);
        await Event(e, 69 * h, at => new ArrivedAtFacility { At = at });
        await Event(e, 68 * h, at => new ProtocolDrawn { At = at });
        await Event(e, 40 * h, at => new CourtDecision { At = at, Decision = "санкционирован арест на 2 месяца" });
        await Event(e, 39 * h, at => new Transferred { At = at, FacilityId = facilities[1].Id });
        await Event(e, 2 * h, at => new Released { At = at, Grounds = "мера пресечения изменена судом" });

        // Court deadline exceeded with no decision.
        var f = await Register(52 * h, 5 * m, "Нургалиев", "Айдос", null, new DateOnly(2001, 3, 21), facilities[0], "г. Алматы, ул. Розыбакиева, 247", true, defender);
        await Event(f, 51 * h, at => new ArrivedAtFacility { At = at });
        await Event(f, 50 * h, at => new ProtocolDrawn { At = at });

        // Reports and cases: this year's in Almaty, and the 2023 cohort of every region, entered by
        // that region's supervisory prosecutor (Almaty's is the demo prosecutor).
        var cases = new DemoCases(sp, shifted, now, ct);
        await cases.CurrentAsync(
            new DemoCases.Actors(
                Principal(users[Roles.Prosecutor], Roles.Prosecutor), Principal(users[Roles.SpecialProsecutor], Roles.SpecialProsecutor),
                Principal(users[Roles.Investigator], Roles.Investigator), Principal(users[Roles.Defender], Roles.Defender),
                Principal(users[Roles.Reviewer], Roles.Reviewer)),
            c);
        shifted.Offset = TimeSpan.Zero;
        for (var i = 0; i < DemoCases.Cohort2023.Count; i++)
        {
            var row = DemoCases.Cohort2023[i];
            var prosecutor = row.Region == "KZ-75"
                ? users[Roles.Prosecutor]
                : await UserAccounts.CreateHashedAsync(
                    sp, RegionProsecutor(row.Region), Roles.Prosecutor, row.Region, null, hash,
                    "Надзорный прокурор: " + Regions.Find(row.Region)!.Ru, i % 2 == 0 ? "ru" : "kk");
            await cases.CohortAsync(i, row, Principal(prosecutor, Roles.Prosecutor));
        }

        // Protection: two custodians with keys, the complaining detainee and a witness protected (issue 15).
        shifted.Offset = TimeSpan.Zero;
        var custodian2 = await UserAccounts.CreateHashedAsync(sp, DemoProtection.SecondCustodian, Roles.ProtectionOfficer, "KZ-75", null, hash, "Бекзат Оразов", "ru");
        IdentityResults.Check(await userManager.ResetAuthenticatorKeyAsync(custodian2));
        IdentityResults.Check(await userManager.SetTwoFactorEnabledAsync(custodian2, true));
        var secondCustodianKey = (await userManager.GetAuthenticatorKeyAsync(custodian2))!;
        var protectedShown = await DemoProtection.FillAsync(
            sp, [Principal(users[Roles.ProtectionOfficer], Roles.ProtectionOfficer), Principal(custodian2, Roles.ProtectionOfficer)],
            Principal(users[Roles.Prosecutor], Roles.Prosecutor), c, ct);

        // Istanbul Protocol examinations at every stage (issue 16); the scanner's pass below finds the overdue ones.
        shifted.Offset = TimeSpan.Zero;
        await new DemoExaminations(sp, now, ct).FillAsync(new DemoExaminations.Actors(
            Principal(users[Roles.Investigator], Roles.Investigator), Principal(users[Roles.Prosecutor], Roles.Prosecutor),
            Principal(users[Roles.ForensicExpert], Roles.ForensicExpert)));

        // A year of monitoring visits (issue 17): monitors in three regions, a guardhouse closed to monitoring, access denials,
        // checklist answers, private interviews (a person at risk protected when the custodians above are), recommendations.
        shifted.Offset = TimeSpan.Zero;
        var visitLines = await new DemoVisits(sp, now, hash, ct).FillAsync(protectedShown);

        // The paragraphs of CAT/C/KAZ/CO/4 the coalition graded, the state's grades beside them, indicators from the above (issue 18).
        await new DemoRecommendations(sp, now, ct).FillAsync(Principal(users[Roles.Analyst], Roles.Analyst));

        // Clocks only: whether the demo's messages were delivered is for the running outbox to show.
        await ClockScanner.ScanClocksAsync(db, rules, now, ct);
        await Cases.CaseScanner.ScanReportsAsync(db, now, ct);
        await Cases.CaseScanner.ScanReferralsAsync(db, now, ct);
        await Examinations.ExaminationScanner.ScanAsync(sp.GetRequiredService<IServiceScopeFactory>(), now, ct);
        await Visits.RecommendationScanner.ScanAsync(sp.GetRequiredService<IServiceScopeFactory>(), now, ct);
        await Recommendations.ScanRecommendationReminders.ScanAsync(sp.GetRequiredService<IServiceScopeFactory>(), now, ct);

        var text = new StringBuilder();
        text.AppendLine("Demo data added. Accounts (password for all: " + Password + "):");
        foreach (var a in accounts)
        {
            var second = keys.TryGetValue(a.Role, out var key)
                ? $"  authenticator key {key}"
                : Permissions.RequiresSecondFactor(a.Role) ? "  enrols an authenticator at first sign-in" : "";
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {a.Role,-18} {a.Email}{second}");
        }

        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {Roles.Prosecutor,-18} {RegionProsecutor("KZ-XX")}  one for each other region (its 2023 cases); enrols an authenticator at first sign-in");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {Roles.Administrator,-18} {SecondAdministrator}  authenticator key {secondKey}  (approves what the first asks)");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {"(no role yet)",-18} {NewProsecutor}  its Prosecutor role waits for a second administrator (Users page)");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {Roles.Officer,-18} {FormerOfficer}  moved, then deactivated: cannot sign in (its history is on the administrator's Users page)");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {Roles.ProtectionOfficer,-18} {DemoProtection.SecondCustodian}  authenticator key {secondCustodianKey}  (the second custodian)");
        foreach (var line in visitLines)
        {
            text.AppendLine(line);
        }

        text.AppendLine("Follow-up report on " + DemoRecommendations.Document + " (as the analyst): " + DemoRecommendations.ReportPath
            + "; the coalition's grades are public at /public/recommendations.");
        text.AppendLine(protectedShown
            ? $"Custodians' key passphrase (both protection officers): {DemoProtection.Passphrase}"
            : "Protection is configured without the demo's keys: no protected persons were added.");
        text.AppendLine("Accounts with a key sign in with a second step: add the key to an authenticator app,");
        text.AppendLine("or print the current code with: oathtool --totp -b KEY");

        return text.ToString();
    }

    private static Facility Facility(string name, FacilityType type, string region, Agency agency, string address, bool minors, DateTimeOffset now, string phone) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = name,
        Type = type,
        Region = region,
        Agency = agency,
        Address = address,
        AcceptsMinors = minors,
        CreatedAt = now,
        Phone = phone,
    };

    /// <summary>The e-mail of a region's supervisory prosecutor, such as prosecutor.kz-35@demo.aigaq.kz.</summary>
    public static string RegionProsecutor(string region) => $"prosecutor.{region.ToLowerInvariant()}@demo.aigaq.kz";

    private static ClaimsPrincipal Principal(AppUser user, string role)
    {
        var identity = new ClaimsIdentity("demo", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaims(AigaqClaims.For(user, [role]));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The system clock moved by an offset, so demo records carry the times they would have had.</summary>
    internal sealed class ShiftedClock(TimeProvider inner) : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;
    }
}
