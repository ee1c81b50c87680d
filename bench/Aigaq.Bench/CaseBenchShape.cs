using Aigaq.Cases;
using Aigaq.Facilities;

/// <summary>The shape of the generated register: how regions, agencies, sources and parts are weighted, and the texts drawn from.</summary>
internal static partial class CaseBench
{
    private static readonly (string Code, int Weight)[] RegionWeights =
    [
        ("KZ-71", 8), ("KZ-75", 11), ("KZ-79", 6), ("KZ-10", 3), ("KZ-11", 4), ("KZ-15", 4), ("KZ-19", 8), ("KZ-23", 3),
        ("KZ-27", 3), ("KZ-31", 6), ("KZ-33", 3), ("KZ-35", 6), ("KZ-39", 4), ("KZ-43", 4), ("KZ-47", 4), ("KZ-55", 4),
        ("KZ-59", 3), ("KZ-61", 10), ("KZ-62", 1), ("KZ-63", 5),
    ];

    // Police and penitentiary staff are named in most reports (DOMAIN.md, problem 9).
    private static readonly (Agency Agency, int Weight)[] AgencyWeights =
    [
        (Agency.Police, 640), (Agency.Penitentiary, 230), (Agency.NationalSecurity, 30), (Agency.Prosecutor, 15),
        (Agency.AntiCorruption, 15), (Agency.FinancialMonitoring, 5), (Agency.Military, 25), (Agency.Medical, 15),
        (Agency.Education, 5), (Agency.SocialCare, 10), (Agency.Other, 10),
    ];

    private static readonly (ReportSource Source, int Weight)[] SourceWeights =
    [
        (ReportSource.DetaineeComplaint, 35), (ReportSource.Relative, 15), (ReportSource.Lawyer, 15), (ReportSource.Media, 3),
        (ReportSource.SocialNetwork, 4), (ReportSource.Medical, 8), (ReportSource.MonitoringVisit, 5), (ReportSource.Ombudsman, 6),
        (ReportSource.Anonymous, 4), (ReportSource.Staff, 5),
    ];

    private static readonly (int Part, int Weight)[] PartWeights = [(1, 55), (2, 30), (3, 12), (4, 3)];

    private static readonly string[] LastNames = ["Ахметов", "Серикбаев", "Иванов", "Нурланов", "Жумабаев", "Ким", "Омаров", "Касымов", "Абенов", "Тулегенов"];
    private static readonly string[] FirstNames = ["Айдос", "Ерлан", "Дмитрий", "Нурсултан", "Асхат", "Виктор", "Бауыржан", "Данияр", "Марат", "Олжас"];
    private static readonly string[] Narratives =
    [
        "Заявитель сообщает, что при задержании сотрудники нанесли ему удары по голове и телу, требуя признания в краже.",
        "Со слов матери, сын после доставления в ИВС жаловался на побои и угрозы; на лице видны гематомы.",
        "Осуждённый сообщил членам НПМ, что в карантинном отделении его избивали и держали в наручниках несколько часов.",
        "Адвокат сообщает, что подзащитного допрашивали ночью без защитника, применяли удушение пакетом.",
        "Медицинский работник при поступлении зафиксировал множественные ссадины и перелом ребра, задержанный указал на конвой.",
    ];

    private static readonly string[] RefusalGrounds =
    [
        "Доводы не подтвердились в ходе проверки: телесных повреждений не выявлено (ст. 35 ч. 1 п. 1 УПК).",
        "Отсутствие в деянии состава уголовного правонарушения.",
        "Заявитель отказался от своих доводов; видеозапись не подтверждает применение насилия.",
    ];

    private static readonly string[] DiscontinueGrounds =
    [
        "отсутствие состава уголовного правонарушения",
        "непричастность подозреваемого",
        "истечение сроков досудебного расследования без установления лица",
    ];
}
