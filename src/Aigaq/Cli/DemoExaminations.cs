using System.Security.Claims;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Examinations;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c>, Istanbul Protocol examinations at every stage in Almaty (issue 16), each step through the area's
/// handlers so that the log and its audit hold: a request past its due time (the scanner's pass raises
/// ExaminationOverdue), one with its examiner, one whose session police attended, one whose consent refuses
/// photographs, one with findings on several views at different levels, one sealed with an opinion, and one sealed and
/// then amended. The custody complaint of the demo's injured detainee has already requested one by itself.
/// </summary>
internal sealed class DemoExaminations(IServiceProvider sp, DateTimeOffset now, CancellationToken ct)
{
    private readonly AigaqDb _db = sp.GetRequiredService<AigaqDb>();

    /// <summary>Who asks and who examines: an investigator, the supervising prosecutor, and the demo's forensic expert.</summary>
    public sealed record Actors(ClaimsPrincipal Investigator, ClaimsPrincipal Prosecutor, ClaimsPrincipal Expert);

    private enum Stage
    {
        Requested,
        Assigned,
        Session,
        Consent,
        Findings,
        Sealed,
        Amended,
    }

    public async Task FillAsync(Actors actors)
    {
        var h = TimeSpan.FromHours(1);
        await ExamineAsync(actors.Investigator, actors.Expert, "Бекова", "Алия", "Маратовна", new DateOnly(1996, 4, 3), now - (30 * h), Stage.Requested);
        await ExamineAsync(actors.Prosecutor, actors.Expert, "Жаксылыков", "Тимур", null, new DateOnly(1990, 1, 15), now - (3 * h), Stage.Assigned);
        await ExamineAsync(actors.Investigator, actors.Expert, "Ли", "Виктор", "Андреевич", new DateOnly(1985, 7, 22), now - (20 * h), Stage.Session, police: true);
        await ExamineAsync(actors.Prosecutor, actors.Expert, "Сериков", "Нурлан", null, new DateOnly(2000, 12, 1), now - (18 * h), Stage.Consent);
        await ExamineAsync(actors.Investigator, actors.Expert, "Абдуллаев", "Рустам", "Ильхамович", new DateOnly(1993, 9, 9), now - (40 * h), Stage.Findings);
        await ExamineAsync(actors.Prosecutor, actors.Expert, "Каримова", "Дина", null, new DateOnly(1988, 3, 30), now - (60 * h), Stage.Sealed);
        await ExamineAsync(actors.Investigator, actors.Expert, "Оспанов", "Ерболат", "Кайратович", new DateOnly(1979, 11, 11), now - (90 * h), Stage.Amended);
    }

    private async Task ExamineAsync(
        ClaimsPrincipal requester, ClaimsPrincipal expert, string last, string first, string? patronymic, DateOnly born, DateTimeOffset requestedAt, Stage stage,
        bool police = false)
    {
        var kind = requester.IsInRole(Access.Roles.Investigator) ? "investigator" : "prosecutor";
        var created = await RunAsync(() => sp.GetRequiredService<RequestExamination>().HandleAsync(new RequestExaminationRequest(
            requestedAt, new RequesterInput(kind, kind == "investigator" ? "Постановление о назначении экспертизы № 75-1146" : "Письмо прокуратуры г. Алматы № 2-14/806"),
            new PersonInput(last, first, patronymic, born, null, null, null, null), null, null, null), requester, ct));
        var id = created.Id;
        if (stage == Stage.Requested)
        {
            return;
        }

        await RunAsync(() => sp.GetRequiredService<AssignExaminer>().HandleAsync(id, new AssignExaminerRequest(
            "Әлия Серікова", "Судебно-медицинский эксперт высшей категории, стаж 14 лет; обучение по Стамбульскому протоколу (2023)", "forensicCentre", true),
            expert, ct));
        if (stage == Stage.Assigned)
        {
            return;
        }

        var started = requestedAt.AddHours(2);
        await RunAsync(() => sp.GetRequiredService<RecordSession>().HandleAsync(id, new RecordSessionRequest(
            "Центр судебных экспертиз г. Алматы, кабинет 12", started, started.AddMinutes(75), null,
            police
                ? [new PresentInput("Әлия Серікова", "эксперт"), new PresentInput(first + " " + last, "освидетельствуемый"), new PresentInput("Конвойный полиции", "полиция")]
                : [new PresentInput("Әлия Серікова", "эксперт"), new PresentInput(first + " " + last, "освидетельствуемый"), new PresentInput("Гульнара Сатпаева", "защитник")],
            police, police ? false : null, police ? "Конвой отказался выйти из кабинета; наручники не сняты." : null), expert, ct));
        if (stage == Stage.Session)
        {
            return;
        }

        // Every consent item stated; photographs refused at the first examination that asks them.
        var refusePhotos = stage == Stage.Consent;
        var items = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["examination"] = true,
            ["photographs"] = !refusePhotos,
            ["intimatePhotographs"] = false,
            ["shareWithInvestigators"] = true,
            ["shareWithCourt"] = true,
            ["shareWithDefender"] = true,
            ["proxyForMinor"] = false,
        };
        await RunAsync(() => sp.GetRequiredService<RecordConsent>().HandleAsync(id, new RecordConsentRequest(
            started.AddMinutes(5), items, refusePhotos ? "Не согласен на фотосъёмку: опасается, что снимки увидят сотрудники ИВС." : "Интимная съёмка не требуется."),
            expert, ct));
        if (stage == Stage.Consent)
        {
            return;
        }

        await RunAsync(() => sp.GetRequiredService<RecordSection>().HandleAsync(id, "allegations", new RecordSectionRequest(new Dictionary<string, JsonElement>
        {
            ["summary"] = JsonSerializer.SerializeToElement("Со слов освидетельствуемого, при задержании и в ИВС его били руками, ногами и дубинкой, требуя признания."),
            ["methods"] = JsonSerializer.SerializeToElement("Удары кулаками и ногами, удары дубинкой по стопам (фаланга), наручники за спиной."),
            ["dates"] = JsonSerializer.SerializeToElement(requestedAt.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        }), expert, ct));
        var findings = new List<Guid>();
        foreach (var (view, region, x, y, description, level, size) in new[]
        {
            ("front", "chest", 0.45, 0.24, "Кровоподтёк багрово-синюшный овальной формы", "highlyConsistent", "6 × 4 см"),
            ("back", "upperBack", 0.55, 0.3, "Две параллельные полосовидные ссадины", "typicalOf", "12 × 1,5 см"),
            ("right", "forearm", 0.5, 0.45, "Циркулярные ссадины на запястье", "consistent", "по окружности, ширина 0,8 см"),
            ("bottom", "leftSole", 0.3, 0.5, "Отёк и болезненность подошвы", "highlyConsistent", (string?)null),
        })
        {
            var finding = await RunAsync(() => sp.GetRequiredService<RecordFinding>().HandleAsync(id, new RecordFindingRequest(
                region, view, x, y, description, level, "Давность и характер соответствуют описанным событиям.", size), expert, ct));
            findings.Add(finding.Id);
        }

        // Photographs of the first findings, before the seal (the examination in progress, the sealed and the amended one).
        await DemoExaminationPhotos.AddAsync(sp, id, findings.Take(2).ToList(), expert, RunAsync, ct);

        if (stage == Stage.Findings)
        {
            return;
        }

        await RunAsync(() => sp.GetRequiredService<SealExamination>().HandleAsync(id, new SealExaminationRequest(
            "highlyConsistent",
            "Выявленные повреждения в совокупности в высокой степени соответствуют заявлению о применении насилия при задержании.",
            "Консультация травматолога; рентгенография стоп; психологическое обследование.", false), expert, ct));
        if (stage == Stage.Sealed)
        {
            return;
        }

        await RunAsync(() => sp.GetRequiredService<AmendExamination>().HandleAsync(id, new AmendExaminationRequest(
            "Получены результаты рентгенографии после запечатывания.",
            "Рентгенография левой стопы: перелом второй плюсневой кости, что согласуется с ударами по стопам.", findings[^1]), expert, ct));
    }

    private async Task<T> RunAsync<T>(Func<Task<Outcome<T>>> command)
        where T : class
    {
        await using var tx = await _db.Database.BeginTransactionAsync(ct);
        var outcome = await command();
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException("A demo examination step was refused.");
        }

        await _db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        _db.ChangeTracker.Clear();
        return outcome.Value!;
    }
}
