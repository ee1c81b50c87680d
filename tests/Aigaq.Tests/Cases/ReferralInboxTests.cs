using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Rules;

namespace Aigaq.Tests.Cases;

/// <summary>A body's inbox of referrals (CONTRACT.md's list shape): every waiting referral reachable, oldest first, a page at a time.</summary>
public abstract partial class ReferralInboxTests(HostFixture fixture)
{
    private const string Region = "KZ-33";

    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Every_waiting_referral_is_reachable_once_oldest_first_by_the_list_and_the_page()
    {
        // More than a page of cases referred to the region's special prosecutor, put in directly (referrals have their
        // own flow tests); the referrals around the page boundary were made at the same instant.
        var start = Host.Now.AddDays(-3);
        var count = ListReferrals.PageSize + 4;
        DateTimeOffset CreatedAt(int i) => i is >= 48 and <= 51 ? start.AddMinutes(48) : start.AddMinutes(i);
        var referrals = new List<Referral>();
        await Host.WithDbAsync(db =>
        {
            for (var i = 0; i < count + 2; i++)
            {
                var at = CreatedAt(i);
                var report = new Report
                {
                    Id = Guid.NewGuid(),
                    Seq = 800_000_000 + i,
                    Number = "R33-I" + i.ToString(CultureInfo.InvariantCulture),
                    ReceivedAt = at.AddHours(-5),
                    ReceivedYear = at.Year,
                    RecordedAt = at.AddHours(-5),
                    Source = ReportSource.Lawyer,
                    Narrative = "Побои в ИВС.",
                    Region = Region,
                    RulePackId = "kz-2024-03-01",
                    Status = ReportStatus.Registered,
                    RegistrationDueBy = at.AddHours(19),
                };
                var c = new Case
                {
                    Id = Guid.NewGuid(),
                    ErdrNumber = "2026330000" + i.ToString("D5", CultureInfo.InvariantCulture),
                    ReportId = report.Id,
                    Region = Region,
                    RegisteredAt = at.AddHours(-1),
                    RecordedAt = at.AddHours(-1),
                    RulePackId = "kz-2024-03-01",
                    ReceivedYear = at.Year,
                    Part = 2,
                    Torture = true,
                    ResponsibleKind = BodyKind.InternalAffairs,
                    ResponsibleRegion = Region,
                };
                // The last two are not waiting for this body: one accepted, one for another region's.
                var referral = new Referral
                {
                    Id = Guid.NewGuid(),
                    CaseId = c.Id,
                    FromKind = BodyKind.InternalAffairs,
                    FromRegion = Region,
                    ToKind = BodyKind.SpecialProsecutor,
                    ToRegion = i == count + 1 ? "KZ-35" : Region,
                    Reason = "часть 2 статьи 146",
                    CreatedAt = at,
                    DueBy = at.AddHours(24),
                    Status = i == count ? ReferralStatus.Accepted : ReferralStatus.Pending,
                };
                db.AddRange(report, c, referral);
                referrals.Add(referral);
            }

            return db.SaveChangesAsync();
        });
        var expected = referrals.Take(count).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => r.Id.ToString()).ToList();
        var special = await Host.UserAsync(Roles.SpecialProsecutor, region: Region);

        var seen = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await special.Client.GetStringAsync("/api/v1/referrals" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor))))!;
            var items = page["items"]!.AsArray().Objects().ToList();
            seen.AddRange(items.Select(r => r.Str("id")));
            sizes.Add(items.Count);
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(referrals.Take(count).OrderBy(r => r.CreatedAt).Select(r => r.CreatedAt), seen.Select(id => referrals.Single(r => r.Id.ToString() == id).CreatedAt));
        // The first page ends with the whole instant at its boundary (48 to 51), so it holds 52 and the second 2.
        Assert.Equal([52, 2], sizes);

        var shown = new List<string>();
        string? url = "/referrals";
        while (url is not null)
        {
            var html = await special.Client.GetStringAsync(url);
            shown.AddRange(Row().Matches(html).Select(m => m.Groups[1].Value));
            var more = More().Match(html);
            url = more.Success ? WebUtility.HtmlDecode(more.Groups[1].Value) : null;
        }

        Assert.Equal(seen, shown);
    }

    [Theory]
    [InlineData("/api/v1/referrals?cursor=abc")]
    [InlineData("/api/v1/referrals?cursor=-5")]
    [InlineData("/referrals?cursor=99999999999999999999")]
    public async Task A_cursor_the_inbox_did_not_give_is_refused_naming_it(string url)
    {
        var special = await Host.UserAsync(Roles.SpecialProsecutor, region: Region);

        await (await special.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [GeneratedRegex("<li class=\"card\" id=\"referral-([0-9a-f-]{36})\"")]
    private static partial Regex Row();

    [GeneratedRegex("id=\"inbox-more\" href=\"([^\"]+)\"")]
    private static partial Regex More();
}

public sealed class ReferralInboxOnSqlite(SqliteHost fixture) : ReferralInboxTests(fixture), IClassFixture<SqliteHost>;

public sealed class ReferralInboxOnPostgres(PostgresHost fixture) : ReferralInboxTests(fixture), IClassFixture<PostgresHost>;
