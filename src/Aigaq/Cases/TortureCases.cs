namespace Aigaq.Cases;

/// <summary>
/// The one definition of a torture case that oversight and statistics share (issue 16, item 10): a case the register
/// qualifies as torture (<see cref="Case.Torture"/>: as stated at registration or requalification, else by the pack's
/// torture part, else by the qualification aid's finding of a purpose). The examinations' scan that raises
/// <c>NoExaminationInTortureCase</c> and the statistics' share of torture cases with an examination count the same cases.
/// </summary>
public static class TortureCases
{
    public static IQueryable<Case> OfTorture(this IQueryable<Case> cases) => cases.Where(c => c.Torture);
}
