using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// Injuries found at a medical examination in custody, and a detainee's complaint of ill-treatment, request an Istanbul
/// Protocol examination by themselves (issue 16, item 1), beside the report the cases area makes of them: in the event's
/// transaction, of the detained person, linked to the detention and the event. A correction of such an event does not
/// request a second, nor does a second such event while an examination of the detention is still open (not sealed). The
/// register, not the officer who recorded the event, is the requester (<see cref="RequestExamination.Register"/>), so the
/// police read nothing of the examination by having recorded the complaint.
/// </summary>
internal sealed class ExaminationFromCustody(RulePackCatalog rules, ExaminationForms forms, NumberAllocator numbers) : ICustodyEventSubscriber
{
    public async Task OnRecordedAsync(CustodyEventRecorded recorded, CancellationToken ct)
    {
        if (recorded.Event.Corrects is not null || recorded.Details is not (MedicalExamination { InjuriesFound: true } or IllTreatmentComplaint))
        {
            return;
        }

        var d = recorded.Detention;
        if (await recorded.Db.Set<Examination>().AnyAsync(
            e => e.DetentionId == d.Id && !recorded.Db.Set<ExaminationSeal>().Any(s => s.ExaminationId == e.Id), ct))
        {
            return;
        }

        await RequestExamination.NewAsync(
            recorded.Db, rules.At(recorded.Now), forms, numbers,
            new RequestExamination.Examined(d.LastName, d.FirstName, d.Patronymic, d.BirthDate, d.Iin), d.Region, RequestExamination.RegisterKind,
            reference: null, requestedAt: recorded.Now, reportId: null, caseId: null, d.Id, recorded.Event.Id, RequestExamination.Register, recorded.Now, ct);
    }
}
