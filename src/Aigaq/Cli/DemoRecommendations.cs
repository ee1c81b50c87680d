using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Recommendations;
using Aigaq.Rules;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c>, the paragraphs of CAT/C/KAZ/CO/4 that the coalition graded in its follow-up report (issue 18):
/// each summarised in the project's words in kk, ru and en, the coalition's grade on its scale (10: 2, 11: 1, 21: 1,
/// 24: 2, 28: 2, 44: n/a with its reason, 46: 3, 47: 3) and the state's on the Committee's follow-up words, so that the
/// report shows them side by side, and indicators computed from the demo's register for the years it holds. Everything
/// goes through the area's handlers, as the API would take it; the summaries and the state's grades are illustrations,
/// not the document's text.
/// </summary>
internal sealed class DemoRecommendations(IServiceProvider sp, DateTimeOffset now, CancellationToken ct)
{
    public const string Document = "CAT/C/KAZ/CO/4";

    private static readonly DateOnly Adopted = new(2021, 12, 3);

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

    /// <summary>Registers the paragraphs, the two actors' grades and the indicators, as <paramref name="analyst"/>.</summary>
    public async Task FillAsync(ClaimsPrincipal analyst)
    {
        var year = TimeZoneInfo.ConvertTime(now, sp.GetRequiredService<RulePackCatalog>().At(now).Zone).Year;
        foreach (var p in Paragraphs)
        {
            var id = (await RunAsync(s => s.GetRequiredService<RegisterRecommendation>().HandleAsync(new RegisterRecommendationRequest(
                "CAT", Document, p.Number, null, p.En, Adopted, p.FollowUp, p.FollowUp ? Adopted.AddYears(1) : null, p.Themes,
                ["Генеральная прокуратура", "МВД"], ["detainees"], null, new SummariesInput(p.Kk, p.Ru, p.En)), analyst, ct))).Id;
            if (p.State is { } state)
            {
                await RunAsync(s => s.GetRequiredService<AssessRecommendation>().HandleAsync(
                    id, new AssessRecommendationRequest(AssessmentActor.State, "catFollowUp", state, null, now.AddDays(-120)), analyst, ct));
            }

            await RunAsync(s => s.GetRequiredService<AssessRecommendation>().HandleAsync(
                id, new AssessRecommendationRequest(AssessmentActor.Ngo, "coalition", p.Coalition, p.Reason, now.AddDays(-30)), analyst, ct));
            foreach (var (metric, region, back) in p.Indicators)
            {
                await RunAsync(s => s.GetRequiredService<TrackIndicator>().HandleAsync(
                    id, new TrackIndicatorRequest(metric, region, year - back, year), analyst, ct));
            }
        }
    }

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<Outcome<T>>> command)
        where T : class
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command(scope.ServiceProvider);
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException("A demo recommendation step was refused.");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome.Value!;
    }
}
