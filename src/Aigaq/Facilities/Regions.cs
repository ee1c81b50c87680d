namespace Aigaq.Facilities;

/// <summary>A region of Kazakhstan (ISO 3166-2:KZ) with its names in the three interface languages.</summary>
public sealed record Region(string Code, string Kk, string Ru, string En)
{
    public string Name(string language) => language switch
    {
        "kk" => Kk,
        "ru" => Ru,
        _ => En,
    };
}

/// <summary>Reference data: the 17 regions and 3 cities of republican status.</summary>
public static class Regions
{
    public static readonly IReadOnlyList<Region> All =
    [
        new("KZ-71", "Астана", "Астана", "Astana"),
        new("KZ-75", "Алматы", "Алматы", "Almaty"),
        new("KZ-79", "Шымкент", "Шымкент", "Shymkent"),
        new("KZ-10", "Абай облысы", "Абайская область", "Abai Region"),
        new("KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
        new("KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
        new("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region"),
        new("KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region"),
        new("KZ-27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
        new("KZ-31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
        new("KZ-33", "Жетісу облысы", "Жетысуская область", "Zhetysu Region"),
        new("KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
        new("KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
        new("KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
        new("KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
        new("KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
        new("KZ-59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
        new("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
        new("KZ-62", "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
        new("KZ-63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    ];

    private static readonly Dictionary<string, Region> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Region? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var r) ? r : null;
}
