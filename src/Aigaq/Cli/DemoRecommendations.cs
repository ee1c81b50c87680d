using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Aigaq.Data;
using Aigaq.Recommendations;
using Aigaq.Rules;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c>, the paragraphs of CAT/C/KAZ/CO/4 that the coalition graded in its follow-up report (issue 18):
/// each summarised in the project's words in kk, ru and en, the coalition's grade on its scale (10: 2, 11: 1, 21: 1,
/// 24: 2, 28: 2, 44: n/a with its reason, 46: 3, 47: 3) and the state's on the Committee's follow-up words, so that the
/// report shows them side by side, indicators computed from the demo's register for the years it holds, and the state's
/// measures with their lead institutions, target dates and status history over the past year (one with an order as its
/// evidence, one past its target and still running, so that <c>MeasureOverdue</c> is raised). Everything goes through the
/// area's handlers, as the API would take it, with the clock set back to when each thing was entered; the summaries, the
/// state's grades and the measures are illustrations, not the document's or the state's text. The demo server publishes
/// the coalition's grades (<see cref="Configure"/>).
/// </summary>
internal sealed class DemoRecommendations(IServiceProvider sp, DateTimeOffset now, CancellationToken ct)
{
    public const string Document = "CAT/C/KAZ/CO/4";

    /// <summary>The demo's public opt-in: the coalition's grades on /public/recommendations (ADR 0032, second addendum).</summary>
    public static readonly IReadOnlyDictionary<string, string?> PublicSettings = new Dictionary<string, string?>
    {
        ["Aigaq:Recommendations:PublicActors:0"] = "ngo",
    };

    /// <summary>The follow-up report the demo prints for the analyst to open.</summary>
    public const string ReportPath = "/api/v1/recommendations/report?document=CAT/C/KAZ/CO/4&actor=ngo&lang=ru&format=pdf";

    /// <summary>With <c>--demo</c> and no public actor configured, the coalition's grades are published, as it agreed.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Aigaq:Recommendations:PublicActors").GetChildren().Any())
        {
            return;
        }

        builder.Configuration.AddInMemoryCollection(PublicSettings);
    }

    /// <summary>The evidence of the video-recording measure: a plain-text extract, as an analyst would upload it.</summary>
    public static readonly byte[] OrderExtract = Encoding.UTF8.GetBytes(
        "Выписка из приказа Генерального прокурора о видеофиксации доставления задержанных в ИВС (демонстрационный документ Aigaq).\n");

    private static readonly DateOnly Adopted = new(2021, 12, 3);

    /// <summary>A state measure: its paragraph, title, lead and supporting institutions, target (days from now), and statuses by days ago (the first when entered).</summary>
    private sealed record MeasureData(
        int Paragraph, string Title, string Lead, string[] Supporting, int TargetInDays, (MeasureStatus Status, int DaysAgo, string? Note)[] History,
        bool Evidence = false);

    private static readonly MeasureData[] StateMeasures =
    [
        new(10, "Видеофиксация доставления в ИВС и автоматическая запись времени фактического задержания", "Генеральная прокуратура", ["МВД"],
            -160,
            [(MeasureStatus.Planned, 320, null), (MeasureStatus.InProgress, 240, "Камеры установлены в ИВС Алматы и Астаны.")], Evidence: true),
        new(10, "Разъяснение права на защитника с момента задержания в памятке задержанному", "МВД", [], -250,
            [(MeasureStatus.Planned, 310, null), (MeasureStatus.Completed, 200, "Памятка утверждена и напечатана на казахском и русском языках.")]),
        new(11, "Расследование дел о пытках специальными прокурорами", "Генеральная прокуратура", [], -400,
            [(MeasureStatus.Completed, 330, "С 1 января 2023 года дела о пытках расследуют специальные прокуроры.")]),
        new(21, "Кабинеты судебно-медицинского освидетельствования по Стамбульскому протоколу в областных центрах", "Министерство здравоохранения",
            ["Центр судебных экспертиз Министерства юстиции"], 200,
            [(MeasureStatus.Planned, 300, null), (MeasureStatus.InProgress, 150, "Открыты кабинеты в Алматы и Шымкенте.")]),
        new(24, "Доступ национального превентивного механизма на гауптвахты", "Министерство обороны", ["Уполномоченный по правам человека"],
            -250,
            [(MeasureStatus.Planned, 290, null), (MeasureStatus.Abandoned, 100, "Министерство обороны отказало: гауптвахты отнесены к режимным объектам.")]),
        new(28, "Порядок защиты заявителей о пытках и их родственников от давления", "Генеральная прокуратура", ["МВД"], 380,
            [(MeasureStatus.Planned, 120, null)]),
        new(46, "Публикация статистики по статье 146 УК на портале правовой статистики", "Комитет по правовой статистике Генеральной прокуратуры", [],
            -200,
            [(MeasureStatus.Planned, 330, null), (MeasureStatus.InProgress, 280, null), (MeasureStatus.Completed, 210, "Данные публикуются ежеквартально.")]),
        new(47, "Обучение полицейских, следователей и медиков Стамбульскому протоколу", "Министерство здравоохранения", ["Академия МВД", "Генеральная прокуратура"],
            90,
            [(MeasureStatus.Planned, 310, null), (MeasureStatus.InProgress, 250, "Обучено 420 человек в пяти регионах.")]),
    ];

    private sealed record Paragraph(
        int Number, string En, string Kk, string Ru, bool FollowUp, string Coalition, string? Reason, string? State, string[] Themes,
        (string Metric, string? Region, int YearsBack)[] Indicators);

    private static readonly Paragraph[] Paragraphs =
    [
        new(10, "Register every detention from the moment of actual apprehension and give access to a lawyer from that moment.",
            "Әр ұстауды нақты ұсталған сәттен бастап тіркеу және сол сәттен қорғаушыға қол жеткізуді қамтамасыз ету.",
            "Регистрировать каждое задержание с момента фактического задержания и обеспечивать доступ к защитнику с этого момента.",
            true, "2", "Регистрация с момента задержания закреплена, но поздняя регистрация сохраняется.", "substantiveSteps", ["custody-safeguards"],
            [("lateRegistrationShare", "KZ-75", 1), ("withoutDefenderShare", "KZ-75", 1)]),
        new(11, "Have every torture report registered at once and investigated by a body independent of the police.",
            "Азаптау туралы әр хабарламаны дереу тіркеп, полицияға тәуелсіз орган тергеуі тиіс.",
            "Каждое сообщение о пытках регистрировать сразу и расследовать органом, независимым от полиции.",
            false, "1", "Дела по-прежнему редко доходят до суда.", "implemented", ["investigation"],
            [("reportsRegisteredOnTime", null, 3), ("courtShare", null, 3)]),
        new(21, "Examine every person who alleges torture promptly under the Istanbul Protocol.",
            "Азаптауды айтқан әр адамды Стамбул хаттамасы бойынша дереу тексеру.",
            "Безотлагательно освидетельствовать по Стамбульскому протоколу каждого, кто заявляет о пытках.",
            false, "1", null, "substantiveSteps", ["medical-evidence"],
            [("examinationsInTortureCases", null, 1)]),
        new(24, "Give the national preventive mechanism unannounced access to all places of detention, military ones included.",
            "Ұлттық алдын алу тетігіне барлық бас бостандығынан айыру орындарына, әскери орындарды қоса, алдын ала хабарламай кіруге рұқсат беру.",
            "Обеспечить национальному превентивному механизму доступ без предупреждения во все места лишения свободы, включая военные.",
            true, "2", "Гауптвахты закрыты для НПМ.", "implemented", ["monitoring"],
            [("accessDenials", "KZ-75", 1), ("visitsPerFacility", "KZ-75", 1)]),
        new(28, "Protect complainants and witnesses against reprisals.",
            "Шағым берушілер мен куәларды қудалаудан қорғау.",
            "Защищать заявителей и свидетелей от преследования.",
            true, "2", null, "initialSteps", ["reprisals"],
            [("reprisalsReported", null, 1)]),
        new(44, "Consider accepting the Committee's competence to receive individual communications.",
            "Комитеттің жеке өтініштерді қабылдау құзыретін мойындау мүмкіндігін қарастыру.",
            "Рассмотреть возможность признания компетенции Комитета принимать индивидуальные сообщения.",
            false, "na", "Вопрос договорной практики государства; коалиция его не отслеживала.", null, ["treaties"], []),
        new(46, "Collect and publish data on torture reports, investigations, prosecutions and convictions.",
            "Азаптау туралы хабарламалар, тергеулер, қудалаулар және үкімдер туралы деректерді жинап, жариялау.",
            "Собирать и публиковать данные о сообщениях о пытках, расследованиях, преследованиях и приговорах.",
            false, "3", null, "implemented", ["data"],
            [("tortureReportsReceived", null, 3)]),
        new(47, "Train police, investigators and medical staff in the Istanbul Protocol.",
            "Полиция, тергеушілер мен медицина қызметкерлерін Стамбул хаттамасына оқыту.",
            "Обучать полицию, следователей и медицинский персонал Стамбульскому протоколу.",
            false, "3", null, "substantiveSteps", ["training"], []),
    ];

    /// <summary>Registers the paragraphs, the measures, the two actors' grades and the indicators, as <paramref name="analyst"/>.</summary>
    public async Task FillAsync(ClaimsPrincipal analyst)
    {
        var local = TimeZoneInfo.ConvertTime(now, sp.GetRequiredService<RulePackCatalog>().At(now).Zone);
        var (year, today) = (local.Year, DateOnly.FromDateTime(local.DateTime));
        var day = TimeSpan.FromDays(1);
        foreach (var p in Paragraphs)
        {
            // Entered by the analyst before the measures, which the past year's history follows.
            var id = (await RunAsync(now - (340 * day), s => s.GetRequiredService<RegisterRecommendation>().HandleAsync(new RegisterRecommendationRequest(
                "CAT", Document, p.Number, null, p.En, Adopted, p.FollowUp, p.FollowUp ? Adopted.AddYears(1) : null, p.Themes,
                ["Генеральная прокуратура", "МВД"], ["detainees"], null, new SummariesInput(p.Kk, p.Ru, p.En)), analyst, ct))).Id;
            foreach (var m in StateMeasures.Where(m => m.Paragraph == p.Number))
            {
                var (first, entered, _) = m.History[0];
                var added = await RunAsync(now - (entered * day), s => s.GetRequiredService<AddMeasure>().HandleAsync(
                    id, new AddMeasureRequest(m.Title, m.Lead, m.Supporting, today.AddDays(m.TargetInDays), first), analyst, ct));
                foreach (var (status, ago, note) in m.History.Skip(1))
                {
                    var at = now - (ago * day);
                    await RunAsync(at.AddHours(1), s => s.GetRequiredService<ChangeMeasureStatus>().HandleAsync(
                        id, added.Id, new ChangeMeasureStatusRequest(status, note, at), analyst, ct));
                }

                if (m.Evidence)
                {
                    await EvidenceAsync(id, added.Id, now - ((m.History[^1].DaysAgo - 1) * day), analyst);
                }
            }

            if (p.State is { } state)
            {
                await RunAsync(now, s => s.GetRequiredService<AssessRecommendation>().HandleAsync(
                    id, new AssessRecommendationRequest(AssessmentActor.State, "catFollowUp", state, null, now.AddDays(-120)), analyst, ct));
            }

            await RunAsync(now, s => s.GetRequiredService<AssessRecommendation>().HandleAsync(
                id, new AssessRecommendationRequest(AssessmentActor.Ngo, "coalition", p.Coalition, p.Reason, now.AddDays(-30)), analyst, ct));
            foreach (var (metric, region, back) in p.Indicators)
            {
                await RunAsync(now, s => s.GetRequiredService<TrackIndicator>().HandleAsync(
                    id, new TrackIndicatorRequest(metric, region, year - back, year), analyst, ct));
            }
        }
    }

    /// <summary>Uploads <see cref="OrderExtract"/> as the API does: the file stored by its SHA-256 first, then the row and its log entry.</summary>
    private async Task EvidenceAsync(Guid id, Guid measureId, DateTimeOffset at, ClaimsPrincipal analyst)
    {
        var upload = new EvidenceUpload(OrderExtract, Convert.ToHexStringLower(SHA256.HashData(OrderExtract)), "text/plain", "prikaz-videofiksaciya.txt");
        await using var scope = sp.CreateAsyncScope();
        var (problem, _) = await scope.ServiceProvider.GetRequiredService<AddMeasureEvidence>().StoreAsync(upload, ct);
        if (problem is not null)
        {
            throw new InvalidOperationException("The demo's evidence file could not be stored.");
        }

        await RunAsync(at, s => s.GetRequiredService<AddMeasureEvidence>().HandleAsync(id, measureId, upload, analyst, ct));
    }

    /// <summary>Runs a recommendations handler with the clock at <paramref name="at"/>, in its own transaction, as the API would.</summary>
    private async Task<T> RunAsync<T>(DateTimeOffset at, Func<IServiceProvider, Task<Outcome<T>>> command)
        where T : class
    {
        var clock = new Demo.ShiftedClock(sp.GetRequiredService<TimeProvider>()) { Offset = at - now };
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command(new ClockedServices(scope.ServiceProvider, clock));
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException("A demo recommendation step was refused.");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome.Value!;
    }

    /// <summary>The scope's services, each recommendations handler made with the shifted clock instead of the system's.</summary>
    private sealed class ClockedServices(IServiceProvider inner, TimeProvider clock) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType.Namespace is { } area && area.StartsWith(typeof(RegisterRecommendation).Namespace!, StringComparison.Ordinal) && serviceType.IsClass
                ? ActivatorUtilities.CreateInstance(inner, serviceType, clock)
                : inner.GetService(serviceType);
    }
}
