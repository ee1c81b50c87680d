using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Cli;

/// <summary>One region's 2023 reports: how many were received, registered, sent to court, convicted and acquitted (the rest sent to court wait for a verdict).</summary>
internal readonly record struct CohortRow(string Region, int Received, int Registered, int Sent, int Convicted, int Acquitted);

/// <summary>
/// The demo's reports and cases, entered through the same handlers as the API with the clock set
/// back to when each thing happened, so every record has its log entry: this year's work in
/// Almaty (reports from every source, waiting, refused and registered; cases at every stage; a
/// requalification waiting in an inbox, accepted hand-overs, an institutional conflict waiting
/// for a decision) and the 2023 cohort in every region, whose funnel shows the attrition of
/// DOMAIN.md: 398 reports of torture reviewed, 18 sent to court.
/// </summary>
internal sealed class DemoCases
{
    /// <summary>The 2023 cohort, region by region; 398 received, 133 registered, 18 sent to court, 13 convicted, 3 acquitted.</summary>
    public static readonly IReadOnlyList<CohortRow> Cohort2023 =
    [
        new("KZ-75", 52, 18, 3, 2, 1),
        new("KZ-71", 38, 13, 2, 2, 0),
        new("KZ-79", 30, 10, 2, 1, 0),
        new("KZ-35", 34, 12, 2, 2, 0),
        new("KZ-10", 14, 4, 0, 0, 0),
        new("KZ-11", 16, 5, 1, 1, 0),
        new("KZ-15", 17, 6, 1, 0, 1),
        new("KZ-19", 22, 7, 1, 1, 0),
        new("KZ-23", 12, 4, 0, 0, 0),
        new("KZ-27", 13, 4, 1, 1, 0),
        new("KZ-31", 19, 6, 1, 1, 0),
        new("KZ-33", 10, 3, 0, 0, 0),
        new("KZ-39", 18, 6, 1, 0, 0),
        new("KZ-43", 12, 4, 0, 0, 0),
        new("KZ-47", 14, 5, 1, 1, 0),
        new("KZ-55", 17, 6, 1, 1, 0),
        new("KZ-59", 11, 3, 0, 0, 0),
        new("KZ-61", 20, 7, 1, 0, 1),
        new("KZ-62", 6, 2, 0, 0, 0),
        new("KZ-63", 23, 8, 0, 0, 0),
    ];

    private static readonly ReportSource[] CohortSources =
    [
        ReportSource.DetaineeComplaint, ReportSource.Lawyer, ReportSource.Relative, ReportSource.Medical, ReportSource.DetaineeComplaint,
        ReportSource.MonitoringVisit, ReportSource.Ombudsman, ReportSource.Lawyer, ReportSource.Media, ReportSource.SocialNetwork,
        ReportSource.Relative, ReportSource.Anonymous, ReportSource.Staff,
    ];

    private static readonly (string Last, string First, string? Patronymic)[] People =
    [
        ("Жакупов", "Ерлан", "Серикович"), ("Сейткали", "Нурлан", null), ("Кенжебеков", "Даурен", "Муратович"),
        ("Иванов", "Алексей", "Викторович"), ("Абдрахманов", "Азамат", "Болатұлы"), ("Ким", "Сергей", "Николаевич"),
        ("Муканов", "Бауыржан", null), ("Сулейменов", "Асхат", "Ержанович"), ("Тимофеев", "Роман", "Игоревич"),
        ("Бекмуратов", "Талгат", "Қайратұлы"), ("Жумабаев", "Арман", null), ("Есенова", "Айгерим", "Бахытқызы"),
        ("Токтаров", "Руслан", "Маратович"), ("Байжанов", "Дамир", null), ("Рахимов", "Ильяс", "Русланович"),
        ("Омарова", "Динара", "Канатовна"), ("Исмаилов", "Айдос", "Нұрланұлы"), ("Шевченко", "Дмитрий", "Олегович"),
    ];

    /// <summary>Narratives as they reach the authorities, in Russian and Kazakh; {0} is the unit.</summary>
    private static readonly string[] Narratives =
    [
        "Задержанный сообщил, что в служебном кабинете ({0}) его избивали и требовали признательных показаний.",
        "Ұсталған адам {0} қызметкерлері мойындату үшін оны ұрып-соққанын, басына пакет кигізгенін хабарлады.",
        "Родственники сообщили, что после допроса ({0}) на теле осуждённого обнаружены множественные кровоподтёки; он заявил о насилии со стороны сотрудников.",
        "Туыстары сотталған адамның денесінде көгерген жерлер табылғанын хабарлады; ол {0} қызметкерлерінің күш қолданғанын айтты.",
        "Адвокат заявил, что подзащитного более суток держали в наручниках и угрожали расправой, чтобы он подписал протокол ({0}).",
        "НПМ мониторингтік сапары кезінде сотталған адам карантин бөлімінде ({0}) жүйелі түрде ұрып-соғылатынын айтты.",
        "В публикации СМИ сообщается о применении электрошокера к задержанному ({0}).",
        "Омбудсменге түскен өтініш: сотталған адамды жазалау мақсатында суық камерада ұзақ уақыт ұстаған ({0}).",
    ];

    private static readonly string[] RefusalGrounds =
    [
        "Сведения о применении насилия не подтверждаются медицинскими документами; заявителю разъяснено право обжалования.",
        "Хабарламада қылмыстық құқық бұзушылық туралы мәліметтер жоқ: ұстау жағдайларына шағым уәкілетті органға жіберілді.",
        "Повторное заявление по фактам, по которым уже начато досудебное расследование.",
        "Өтініш беруші түсініктеме беруден бас тартты, жарақаттар туралы мәліметтер расталмады.",
    ];

    private static readonly string[] DiscontinuanceGrounds =
    [
        "Прекращено за отсутствием состава уголовного правонарушения.",
        "Қылмыстық құқық бұзушылық құрамының болмауына байланысты тоқтатылды.",
        "Прекращено за недоказанностью участия подозреваемого в совершении уголовного правонарушения.",
    ];

    private readonly AigaqDb _db;
    private readonly Demo.ShiftedClock _clock;
    private readonly DateTimeOffset _now;
    private readonly CancellationToken _ct;
    private readonly ReceiveReport _receive;
    private readonly RegisterReport _register;
    private readonly RefuseReport _refuse;
    private readonly RecordCaseStage _stages;
    private readonly RequalifyCase _requalify;
    private readonly DecideConflict _conflict;
    private readonly AcceptReferral _accept;
    private readonly FileComplaint _file;
    private readonly DecideComplaint _decide;
    private readonly FileMotion _fileMotion;
    private readonly DecideMotion _decideMotion;
    private int _erdr;

    public DemoCases(IServiceProvider sp, Demo.ShiftedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        _db = sp.GetRequiredService<AigaqDb>();
        var rules = sp.GetRequiredService<RulePackCatalog>();
        _clock = clock;
        _now = now;
        _ct = ct;
        _receive = new ReceiveReport(_db, rules, sp.GetRequiredService<NumberAllocator>(), sp.GetRequiredService<FacilityDirectory>(), clock, sp.GetServices<IComplainantProtection>());
        _register = new RegisterReport(_db, rules, clock);
        _refuse = new RefuseReport(_db, clock);
        _stages = new RecordCaseStage(_db, rules, clock);
        _requalify = new RequalifyCase(_db, rules, clock);
        _conflict = new DecideConflict(_db, rules, clock);
        _accept = new AcceptReferral(_db, clock);
        _file = new FileComplaint(_db, rules, sp.GetRequiredService<NumberAllocator>(), sp.GetRequiredService<IOptions<ReviewOptions>>(), clock);
        _decide = new DecideComplaint(_db, rules, clock);
        _fileMotion = new FileMotion(_db, rules, clock);
        _decideMotion = new DecideMotion(_db, rules, clock);
    }

    /// <summary>The people who act on this year's reports and cases in Almaty.</summary>
    public sealed record Actors(
        ClaimsPrincipal Prosecutor, ClaimsPrincipal Special, ClaimsPrincipal Investigator, ClaimsPrincipal Defender, ClaimsPrincipal Reviewer);

    /// <summary>
    /// This year's reports and cases in Almaty, relative to now. The custody reports that the demo's
    /// detention made by itself (injuries, a complaint) are decided here too: the injuries are
    /// registered, the complaint is left past its deadline.
    /// </summary>
    public async Task CurrentAsync(Actors a, Guid injuredDetentionId)
    {
        var d = TimeSpan.FromDays(1);
        var h = TimeSpan.FromHours(1);
        const string region = "KZ-75";
        const string police = "УП Бостандыкского района ДП г. Алматы";
        const string ivs = "ИВС УП г. Алматы";
        const string colony = "Учреждение ЛА-155/18";

        // The injuries found in custody: registered as torture, the special prosecutor has a suspect.
        var injuries = await _db.Set<Report>().AsNoTracking()
            .Where(r => r.DetentionId == injuredDetentionId && r.Source == ReportSource.Medical).Select(r => r.Id).SingleAsync(_ct);
        var injuriesCase = await RegisterAsync(a.Prosecutor, injuries, _now - (20 * h), 2);
        await StageAsync(a.Special, injuriesCase, _now - (4 * h), CaseStage.SuspectIdentified, note: "Установлен сотрудник ИВС, проводивший досмотр.");

        // Waiting for a decision, within its deadline.
        await ReceiveAsync(a.Prosecutor, _now - (3 * h), ReportSource.Relative, region,
            "Мать задержанного сообщила, что сын позвонил из отдела полиции и сказал, что его били по ногам дубинкой.",
            Victim("Тулегенов", "Дамир", "Асқарұлы", new DateOnly(2002, 4, 11)), Agency.Police, police);

        // Refused, with grounds. The media report was brought by the defender, who may then challenge its refusal (a
        // complaint names only a report its filer may read).
        var media = await ReceiveAsync(a.Defender, _now - (12 * d), ReportSource.Media, region,
            "Интернет-издание опубликовало рассказ бывшего задержанного о пытках в ИВС в 2025 году.",
            null, Agency.Police, ivs);
        await RefuseAsync(a.Prosecutor, media, _now - (11 * d),
            "Повторное сообщение по фактам, по которым уже начато досудебное расследование (ЕРДР 267500310000041).");
        var post = await ReceiveAsync(a.Prosecutor, _now - (9 * d), ReportSource.SocialNetwork, region,
            "Әлеуметтік желіде полиция бөлімінде ұсталған адамды қорлау туралы бейне жарияланды.",
            null, Agency.Police, police);
        await RefuseAsync(a.Prosecutor, post, _now - (9 * d) + (10 * h),
            "Бейне 2019 жылы Қырғызстанда түсірілген: Қазақстан аумағында құқық бұзушылық туралы мәлімет жоқ.");

        // Both refusals challenged: the media report's challenge waits for the investigating judge; the
        // social network one was upheld, so that report waits for registration again.
        await ComplainAsync(a.Defender, _now - (3 * d), new FileComplaintRequest(
            ComplaintKind.Refusal, null, null, media, null, null, null, null, null,
            "Ранее начатое расследование касается другого эпизода; отказ не проверил новые факты.", ComplainantKind.Defender, _now - (3 * d)));
        var challenge = await ComplainAsync(a.Prosecutor, _now - (8 * d), new FileComplaintRequest(
            ComplaintKind.Refusal, null, null, post, null, null, null, null, null,
            "Жәбірленуші бейнеде өзін таныды: оқиға 2026 жылы Алматыда болған.", ComplainantKind.Victim, _now - (8 * d)));
        await As(_now - (6 * h), () => _decide.HandleAsync(challenge, new DecideComplaintRequest(
            ComplaintOutcome.Upheld, "Отказ основан на непроверенном предположении; личность потерпевшего установлена.", _now - (6 * h)), a.Reviewer, _ct), true, "review decision");

        // Cases at every stage, in the special prosecutor's hands.
        var lawyer = await ReceiveAsync(a.Defender, _now - (75 * d), ReportSource.Lawyer, region,
            "Адвокат: подзащитного в ИВС заставляли стоять ночью у стены и били, требуя признания в разбое.",
            Victim("Нургалиев", "Серик", "Ерланович", new DateOnly(1996, 9, 14)), Agency.Police, ivs);
        var inCourt = await RegisterAsync(a.Prosecutor, lawyer, _now - (75 * d) + (5 * h), 2);
        await StageAsync(a.Special, inCourt, _now - (55 * d), CaseStage.SuspectIdentified);
        await StageAsync(a.Special, inCourt, _now - (10 * d), CaseStage.SentToCourt);
        var motion = await As(_now - (9 * d), () => _fileMotion.HandleAsync(inCourt, new FileMotionRequest(
            "Протокол допроса подозреваемого от 3-го числа, полученный в ИВС ночью без адвоката", MotionGrounds.Torture, MotionParty.Defender, _now - (9 * d), null),
            a.Special, _ct), true, "motion");
        await As(_now - (5 * d), () => _decideMotion.HandleAsync(inCourt, motion.Motion.Id, new DecideMotionRequest(
            MotionOutcome.Granted, MotionDecider.Court, _now - (5 * d), "Показания получены с применением насилия: недопустимое доказательство."), a.Prosecutor, _ct), true, "motion decision");

        var ombudsman = await ReceiveAsync(a.Prosecutor, _now - (200 * d), ReportSource.Ombudsman, region,
            "Уполномоченный по правам человека направил жалобу осуждённого: в колонии его избивали в наказание за жалобы.",
            Victim("Абенов", "Жандос", null, new DateOnly(1989, 1, 23)), Agency.Penitentiary, colony);
        var convicted = await RegisterAsync(a.Prosecutor, ombudsman, _now - (199 * d), 2);
        await StageAsync(a.Special, convicted, _now - (170 * d), CaseStage.SuspectIdentified);
        await StageAsync(a.Special, convicted, _now - (110 * d), CaseStage.SentToCourt);
        await StageAsync(a.Prosecutor, convicted, _now - (50 * d), CaseStage.Verdict, outcome: VerdictOutcome.Convicted,
            note: "Приговор: 7 лет лишения свободы, пожизненный запрет занимать должности в правоохранительных органах.");

        var staff = await ReceiveAsync(a.Prosecutor, _now - (160 * d), ReportSource.Staff, region,
            "Сотрудник учреждения сообщил, что осуждённых в карантинном отделении избивают при приёме.",
            Victim("Ким", "Виталий", "Андреевич", new DateOnly(1993, 6, 2)), Agency.Penitentiary, colony);
        var acquitted = await RegisterAsync(a.Prosecutor, staff, _now - (159 * d), 2);
        await StageAsync(a.Special, acquitted, _now - (140 * d), CaseStage.SuspectIdentified);
        await StageAsync(a.Special, acquitted, _now - (90 * d), CaseStage.SentToCourt);
        await StageAsync(a.Prosecutor, acquitted, _now - (40 * d), CaseStage.Verdict, outcome: VerdictOutcome.Acquitted);

        var anonymous = await ReceiveAsync(a.Prosecutor, _now - (120 * d), ReportSource.Anonymous, region,
            "Аноним хабарлама: тергеу изоляторында ұсталған адамдарды түнде жауапқа алып, ұрып-соғады.",
            null, Agency.Penitentiary, "СИЗО ЛА-155/18", anonymous: true);
        var discontinued = await RegisterAsync(a.Prosecutor, anonymous, _now - (119 * d), 2);
        await StageAsync(a.Special, discontinued, _now - (60 * d), CaseStage.Discontinued, grounds: DiscontinuanceGrounds[1]);

        // An institutional conflict waiting for a decision: internal affairs would investigate penitentiary staff.
        var visit = await ReceiveAsync(a.Prosecutor, _now - (5 * d), ReportSource.MonitoringVisit, region,
            "Во время визита НПМ осуждённые показали следы ударов; по их словам, сотрудники колонии избивали их за отказ выходить на работу.",
            Victim("Рахимов", "Ильяс", "Русланович", new DateOnly(1998, 12, 5)), Agency.Penitentiary, colony);
        await RegisterAsync(a.Prosecutor, visit, _now - (3 * d), 1);

        // A conflict escalated to the special prosecutor, who accepted it; a cooperation agreement is proposed.
        var complaint = await ReceiveAsync(a.Prosecutor, _now - (40 * d), ReportSource.DetaineeComplaint, region,
            "Ұсталған адам прокурорға жазбаша шағым берді: полиция қызметкерлері оны көлікте ұрып-соққан.",
            Victim("Сейткали", "Нурлан", null, new DateOnly(2000, 3, 8)), Agency.Police, police);
        var escalated = await RegisterAsync(a.Prosecutor, complaint, _now - (40 * d) + (6 * h), 1);
        var up = await DecideAsync(a.Prosecutor, escalated, _now - (39 * d), ConflictDecision.Escalate,
            "Органы внутренних дел не могут расследовать действия сотрудников полиции.");
        await AcceptAsync(a.Special, up, _now - (39 * d) + (5 * h));
        await StageAsync(a.Special, escalated, _now - (20 * d), CaseStage.SuspectIdentified);
        await StageAsync(a.Special, escalated, _now - (2 * d), CaseStage.AgreementProposed, kind: AgreementKind.Cooperation);

        // Requalified as torture and accepted by the special prosecutor.
        var hospital = await ReceiveAsync(a.Prosecutor, _now - (50 * d), ReportSource.Medical, region,
            "Приёмное отделение городской больницы: у военнослужащего переломы рёбер, он сообщил об избиении на гауптвахте.",
            Victim("Шевченко", "Дмитрий", "Олегович", new DateOnly(2004, 7, 19)), Agency.Military, "Гарнизонная гауптвахта г. Алматы");
        var requalified = await RegisterAsync(a.Prosecutor, hospital, _now - (50 * d) + (8 * h), 1);
        var toSpecial = await RequalifyAsync(a.Prosecutor, requalified, _now - (45 * d), 2, null,
            "Установлена цель: принуждение к признанию в самовольном оставлении части.");
        await AcceptAsync(a.Special, toSpecial, _now - (44 * d));
        await StageAsync(a.Special, requalified, _now - (20 * d), CaseStage.SuspectIdentified);

        // Requalified as torture; the referral waits in the special prosecutor's inbox past its time.
        var relative = await ReceiveAsync(a.Prosecutor, _now - (30 * d), ReportSource.Relative, region,
            "Сестра пациента психиатрической больницы сообщила, что санитары связывали его и избивали.",
            Victim("Байжанов", "Ерболат", null, new DateOnly(1985, 10, 30)), Agency.Medical, "Центр психического здоровья г. Алматы");
        var waitingCase = await RegisterAsync(a.Prosecutor, relative, _now - (29 * d), 1);
        await RequalifyAsync(a.Prosecutor, waitingCase, _now - (2 * d), 2, null,
            "Побои наносились в наказание за жалобы: признаки пытки (ч. 2).");

        // Requalified from torture to ill-treatment; the referral waits in the investigator's inbox.
        var school = await ReceiveAsync(a.Defender, _now - (25 * d), ReportSource.Lawyer, region,
            "Адвокат несовершеннолетнего: воспитатель специальной школы закрывал его в подвале на сутки.",
            Victim("Есенов", "Алихан", null, new DateOnly(2011, 2, 17)), Agency.Education, "Специальная организация образования г. Алматы");
        var toInternal = await RegisterAsync(a.Prosecutor, school, _now - (25 * d) + (3 * h), 2);
        await RequalifyAsync(a.Prosecutor, toInternal, _now - (6 * h), 1, false,
            "Цель, присущая пытке, не установлена: жестокое обращение (ч. 1).");

        // Internal affairs' own case: the investigator has identified a suspect.
        var careHome = await ReceiveAsync(a.Prosecutor, _now - (60 * d), ReportSource.Relative, region,
            "Қызы медициналық-әлеуметтік мекемеде әкесін байлап ұстағанын және тамақ бермегенін хабарлады.",
            Victim("Муканов", "Қайрат", null, new DateOnly(1948, 5, 1)), Agency.SocialCare, "Медициналық-әлеуметтік мекеме, Алматы қ.");
        var internalCase = await RegisterAsync(a.Prosecutor, careHome, _now - (59 * d), 1);
        await StageAsync(a.Investigator, internalCase, _now - (20 * d), CaseStage.SuspectIdentified);

        // The investigator's inaction complained of; the judge has let it pass its deadline.
        await ComplainAsync(a.Defender, _now - (12 * d), new FileComplaintRequest(
            ComplaintKind.Inaction, internalCase, null, null, null, ComplainedActor.Investigator, null,
            "Судебно-медицинская экспертиза не назначена за три недели", null,
            "Следы связывания исчезают; без экспертизы доказательства будут утрачены.", ComplainantKind.Representative, _now - (12 * d)));
    }

    private async Task<Guid> ComplainAsync(ClaimsPrincipal user, DateTimeOffset at, FileComplaintRequest request) =>
        (await As(at.AddMinutes(15), () => _file.HandleAsync(request, user, _ct), true, "complaint")).Id;

    /// <summary>The 2023 cohort of one region, entered by that region's supervisory prosecutor in a few batches.</summary>
    public async Task CohortAsync(int regionIndex, CohortRow row, ClaimsPrincipal prosecutor)
    {
        var region = Regions.Find(row.Region)!;
        var start = new DateTimeOffset(2023, 1, 4, 9, 0, 0, TimeSpan.FromHours(6));
        await using var tx = await _db.Database.BeginTransactionAsync(_ct);

        var received = new List<(Guid Id, DateTimeOffset At)>();
        for (var i = 0; i < row.Received; i++)
        {
            var at = start.AddDays((i * 350 / row.Received) + (regionIndex % 7)).AddHours((i * 5 + regionIndex) % 9).AddMinutes(i * 17 % 60);
            var (agency, unit) = (i % 10) switch
            {
                < 6 => (Agency.Police, "ДП, " + region.Ru),
                < 9 => (Agency.Penitentiary, "ДУИС, " + region.Ru),
                _ => (Agency.NationalSecurity, "ДКНБ, " + region.Ru),
            };
            var source = CohortSources[(i + regionIndex) % CohortSources.Length];
            var person = People[(i + (regionIndex * 5)) % People.Length];
            var victim = source == ReportSource.Anonymous
                ? null
                : new VictimInput(person.Last, person.First, person.Patronymic, new DateOnly(1975 + (i % 27), 1 + (i % 12), 1 + (i % 28)), null);
            received.Add((await ReceiveAsync(prosecutor, at, source, row.Region, string.Format(CultureInfo.InvariantCulture, Narratives[i % Narratives.Length], unit),
                victim, agency, unit, anonymous: source == ReportSource.Anonymous, save: false), at));
        }

        await _db.SaveChangesAsync(_ct);

        var cases = new List<(Guid Id, DateTimeOffset At)>();
        for (var i = 0; i < received.Count; i++)
        {
            var (id, at) = received[i];
            if (Picked(i, row.Registered, row.Received))
            {
                // Most within the deadline, one in four a day or more late.
                var registeredAt = at.AddHours(i % 4 == 3 ? 26 + (i % 20) : 2 + (i % 18));
                var part = i % 6 == 4 ? 3 : 2;
                cases.Add((await RegisterAsync(prosecutor, id, registeredAt, part, torture: part == 3 ? true : null, save: false), registeredAt));
            }
            else
            {
                await RefuseAsync(prosecutor, id, at.AddHours(6 + (i % 15)), RefusalGrounds[i % RefusalGrounds.Length], save: false);
            }
        }

        await _db.SaveChangesAsync(_ct);

        // Each case's stages, in order; one round of stages per save, since a stage is checked against the saved ones.
        var plans = new List<(Guid Id, List<(CaseStage Stage, DateTimeOffset At, VerdictOutcome? Outcome, string? Grounds)> Steps)>();
        int sent = 0, open = 0;
        for (var g = 0; g < cases.Count; g++)
        {
            var (id, at) = cases[g];
            var steps = new List<(CaseStage, DateTimeOffset, VerdictOutcome?, string?)>();
            if (Picked(g, row.Sent, row.Registered))
            {
                steps.Add((CaseStage.SuspectIdentified, at.AddDays(35 + (g % 30)), null, null));
                steps.Add((CaseStage.SentToCourt, at.AddDays(150 + (g % 60)), null, null));
                if (sent < row.Convicted + row.Acquitted)
                {
                    steps.Add((CaseStage.Verdict, at.AddDays(300 + (g % 90)), sent < row.Convicted ? VerdictOutcome.Convicted : VerdictOutcome.Acquitted, null));
                }

                sent++;
            }
            else
            {
                var grounds = DiscontinuanceGrounds[open % DiscontinuanceGrounds.Length];
                switch (open % 4)
                {
                    case 0 or 1:
                        steps.Add((CaseStage.Discontinued, at.AddDays(90 + (g % 80)), null, grounds));
                        break;
                    case 2:
                        steps.Add((CaseStage.SuspectIdentified, at.AddDays(40 + (g % 30)), null, null));
                        steps.Add((CaseStage.Discontinued, at.AddDays(200 + (g % 60)), null, grounds));
                        break;
                    default:
                        // Still under investigation, some with a suspect identified.
                        if (open % 8 == 3)
                        {
                            steps.Add((CaseStage.SuspectIdentified, at.AddDays(60 + (g % 30)), null, null));
                        }

                        break;
                }

                open++;
            }

            plans.Add((id, steps));
        }

        for (var round = 0; plans.Any(p => p.Steps.Count > round); round++)
        {
            foreach (var (id, steps) in plans.Where(p => p.Steps.Count > round))
            {
                var s = steps[round];
                await StageAsync(prosecutor, id, s.At, s.Stage, outcome: s.Outcome, grounds: s.Grounds, save: false);
            }

            await _db.SaveChangesAsync(_ct);
        }

        await tx.CommitAsync(_ct);
        _db.ChangeTracker.Clear();
    }

    /// <summary>Whether item <paramref name="i"/> of <paramref name="n"/> is one of <paramref name="k"/> spread evenly among them.</summary>
    private static bool Picked(int i, int k, int n) => (i + 1) * k / n != i * k / n;

    private static VictimInput Victim(string last, string first, string? patronymic, DateOnly born) => new(last, first, patronymic, born, null);

    private string Erdr(DateTimeOffset at, string region) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.Year % 100:D2}{region[3..]}0310{++_erdr:D7}");

    /// <summary>Runs a handler as at <paramref name="at"/>, failing the demo if it refuses.</summary>
    private async Task<T> As<T>(DateTimeOffset at, Func<Task<Outcome<T>>> command, bool save, string what)
        where T : class
    {
        _clock.Offset = at - _now;
        var outcome = await command();
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException($"Demo {what} was refused.");
        }

        if (save)
        {
            await using var tx = await _db.Database.BeginTransactionAsync(_ct);
            await _db.SaveChangesAsync(_ct);
            await tx.CommitAsync(_ct);
        }

        return outcome.Value!;
    }

    private async Task<Guid> ReceiveAsync(
        ClaimsPrincipal user, DateTimeOffset receivedAt, ReportSource source, string region, string narrative, VictimInput? victim,
        Agency agency, string unit, bool anonymous = false, bool save = true)
    {
        var request = new ReceiveReportRequest(
            receivedAt, source, narrative, region, victim is null ? [] : [victim], [new AllegedInput(agency, unit, null)],
            null, null, receivedAt.AddDays(-1), null, anonymous);
        var view = await As(receivedAt.AddMinutes(30), () => _receive.HandleAsync(request, user, _ct), save, "report");
        return view.Id;
    }

    private async Task RefuseAsync(ClaimsPrincipal user, Guid report, DateTimeOffset at, string grounds, bool save = true) =>
        await As(at, () => _refuse.HandleAsync(report, new RefuseReportRequest(grounds), user, _ct), save, "refusal");

    private async Task<Guid> RegisterAsync(ClaimsPrincipal user, Guid report, DateTimeOffset at, int part, bool? torture = null, bool save = true)
    {
        var view = await As(
            at.AddMinutes(20),
            () => _register.HandleAsync(report, new RegisterReportRequest(Erdr(at, user.RegionScope()!), at, part, torture, null, null), user, _ct),
            save,
            "registration");
        return view.CaseId;
    }

    private async Task StageAsync(
        ClaimsPrincipal user, Guid caseId, DateTimeOffset at, CaseStage stage, VerdictOutcome? outcome = null, string? grounds = null,
        AgreementKind? kind = null, string? note = null, bool save = true) =>
        await As(at.AddMinutes(30), () => _stages.HandleAsync(caseId, new RecordStageRequest(stage, at, kind, outcome, null, grounds, note), user, _ct), save, $"stage {stage}");

    private async Task<Guid?> RequalifyAsync(ClaimsPrincipal user, Guid caseId, DateTimeOffset at, int part, bool? torture, string reason)
    {
        var view = await As(at, () => _requalify.HandleAsync(caseId, new RequalifyCaseRequest(part, reason, torture, null), user, _ct), true, "requalification");
        return view.Referral?.Id;
    }

    private async Task<Guid?> DecideAsync(ClaimsPrincipal user, Guid caseId, DateTimeOffset at, ConflictDecision decision, string reason)
    {
        var view = await As(at, () => _conflict.HandleAsync(caseId, new DecideConflictRequest(decision, reason), user, _ct), true, "conflict decision");
        return view.Referral?.Id;
    }

    private async Task AcceptAsync(ClaimsPrincipal user, Guid? referral, DateTimeOffset at) =>
        await As(at, () => _accept.HandleAsync(referral ?? throw new InvalidOperationException("Demo referral missing."), user, _ct), true, "acceptance");
}
