using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;

namespace Aigaq.Cases;

/// <summary>
/// An allegation made in a private interview during a monitoring visit (issue 17, item 7): the person is known to the
/// visit by a code only, so the report names the visit and the place, and no one.
/// </summary>
public sealed record AllegationAtInterview(
    AigaqDb Db, string VisitNumber, string Region, Facility Facility, DateTimeOffset InterviewedAt, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>The cases area's seam for the visits area's interviews: an allegation is a report, in the interview's transaction.</summary>
public interface IInterviewReports
{
    Task<HeldOffRegisterReport> OpenAsync(AllegationAtInterview allegation, CancellationToken ct);
}

/// <summary>
/// An allegation heard in a private interview is a report by itself: received at the interview's recording, from the
/// monitoring visit, the place's agency alleged, its text in the state's languages and in English (the
/// pages' third language) naming the visit and the place. It has
/// no victim by name (the interviewee is a code in the visit; their identity, if they are protected, is sealed in the
/// protection area), so it is not anonymous in the intake's sense: the visit's team knows how to reach the person.
/// </summary>
internal sealed class ReportFromInterview(RulePackCatalog rules, NumberAllocator numbers) : IInterviewReports
{
    public async Task<HeldOffRegisterReport> OpenAsync(AllegationAtInterview allegation, CancellationToken ct)
    {
        var (visit, place) = (allegation.VisitNumber, allegation.Facility.Name);
        var narrative = $"Мониторинг тобы бару кезінде ({visit}) жеке әңгімеде азаптау туралы арыз естіді: {place}. "
            + $"Мониторинговая группа при посещении ({visit}) в конфиденциальной беседе получила заявление о пытках: {place}. "
            + $"A monitoring team on a visit ({visit}) heard an allegation of torture in a private interview: {place}.";
        var report = await ReceiveReport.NewAsync(
            allegation.Db, rules, numbers, allegation.RecordedAt, allegation.RecordedBy, receivedAt: allegation.RecordedAt, ReportSource.MonitoringVisit, narrative,
            allegation.Region, [], [new AllegedPerpetrator { Agency = allegation.Facility.Agency, Unit = place }],
            null, null, allegation.Facility.Id, incidentAt: null, injuries: null, anonymous: false, ct);
        return new HeldOffRegisterReport(report.Id, report.Number);
    }
}
