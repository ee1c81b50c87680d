using Aigaq.Cases;
using Aigaq.Facilities;
using Aigaq.Rules;

namespace Aigaq.Tests.Cases;

/// <summary>Routing, conflicts, agreements and qualification against the shipped rule pack; each row says why.</summary>
public sealed class JurisdictionTests
{
    private static readonly RulePack Pack = RulePackCatalog.LoadEmbedded().ById("kz-2024-03-01")!;

    [Theory]
    [InlineData(1, false, BodyKind.InternalAffairs, "part 1 (cruel treatment) goes to internal affairs: CPC art. 193 para 12-1 per the coalition")]
    [InlineData(2, false, BodyKind.SpecialProsecutor, "part 2 (torture) goes to special prosecutors since 1 January 2023")]
    [InlineData(2, true, BodyKind.SpecialProsecutor, "torture is always the special prosecutor's")]
    [InlineData(3, false, BodyKind.InternalAffairs, "part 3 unless torture goes to internal affairs")]
    [InlineData(3, true, BodyKind.SpecialProsecutor, "part 3 qualified as torture goes to the special prosecutor")]
    [InlineData(4, false, BodyKind.InternalAffairs, "part 4 unless torture goes to internal affairs")]
    [InlineData(4, true, BodyKind.SpecialProsecutor, "part 4 qualified as torture goes to the special prosecutor")]
    public void Each_part_is_routed_to_its_competent_body(int part, bool torture, BodyKind expected, string reason) =>
        Assert.True(expected == Jurisdiction.Route(Pack, part, torture), reason);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_part_the_article_does_not_have_is_refused(int part) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Jurisdiction.Route(Pack, part, false));

    [Theory]
    [InlineData(BodyKind.InternalAffairs, new[] { Agency.Police }, new[] { Agency.Police }, "police investigating police")]
    [InlineData(BodyKind.InternalAffairs, new[] { Agency.Penitentiary }, new[] { Agency.Penitentiary }, "penitentiary staff belong to internal affairs too")]
    [InlineData(BodyKind.InternalAffairs, new[] { Agency.NationalSecurity }, new Agency[0], "national security is not internal affairs")]
    [InlineData(BodyKind.InternalAffairs, new[] { Agency.Military, Agency.Police, Agency.Police }, new[] { Agency.Police }, "one conflict named once among others")]
    [InlineData(BodyKind.SpecialProsecutor, new[] { Agency.Police, Agency.Penitentiary }, new Agency[0], "special prosecutors are independent of internal affairs")]
    [InlineData(BodyKind.SpecialProsecutor, new[] { Agency.Prosecutor }, new[] { Agency.Prosecutor }, "prosecutors investigating prosecutors")]
    public void A_body_of_the_same_agency_group_as_an_alleged_perpetrator_is_in_conflict(BodyKind body, Agency[] alleged, Agency[] expected, string reason) =>
        Assert.True(expected.SequenceEqual(Jurisdiction.Conflicts(Pack, body, alleged)), reason);

    [Theory]
    [InlineData(BodyKind.InternalAffairs, BodyKind.SpecialProsecutor, "a conflicted internal affairs case escalates to the special prosecutor")]
    [InlineData(BodyKind.SpecialProsecutor, null, "the special prosecutor has nowhere to escalate: keep with a written reason")]
    public void A_conflict_escalates_where_the_pack_says(BodyKind body, BodyKind? expected, string reason) =>
        Assert.True(expected == Jurisdiction.EscalationOf(Pack, body), reason);

    [Theory]
    [InlineData(1, AgreementKind.Plea, false, "part 1 is a minor crime: plea allowed (CPC art. 612-613)")]
    [InlineData(2, AgreementKind.Plea, false, "part 2 is grave: plea allowed (CPC art. 613)")]
    [InlineData(3, AgreementKind.Plea, false, "part 3 assumed grave: plea allowed")]
    [InlineData(4, AgreementKind.Plea, true, "part 4 assumed especially grave: no plea agreement (Supreme Court resolution No. 4 of 2016)")]
    [InlineData(4, AgreementKind.Cooperation, false, "a cooperation agreement is possible in any category (CPC art. 612)")]
    [InlineData(2, AgreementKind.Cooperation, false, "a cooperation agreement is possible in any category (CPC art. 612)")]
    public void Barred_agreements_follow_the_category_of_the_part(int part, AgreementKind kind, bool barred, string reason) =>
        Assert.True(barred == Jurisdiction.IsAgreementBarred(Pack, part, kind), reason);

    [Theory]
    [InlineData(false, "", "", null, false, "art. 146 needs an official or a person acting in an official capacity")]
    [InlineData(true, "", "", 1, false, "ill-treatment by an official with no purpose is part 1")]
    [InlineData(true, "confession", "", 2, true, "a purpose of obtaining a confession makes it torture, part 2")]
    [InlineData(true, "punishment", "", 2, true, "punishment is a purpose of torture")]
    [InlineData(true, "intimidation", "", 2, true, "intimidation or coercion is a purpose of torture")]
    [InlineData(true, "discrimination", "", 2, true, "discrimination is a purpose of torture")]
    [InlineData(true, "revenge", "", 1, false, "a purpose the article does not name does not make torture")]
    [InlineData(true, "", "group", 3, false, "by a group: part 3")]
    [InlineData(true, "confession", "minor", 3, true, "torture of a minor: part 3, still torture")]
    [InlineData(true, "", "pregnantWoman,repeated", 3, false, "several part-3 features stay part 3")]
    [InlineData(true, "punishment", "moderateHarm,death", 4, true, "death outweighs part 3 features: part 4")]
    [InlineData(true, "", "graveHarm", 4, false, "grave harm: part 4 (unverified)")]
    public void The_aid_suggests_a_part_from_the_facts(
        bool official, string purposes, string aggravating, int? part, bool torture, string reason)
    {
        var answers = new QualificationAnswers(official, Split(purposes), Split(aggravating));

        var suggestion = QualificationAid.Suggest(Pack, answers);

        Assert.True(part == suggestion.Part && torture == suggestion.Torture, $"{reason}: got part {suggestion.Part}, torture {suggestion.Torture}");
        Assert.NotEmpty(suggestion.Reasons);
    }

    [Fact]
    public void The_shipped_pack_holds_the_case_figures_of_the_domain_reference()
    {
        Assert.Equal("146", Pack.Cases.Article);
        Assert.Equal([1, 2, 3, 4], Pack.Cases.Parts.Keys.Order());
        Assert.Equal(24, Pack.Reports.RegistrationWithinHours);
        Assert.Equal([Agency.Police, Agency.Penitentiary], Pack.Cases.AgencyGroups["internalAffairs"]);
        Assert.True(Pack.Cases.ReferralAcceptWithinHours > 0);
        Assert.True(Pack.Cases.ReviewWithinHours > 0);
    }

    public static TheoryData<string, string> BrokenPacks => new()
    {
        { "aid names a missing part", "cases.qualification" },
        { "body without entry", "cases.bodies" },
        { "body in unknown group", "agencyGroup" },
        { "escalates to itself", "escalatesTo" },
        { "agency in two groups", "one group" },
        { "no referral deadline", "referralAcceptWithinHours" },
    };

    [Theory]
    [MemberData(nameof(BrokenPacks))]
    public void A_broken_case_section_stops_the_catalog(string fault, string named)
    {
        var c = Pack.Cases;
        var cases = fault switch
        {
            "aid names a missing part" => c with { Qualification = c.Qualification with { Aggravating = new() { ["death"] = 5 } } },
            "body without entry" => c with { Bodies = new() { [BodyKind.SpecialProsecutor] = c.Bodies[BodyKind.SpecialProsecutor] } },
            "body in unknown group" => c with { Bodies = new(c.Bodies) { [BodyKind.InternalAffairs] = new BodyRules { AgencyGroup = "nowhere" } } },
            "escalates to itself" => c with { Bodies = new(c.Bodies) { [BodyKind.InternalAffairs] = c.Bodies[BodyKind.InternalAffairs] with { EscalatesTo = BodyKind.InternalAffairs } } },
            "agency in two groups" => c with { AgencyGroups = new(c.AgencyGroups) { ["prosecution"] = [Agency.Prosecutor, Agency.Police] } },
            "no referral deadline" => c with { ReferralAcceptWithinHours = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        var error = Assert.Throws<InvalidOperationException>(() => new RulePackCatalog([Pack with { Cases = cases }]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');
}
