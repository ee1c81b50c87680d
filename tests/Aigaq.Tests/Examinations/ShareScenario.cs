using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;

namespace Aigaq.Tests.Examinations;

/// <summary>A sealed examination, built through the API as its examiner would, for the report and share tests.</summary>
internal sealed record SealedExamination(Guid Id, string Number, TestUser Requester, TestUser Examiner, string FindingId)
{
    public const string Url = "/api/v1/examinations";
    public const string Description = "Кровоподтёк багрово-синюшного цвета овальной формы";
    public const string AmendmentReason = "ошибка при измерении размера";
    public const string Mental = "тревожен, нарушения сна";
    public const string PastHistory = "перелом левой ключицы в 2015 году";

    public string At => $"{Url}/{Id}";

    public static JsonObject Consent(DateTimeOffset at, bool investigators = true, bool court = true, bool defender = false) => new()
    {
        ["at"] = Requests.Instant(at),
        ["items"] = new JsonObject
        {
            ["examination"] = true,
            ["photographs"] = true,
            ["intimatePhotographs"] = false,
            ["shareWithInvestigators"] = investigators,
            ["shareWithCourt"] = court,
            ["shareWithDefender"] = defender,
        },
        ["refusalReason"] = "не желает интимных фотографий",
    };

    /// <summary>Requested, taken, examined with consent (to share with investigators and the court, not a defender), one finding; sealed unless not.</summary>
    public static async Task<SealedExamination> CreateAsync(AigaqHost host, bool seal = true)
    {
        var investigator = await host.UserAsync(Roles.Investigator);
        var expert = await host.UserAsync(Roles.ForensicExpert);
        var created = await (await investigator.Client.PostJsonAsync(Url, new JsonObject
        {
            ["requestedAt"] = Requests.Instant(host.Now.AddMinutes(-30)),
            ["requestedBy"] = new JsonObject { ["kind"] = "investigator" },
            ["person"] = new JsonObject { ["lastName"] = "Ахметов", ["firstName"] = "Данияр", ["birthDate"] = "1990-04-12" },
        })).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        var at = $"{Url}/{id}";
        await (await expert.Client.PostJsonAsync($"{at}/examiner", new JsonObject
        {
            ["name"] = "Жумабекова Айгуль Маратовна",
            ["qualifications"] = "судебно-медицинский эксперт, стаж 12 лет",
            ["employer"] = "forensicCentre",
            ["independenceDeclared"] = true,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/session", new JsonObject
        {
            ["place"] = "Центр судебной экспертизы, г. Алматы",
            ["startedAt"] = Requests.Instant(host.Now.AddMinutes(-20)),
            ["present"] = new JsonArray(new JsonObject { ["name"] = "Жумабекова А. М.", ["affiliation"] = "examiner" }),
            ["policePresent"] = false,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/consent", Consent(host.Now.AddMinutes(-19)))).ExpectAsync(HttpStatusCode.Created);
        var finding = await (await expert.Client.PostJsonAsync($"{at}/findings", new JsonObject
        {
            ["view"] = "front",
            ["bodyRegion"] = "chest",
            ["x"] = 0.5,
            ["y"] = 0.25,
            ["description"] = Description,
            ["consistency"] = "highlyConsistent",
            ["rationale"] = "Форма соответствует ударам дубинкой",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/sections/psychologicalEvaluation", new JsonObject
        {
            ["fields"] = new JsonObject { ["mentalStatus"] = Mental, ["selfInflictionOrSimulationConsidered"] = true },
        })).ExpectAsync(HttpStatusCode.Created);
        await (await expert.Client.PostJsonAsync($"{at}/sections/background", new JsonObject
        {
            ["fields"] = new JsonObject { ["pastMedicalHistory"] = PastHistory },
        })).ExpectAsync(HttpStatusCode.Created);
        var exam = new SealedExamination(id, created.Str("number"), investigator, expert, finding.Str("id"));
        if (seal)
        {
            await exam.SealAsync();
        }

        return exam;
    }

    public async Task SealAsync()
    {
        await (await Examiner.Client.PostJsonAsync($"{At}/seal", new JsonObject
        {
            ["opinion"] = "highlyConsistent",
            ["conclusions"] = "Повреждения могли образоваться при описанных обстоятельствах",
            ["recommendations"] = "Консультация психиатра",
            ["policePresent"] = false,
        })).ExpectAsync(HttpStatusCode.Created);
        await (await Examiner.Client.PostJsonAsync($"{At}/amendments", new JsonObject
        {
            ["reason"] = AmendmentReason,
            ["text"] = "размер 5 x 3 см",
            ["findingId"] = FindingId,
        })).ExpectAsync(HttpStatusCode.Created);
    }

    public JsonObject Share(string role, DateTimeOffset expiresAt, string name = "Сатпаева Гульнара Ериковна") => new()
    {
        ["recipientName"] = name,
        ["recipientRole"] = role,
        ["expiresAt"] = Requests.Instant(expiresAt),
    };
}
