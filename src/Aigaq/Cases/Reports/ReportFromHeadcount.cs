using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;

namespace Aigaq.Cases;

/// <summary>
/// A person a monitoring team found held whom the register did not have in the place at the count (issue 17, item 5):
/// the names as the team wrote them, and the detention the register had them in elsewhere, if any.
/// </summary>
public sealed record PersonHeldOffRegister(
    AigaqDb Db, string VisitNumber, string Region, Facility Facility, DateTimeOffset CountedAt, DateTimeOffset RecordedAt, Guid RecordedBy,
    string LastName, string FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin, Detention? RegisteredElsewhere);

/// <summary>The report opened for a person held off the register.</summary>
public sealed record HeldOffRegisterReport(Guid ReportId, string Number);

/// <summary>The cases area's seam for the visits area's headcount: a person held off the register is a report, in the count's transaction.</summary>
public interface IHeldOffRegisterReports
{
    Task<HeldOffRegisterReport> OpenAsync(PersonHeldOffRegister found, CancellationToken ct);
}

/// <summary>
/// A person held off the register is a report by itself: received at the count's recording, from the monitoring visit,
/// the place's agency alleged, the person its victim, its text in the state's languages naming the visit and the place,
/// never the person; linked to the detention the register had them in elsewhere, if any.
/// </summary>
internal sealed class ReportFromHeadcount(RulePackCatalog rules, NumberAllocator numbers) : IHeldOffRegisterReports
{
    public async Task<HeldOffRegisterReport> OpenAsync(PersonHeldOffRegister found, CancellationToken ct)
    {
        var (visit, place, elsewhere) = (found.VisitNumber, found.Facility.Name, found.RegisteredElsewhere);
        var narrative = elsewhere is null
            ? $"Мониторинг тобы бару кезінде ({visit}) мекемеде ұсталған, бірақ тізілімде жоқ адамды тапты: {place}. "
                + $"Мониторинговая группа при посещении ({visit}) обнаружила содержащегося человека, которого нет в реестре: {place}."
            : $"Мониторинг тобы бару кезінде ({visit}) тізілім бойынша басқа жерде ұсталған адамды тапты (ұстау {elsewhere.Number}): {place}. "
                + $"Мониторинговая группа при посещении ({visit}) обнаружила человека, который по реестру содержится в другом месте (задержание {elsewhere.Number}): {place}.";
        var report = await ReceiveReport.NewAsync(
            found.Db, rules, numbers, found.RecordedAt, found.RecordedBy, receivedAt: found.RecordedAt, ReportSource.MonitoringVisit, narrative, found.Region,
            [new ReportVictim { LastName = found.LastName, FirstName = found.FirstName, Patronymic = found.Patronymic, BirthDate = found.BirthDate, Iin = found.Iin }],
            [new AllegedPerpetrator { Agency = found.Facility.Agency, Unit = place }],
            elsewhere?.Id, null, found.Facility.Id, found.CountedAt, injuries: null, anonymous: false, ct);
        return new HeldOffRegisterReport(report.Id, report.Number);
    }
}
