using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// Injuries found at a medical examination in custody, and a detainee's complaint of
/// ill-treatment, are reports by themselves: received the moment the event is recorded, linked to
/// the detention, with the detainee as victim and the detaining agency as alleged perpetrator.
/// </summary>
internal sealed class ReportFromCustody(RulePackCatalog rules, NumberAllocator numbers) : ICustodyEventSubscriber
{
    /// <summary>A first record of such an event makes the report; a correction of it does not make a second.</summary>
    public async Task OnRecordedAsync(CustodyEventRecorded recorded, CancellationToken ct)
    {
        if (recorded.Event.Corrects is null && Source(recorded.Details) is { } source)
        {
            await AddAsync(recorded.Db, rules, numbers, recorded.Detention, recorded.Event, recorded.Details.Note, source, recorded.Now, ct);
        }
    }

    public static ReportSource? Source(CustodyEvent e) => e switch
    {
        MedicalExamination { InjuriesFound: true } => ReportSource.Medical,
        IllTreatmentComplaint => ReportSource.DetaineeComplaint,
        _ => null,
    };

    public static async Task<Report> AddAsync(
        AigaqDb db, RulePackCatalog rules, NumberAllocator numbers, Detention d, DetentionEvent e, string? note, ReportSource source, DateTimeOffset now,
        CancellationToken ct)
    {
        // The agency holding the person is alleged, and the detaining one when its name says which it is.
        var holder = await db.Set<Facility>().AsNoTracking().Where(f => f.Id == d.CurrentFacilityId)
            .Select(f => new { f.Agency, f.Name }).FirstAsync(ct);
        List<AllegedPerpetrator> alleged = [new AllegedPerpetrator { Agency = holder.Agency, Unit = holder.Name }];
        if (Enum.TryParse<Agency>(d.Agency, ignoreCase: true, out var detaining) && Enum.IsDefined(detaining) && detaining != holder.Agency)
        {
            alleged.Add(new AllegedPerpetrator { Agency = detaining, Unit = d.Agency });
        }

        // A recorded fact, in the state's languages (Kazakh, then Russian): the pages show the report's source in the
        // reader's own language beside it.
        var narrative = source == ReportSource.Medical
            ? $"Қамауда медициналық куәландыру кезінде дене жарақаттары анықталды (ұстау {d.Number}). "
                + $"При медицинском освидетельствовании под стражей выявлены телесные повреждения (задержание {d.Number})."
            : $"Қамауда қатыгездік көрсету туралы шағым берілді (ұстау {d.Number}). "
                + $"Под стражей подана жалоба на жестокое обращение (задержание {d.Number}).";
        if (!string.IsNullOrWhiteSpace(note))
        {
            narrative += " " + note;
        }

        return await ReceiveReport.NewAsync(
            db, rules, numbers, now, e.RecordedBy, receivedAt: now, source, narrative, d.Region,
            [new ReportVictim { LastName = d.LastName, FirstName = d.FirstName, Patronymic = d.Patronymic, BirthDate = d.BirthDate, Iin = d.Iin }],
            alleged,
            d.Id, e.Id, d.CurrentFacilityId, incidentAt: null, injuries: source == ReportSource.Medical ? note : null, anonymous: false, ct);
    }
}
