using System.Net;
using Aigaq.Access;

namespace Aigaq.Tests.Detentions;

public sealed class PageLimitedLookupHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The API's own limit is lower: the page does not share it.
        ["Aigaq:PublicLookup:PermitPerMinute"] = "1",
        ["Aigaq:PublicLookup:PagePermitPerMinute"] = "3",
        ["Aigaq:PublicLookup:NamePermitPerHour"] = "1000",
        ["Aigaq:PublicLookup:NamePermitPerAddressPerHour"] = "1000",
    };
}

/// <summary>The lookup page (/lookup, /lookup/answer) as a browser without scripts uses it.</summary>
public sealed class LookupPageTests(LookupHost fixture) : IClassFixture<LookupHost>
{
    private AigaqHost Host => fixture.Host;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string culture, string last, string first, string born, string? patronymic = null)
    {
        var form = await client.GetStringAsync($"/lookup?culture={culture}");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Pages.FormToken(form),
            ["Form.LastName"] = last,
            ["Form.FirstName"] = first,
            ["Form.BirthDate"] = born,
        };
        if (patronymic is not null)
        {
            fields["Form.Patronymic"] = patronymic;
        }

        return await client.PostAsync($"/lookup/answer?culture={culture}", new FormUrlEncodedContent(fields));
    }

    [Theory]
    [InlineData("kk", "Жазба табылмады.", "Бұл адамның бостандықта екенін дәлелдемейді.", "Енді не істеу керек")]
    [InlineData("ru", "Запись не найдена.", "Это не доказывает, что человек на свободе.", "Что делать дальше")]
    [InlineData("en", "No record found.", "This does not prove that the person is free.", "What to do next")]
    public async Task A_miss_says_no_record_was_found_that_this_proves_nothing_and_what_to_do(string culture, string miss, string proof, string next)
    {
        using var response = await PostAsync(Host.Browser(), culture, "Несуществующий", "Человек", "1970-01-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(miss, html, StringComparison.Ordinal);
        Assert.Contains(proof, html, StringComparison.Ordinal);
        Assert.Contains(next, html, StringComparison.Ordinal);

        // Never a green, reassuring box.
        Assert.DoesNotContain("notice ok", html, StringComparison.Ordinal);
        Assert.Contains("class=\"notice warn\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_found_by_another_spelling_is_shown_with_the_agency_and_the_facility_phone()
    {
        var facility = await Host.FacilityAsync(name: "ИВС Тараз", phone: "+77262000111");
        var officer = await Host.UserAsync(Roles.Officer);
        var (last, latin) = Lookups.LastName("Тоқтаров", "Toktarov");
        await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-5), b => b
            .With("person.lastName", last).With("person.firstName", "Бауыржан").With("person.birthDate", "1988-09-10"));

        using var response = await PostAsync(Host.Browser(), "en", latin, "Baurzhan", "1988-09-10");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Yes, this person is held.", html, StringComparison.Ordinal);
        Assert.Contains("ИВС Тараз", html, StringComparison.Ordinal);
        Assert.Contains("id=\"lookup-phone\"", html, StringComparison.Ordinal);
        Assert.Contains("77262000111</a>", html, StringComparison.Ordinal);
        Assert.Contains("Департамент полиции г. Алматы", html, StringComparison.Ordinal);
    }
}

public sealed class LookupPageLimitTests(PageLimitedLookupHost fixture) : IClassFixture<PageLimitedLookupHost>
{
    [Fact]
    public async Task The_page_has_its_own_limit_and_past_it_answers_429_keeping_the_names_typed()
    {
        var client = fixture.Host.Browser();

        // More than the API's limit of one a minute, within the page's own.
        for (var i = 0; i < 3; i++)
        {
            using var ok = await LookupPageTests.PostAsync(client, "ru", "Сейтқали", "Әйгерім", "1985-03-0" + (i + 1), "Маратқызы");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await LookupPageTests.PostAsync(client, "ru", "Сейтқали", "Әйгерім", "1985-03-04", "Маратқызы");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Слишком много запросов", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Сейтқали\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Әйгерім\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Маратқызы\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1985-03-04\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lookup-answer\"", html, StringComparison.Ordinal);
    }
}
