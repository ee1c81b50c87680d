using Aigaq.Cases;
using Aigaq.Rules;

namespace Aigaq.Tests.Cases;

/// <summary>The order of a case's stages and the bar on suspended sentences, one legal reason per row.</summary>
public sealed class StageRulesTests
{
    private static readonly RulePack Pack = RulePackCatalog.LoadEmbedded().ById("kz-2024-03-01")!;

    private static CaseStage[] Reached(string list) =>
        list.Length == 0 ? [] : [.. list.Split(',').Select(s => Enum.Parse<CaseStage>(s))];

    [Theory]
    [InlineData("", CaseStage.SuspectIdentified, true, "an investigation may identify a suspect at any time")]
    [InlineData("SuspectIdentified", CaseStage.SuspectIdentified, true, "more than one suspect may be identified")]
    [InlineData("", CaseStage.AgreementProposed, false, "a procedural agreement is made with a suspect (CPC art. 612)")]
    [InlineData("SuspectIdentified", CaseStage.AgreementProposed, true, "an agreement with an identified suspect")]
    [InlineData("SuspectIdentified,SentToCourt", CaseStage.AgreementProposed, false, "the pre-trial agreement stage is over once the case is before the court")]
    [InlineData("", CaseStage.SentToCourt, false, "an indictment names an accused person")]
    [InlineData("SuspectIdentified", CaseStage.SentToCourt, true, "a case with a suspect may go to court")]
    [InlineData("SuspectIdentified,SentToCourt", CaseStage.SentToCourt, false, "a case goes to court once")]
    [InlineData("SuspectIdentified", CaseStage.Verdict, false, "a verdict before the case is sent to court is impossible")]
    [InlineData("SuspectIdentified,SentToCourt", CaseStage.Verdict, true, "a court case ends with a verdict")]
    [InlineData("", CaseStage.Discontinued, true, "an investigation may be discontinued with grounds")]
    [InlineData("SuspectIdentified,SentToCourt", CaseStage.Discontinued, false, "once before the court, the court decides")]
    public void A_stage_may_follow_only_the_stages_the_law_puts_before_it(string reached, CaseStage stage, bool allowed, string reason) =>
        Assert.True(allowed == StageRules.Check(Reached(reached), stage, closed: false) is null, reason);

    [Theory]
    [InlineData(CaseStage.SuspectIdentified)]
    [InlineData(CaseStage.Verdict)]
    [InlineData(CaseStage.Discontinued)]
    public void Nothing_follows_a_verdict_or_a_discontinuance(CaseStage stage) =>
        Assert.Equal("stage", StageRules.Check(Reached("SuspectIdentified,SentToCourt"), stage, closed: true)?.Field);

    [Theory]
    [InlineData(2, false, true, "Criminal Code art. 63(6) (2023): no suspended sentence for torture, part 2")]
    [InlineData(3, true, true, "part 3 qualified as torture is held to the torture rule")]
    [InlineData(4, true, true, "part 4 qualified as torture is held to the torture rule")]
    [InlineData(1, false, false, "cruel treatment under part 1 is not covered by the bar")]
    [InlineData(3, false, false, "part 3 without a torture purpose is not covered by the bar")]
    public void A_suspended_sentence_is_barred_for_torture(int part, bool torture, bool barred, string reason) =>
        Assert.True(barred == StageRules.SuspendedSentenceBarred(Pack, part, torture), reason);

}
