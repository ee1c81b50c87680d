using System.Text;
using Aigaq.Rules;

namespace Aigaq.Tests.Rules;

public sealed class RulePackCatalogTests
{
    private static readonly RulePack Shipped = RulePackCatalog.LoadEmbedded().All[0];

    [Fact]
    public void The_shipped_packs_load_and_hold_the_figures_of_the_domain_reference()
    {
        var catalog = RulePackCatalog.LoadEmbedded();

        var pack = Assert.Single(catalog.All, p => p.Id == "kz-2024-03-01");
        Assert.Equal("Asia/Almaty", pack.TimeZone);
        Assert.Equal(48, pack.Custody.CourtWithinHours);
        Assert.Equal(72, pack.Custody.ExceptionalCourtWithinHours);
        Assert.Equal(3, pack.Custody.ProtocolWithinHours);
        Assert.Equal(new TimeOnly(22, 0), pack.InvestigativeActions.NightStart);
        Assert.Equal(new TimeOnly(6, 0), pack.InvestigativeActions.NightEnd);
    }

    [Fact]
    public void Every_alert_code_has_its_severity_in_every_pack()
    {
        var codes = typeof(Aigaq.Alerts.AlertCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        foreach (var pack in RulePackCatalog.LoadEmbedded().All)
        {
            Assert.Equal(codes.Order(StringComparer.Ordinal), pack.Alerts.Severity.Keys.Order(StringComparer.Ordinal));
        }

        Assert.Equal(AlertSeverity.Critical, Shipped.Alerts.Of(Aigaq.Alerts.AlertCodes.CourtDeadlineExceeded));
        Assert.Equal(AlertSeverity.Critical, Shipped.Alerts.Of(Aigaq.Alerts.AlertCodes.InjuriesRecorded));
    }

    [Theory]
    [InlineData("2020-01-01T00:00:00+05:00", "old", "before the first pack, the first pack applies")]
    [InlineData("2024-03-01T00:00:00+05:00", "old", "a pack applies from its effective instant")]
    [InlineData("2026-06-30T23:59:59+05:00", "old", "the last second before the new pack")]
    [InlineData("2026-07-01T00:00:00+05:00", "new", "the new pack applies from its first instant")]
    [InlineData("2026-06-30T19:00:00Z", "new", "19:00 UTC is midnight in Almaty: the new pack")]
    [InlineData("2030-01-01T00:00:00Z", "new", "the latest pack stays in force")]
    public void The_pack_in_force_is_chosen_by_effective_date(string instant, string expected, string reason)
    {
        var catalog = new RulePackCatalog(
        [
            Shipped with { Id = "new", EffectiveFrom = DateTimeOffset.Parse("2026-07-01T00:00:00+05:00", System.Globalization.CultureInfo.InvariantCulture) },
            Shipped with { Id = "old", EffectiveFrom = DateTimeOffset.Parse("2024-03-01T00:00:00+05:00", System.Globalization.CultureInfo.InvariantCulture) },
        ]);

        var chosen = catalog.At(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(expected == chosen.Id, reason);
        Assert.Equal(expected, catalog.ById(expected)?.Id);
    }

    public static TheoryData<string, string> BrokenPacks => new()
    {
        { "unknown time zone", "time zone" },
        { "warning not below the court limit", "courtDeadlineWarningHours" },
        { "exceptional limit below the ordinary", "courtWithinHours" },
        { "minor age out of range", "minorAgeYears" },
        { "negative late-registration bound", "registration" },
        { "zero notification attempts", "notification" },
        { "duplicate id", "used twice" },
    };

    [Theory]
    [MemberData(nameof(BrokenPacks))]
    public void A_broken_pack_stops_the_catalog_with_a_message_naming_the_fault(string fault, string named)
    {
        RulePack[] packs = fault switch
        {
            "unknown time zone" => [Shipped with { TimeZone = "Asia/Nowhere" }],
            "warning not below the court limit" => [Shipped with { Custody = Shipped.Custody with { CourtDeadlineWarningHours = 48 } }],
            "exceptional limit below the ordinary" => [Shipped with { Custody = Shipped.Custody with { ExceptionalCourtWithinHours = 24 } }],
            "minor age out of range" => [Shipped with { Custody = Shipped.Custody with { MinorAgeYears = 10 } }],
            "negative late-registration bound" => [Shipped with { Registration = Shipped.Registration with { LateAfterMinutes = -1 } }],
            "zero notification attempts" => [Shipped with { Notifications = Shipped.Notifications with { MaxAttempts = 0 } }],
            "duplicate id" => [Shipped, Shipped with { EffectiveFrom = Shipped.EffectiveFrom.AddYears(1) }],
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        var error = Assert.Throws<InvalidOperationException>(() => new RulePackCatalog(packs));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_catalog_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new RulePackCatalog([]));

    [Fact]
    public void A_pack_file_with_an_unknown_field_is_refused_rather_than_silently_ignored()
    {
        var json = """
            { "id": "x", "title": "x", "effectiveFrom": "2024-03-01T00:00:00+05:00", "timeZone": "Asia/Almaty",
              "custody": { "courtWithinHours": 48, "exceptionalCourtWithinHours": 72, "courtDeadlineWarningHours": 6,
                           "protocolWithinHours": 3, "deliveryWithinHours": 3, "deliveryGraceMinutes": 30, "minorAgeYears": 18,
                           "courtWithinHourz": 24 },
              "registration": { "lateAfterMinutes": 15, "clockSkewMinutes": 5 }, "rights": { "explainWithinMinutes": 15 },
              "investigativeActions": { "nightStart": "22:00", "nightEnd": "06:00", "weekendDays": ["Saturday", "Sunday"] },
              "notifications": { "undeliveredAfterMinutes": 15, "maxAttempts": 8, "firstRetrySeconds": 5, "maxRetrySeconds": 300, "slowRetryMinutes": 30, "giveUpAfterHours": 72 },
              "reports": { "registrationWithinHours": 24, "erdrNumberDigits": 15 } }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => RulePackCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "x.json"));

        Assert.Contains("courtWithinHourz", error.Message, StringComparison.Ordinal);
    }
}
