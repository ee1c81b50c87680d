namespace Aigaq.BrowserTests;

/// <summary>
/// What a reader sees in each language. Written out here, not read from the resources, so that a
/// missing or English-only translation fails a test.
/// </summary>
public static class Text
{
    public static TheoryData<string> Cultures => new() { "kk", "ru", "en" };

    private static readonly Dictionary<string, Dictionary<string, string>> ByCulture = new(StringComparer.Ordinal)
    {
        ["kk"] = new(StringComparer.Ordinal)
        {
            ["register"] = "Ұстауды тіркеу",
            ["required"] = "міндетті",
            ["notRegistered"] = "Ұстау тіркелмеді",
            ["detention"] = "Ұстау",
            ["timeline"] = "Хронология",
            ["clocks"] = "Ұстау мерзімдері",
            ["notifications"] = "Хабарламалар",
            ["arrived"] = "Мекемеге жеткізілді",
            ["protocol"] = "Ұстау хаттамасы жасалды",
            ["medical"] = "Медициналық тексеру",
            ["done"] = "Орындалды",
            ["injuries"] = "Дене жарақаттары тіркелді",
            ["statuses"] = "Күтуде|Жіберілді|Жеткізілмеді",
            ["dashboard"] = "Прокурор тақтасы",
            ["rightsAlert"] = "Құқықтар түсіндірілмеген",
            ["acknowledged"] = "Дабыл қабылданды.",
            ["witnessed"] = "журналға",
            ["notWitnessed"] = "куәгер әлі растаған жоқ",
            ["lookup"] = "Ұсталған адамды табу",
            ["held"] = "Иә, бұл адам ұсталған.",
            ["notHeld"] = "Мұндай деректері бар адам ұсталмаған.",
            ["tooMany"] = "Сұраулар тым көп",
            ["wrongPassword"] = "E-mail немесе құпиясөз қате.",
            ["twoStep"] = "Екі кезеңді кіру",
            ["receiptCheck"] = "Журнал түбіртегін тексеру",
            ["receiptLabel"] = "Түбіртек",
            ["receiptValid"] = "Түбіртек жарамды.",
            ["receiptInvalid"] = "Түбіртек жарамсыз.",
            ["receiptBadInclusion"] = "Дәлел жазбадан қол қойылған бақылау нүктесіне жеткізбейді: түбіртек өзгертілген.",
        },
        ["ru"] = new(StringComparer.Ordinal)
        {
            ["register"] = "Зарегистрировать задержание",
            ["required"] = "обязательно",
            ["notRegistered"] = "Задержание не зарегистрировано",
            ["detention"] = "Задержание",
            ["timeline"] = "Хронология",
            ["clocks"] = "Сроки содержания",
            ["notifications"] = "Уведомления",
            ["arrived"] = "Доставлен в учреждение",
            ["protocol"] = "Составлен протокол задержания",
            ["medical"] = "Медицинский осмотр",
            ["done"] = "Выполнено",
            ["injuries"] = "Зафиксированы телесные повреждения",
            ["statuses"] = "Ожидает|Отправлено|Не доставлено",
            ["dashboard"] = "Панель прокурора",
            ["rightsAlert"] = "Права не разъяснены",
            ["acknowledged"] = "Оповещение принято к сведению.",
            ["witnessed"] = "внесена в журнал не позднее",
            ["notWitnessed"] = "ещё не заверена свидетелем",
            ["lookup"] = "Найти задержанного",
            ["held"] = "Да, этот человек содержится.",
            ["notHeld"] = "Человек с такими данными не содержится.",
            ["tooMany"] = "Слишком много запросов",
            ["wrongPassword"] = "Неверный e-mail или пароль.",
            ["twoStep"] = "Двухэтапный вход",
            ["receiptCheck"] = "Проверка квитанции журнала",
            ["receiptLabel"] = "Квитанция",
            ["receiptValid"] = "Квитанция действительна.",
            ["receiptInvalid"] = "Квитанция недействительна.",
            ["receiptBadInclusion"] = "Доказательство не ведёт от записи к подписанной контрольной точке: квитанция изменена.",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["register"] = "Register a detention",
            ["required"] = "is required",
            ["notRegistered"] = "The detention was not registered",
            ["detention"] = "Detention",
            ["timeline"] = "Timeline",
            ["clocks"] = "Custody clocks",
            ["notifications"] = "Notifications",
            ["arrived"] = "Arrived at the facility",
            ["protocol"] = "Detention protocol drawn up",
            ["medical"] = "Medical examination",
            ["done"] = "Done",
            ["injuries"] = "Injuries recorded",
            ["statuses"] = "Pending|Sent|Failed",
            ["dashboard"] = "Prosecutor's dashboard",
            ["rightsAlert"] = "Rights not explained",
            ["acknowledged"] = "The alert was acknowledged.",
            ["witnessed"] = "in the log no later than",
            ["notWitnessed"] = "not yet cosigned by a witness",
            ["lookup"] = "Find a detained person",
            ["held"] = "Yes, this person is held.",
            ["notHeld"] = "No one with these details is held.",
            ["tooMany"] = "Too many lookups",
            ["wrongPassword"] = "The e-mail or password is wrong.",
            ["twoStep"] = "Two-step sign-in",
            ["receiptCheck"] = "Check a log receipt",
            ["receiptLabel"] = "Receipt",
            ["receiptValid"] = "The receipt is valid.",
            ["receiptInvalid"] = "The receipt is not valid.",
            ["receiptBadInclusion"] = "The proof does not lead from the entry to the signed checkpoint: the receipt was changed.",
        },
    };

    public static string Of(string culture, string key) => ByCulture[culture][key];
}
