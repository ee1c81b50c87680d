using Aigaq.Detentions;

namespace Aigaq.Tests.Detentions;

/// <summary>The public lookup's name skeleton: the spellings a relative may type meet; different names do not.</summary>
public sealed class LookupNameTests
{
    [Theory]
    // Kazakh and Russian spellings of one name, and its Latin spellings: passport (ICAO), GOST, English habit, the 2021
    // Kazakh Latin alphabet.
    [InlineData("Бауыржан", "Бауржан")]
    [InlineData("Бауыржан", "Baurzhan")]
    [InlineData("Бауыржан", "Bauyrzhan")]
    [InlineData("Бауыржан", "Bauyrjan")]
    [InlineData("Бауыржан", "BAUIRJAN")]
    [InlineData("Бауыржан", "Bauırjan")]
    [InlineData("Қайрат", "Кайрат")]
    [InlineData("Қайрат", "Kairat")]
    [InlineData("Қайрат", "Qairat")]
    [InlineData("Қайрат", "Kayrat")]
    [InlineData("Нұрсұлтан", "Нурсултан")]
    [InlineData("Нұрсұлтан", "Nursultan")]
    [InlineData("Нұрсұлтан", "Nūrsūltan")]
    [InlineData("Жанар", "Zhanar")]
    [InlineData("Жанар", "Janar")]
    [InlineData("Жұмабек", "Dzhumabek")]
    [InlineData("Жұмабек", "Джумабек")]
    [InlineData("Ғалым", "Галым")]
    [InlineData("Ғалым", "Ğalym")]
    [InlineData("Ғалым", "Ghalym")]
    [InlineData("Әлия", "Алия")]
    [InlineData("Әлия", "Aliya")]
    [InlineData("Әлия", "Äliia")]
    [InlineData("Өмірзақ", "Омирзак")]
    [InlineData("Өмірзақ", "Ömirzaq")]
    [InlineData("Оңғар", "Ongar")]
    [InlineData("Оңғар", "Oñğar")]
    [InlineData("Шаһизада", "Шахизада")]
    [InlineData("Шаһизада", "Shakhizada")]
    [InlineData("Шаһизада", "Şahizada")]
    [InlineData("Үміт", "Umit")]
    [InlineData("Айгүл", "Айгуль")]
    [InlineData("Айгүл", "Aigul")]
    [InlineData("Айгүл", "Aygul")]
    [InlineData("Ерлан", "Yerlan")]
    [InlineData("Ерлан", "Erlan")]
    [InlineData("Алексей", "Aleksey")]
    [InlineData("Алексей", "Aleksei")]
    [InlineData("Алексей", "Alexey")]
    [InlineData("Дмитрий", "Dmitriy")]
    [InlineData("Дмитрий", "Dmitry")]
    [InlineData("Дмитрий", "Dmitrii")]
    [InlineData("Юлия", "Yuliya")]
    [InlineData("Юлия", "Iuliia")]
    [InlineData("Юлия", "Yulia")]
    [InlineData("Евгений", "Yevgeniy")]
    [InlineData("Евгений", "Evgenii")]
    [InlineData("Татьяна", "Tatyana")]
    [InlineData("Татьяна", "Tatiana")]
    [InlineData("Наталья", "Наталия")]
    [InlineData("Наталья", "Natalya")]
    [InlineData("Дарья", "Daria")]
    [InlineData("Игорь", "Igor")]
    [InlineData("Игорь", "Igor'")]
    [InlineData("Алексеев", "Alekseyev")]
    [InlineData("Алексеев", "Alekseev")]
    [InlineData("Щукин", "Shchukin")]
    [InlineData("Чернов", "Chernov")]
    [InlineData("Цой", "Tsoy")]
    [InlineData("Цой", "Tsoi")]
    [InlineData("Хасенов", "Khassenov")]
    [InlineData("Исхаков", "Iskhakov")]
    [InlineData("Ахмеддинов", "Akhmedinov")]
    [InlineData("Смагулова", "СМАГУЛОВА")]
    [InlineData("Смагулова", "  смагулова ")]
    [InlineData("Ахмет-Оглы", "Ахмет оглы")]
    [InlineData("Ахмет-Оглы", "Ахметоглы")]
    [InlineData("Д'Артаньян", "Дартаньян")]
    [InlineData("Кожахметов", "Kozhakhmetov")]
    [InlineData("Кожахметов", "Qojahmetov")]
    [InlineData("Тоқтаров", "Токтаров")]
    [InlineData("Тоқтаров", "Toqtarov")]
    [InlineData("Мақсат", "Maksat")]
    [InlineData("José", "Jose")]
    public void Spellings_of_one_name_meet(string a, string b)
    {
        Assert.Equal(LookupName.Skeleton(a), LookupName.Skeleton(b));
        Assert.True(LookupName.Meet(a, b));
    }

    [Theory]
    // Different names, often of one family or one sound: the lookup must not give one person for another.
    [InlineData("Ахметов", "Ахметова")]
    [InlineData("Ivanov", "Ivanova")]
    [InlineData("Бауыржан", "Бауржанов")]
    [InlineData("Иванов", "Иваненко")]
    [InlineData("Ерлан", "Ерболат")]
    [InlineData("Марат", "Мурат")]
    [InlineData("Мурат", "Мират")]
    [InlineData("Алия", "Алла")]
    [InlineData("Асель", "Асем")]
    [InlineData("Айгүл", "Айгерім")]
    [InlineData("Сергей", "Сергеев")]
    [InlineData("Дана", "Дина")]
    [InlineData("Нұрлан", "Нұрсұлтан")]
    [InlineData("Саша", "Сеша")]
    [InlineData("Қасымов", "Қасенов")]
    [InlineData("Петров", "Петраков")]
    [InlineData("Жанар", "Жанара")]
    [InlineData("Азамат", "Азат")]
    [InlineData("Ли", "Лю")]
    public void Different_names_do_not_meet(string a, string b)
    {
        Assert.NotEqual(LookupName.Skeleton(a), LookupName.Skeleton(b));
        Assert.False(LookupName.Meet(a, b));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-'.")]
    [InlineData(null)]
    public void A_name_without_letters_has_an_empty_skeleton_and_meets_nothing(string? name)
    {
        Assert.Equal("", LookupName.Skeleton(name));
        Assert.False(LookupName.Meet(name, name));
    }

    [Fact]
    public void A_script_it_does_not_fold_is_kept_rather_than_dropped()
    {
        Assert.NotEqual("", LookupName.Skeleton("王"));
        Assert.False(LookupName.Meet("王", "李"));
    }
}
