using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Rules;

namespace Aigaq.Examinations;

/// <summary>
/// Injuries found at a medical examination in custody, and a detainee's complaint of ill-treatment, request an Istanbul
/// Protocol examination by themselves (issue 16, item 1), beside the report the cases area makes of them: in the event's
/// transaction, of the detained person, linked to the detention and the event. A correction of such an event does not
/// request a second.
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
        await RequestExamination.NewAsync(
            recorded.Db, rules.At(recorded.Now), forms, numbers,
            new RequestExamination.Examined(d.LastName, d.FirstName, d.Patronymic, d.BirthDate, d.Iin), d.Region, RequestExamination.RegisterKind,
            reference: null, requestedAt: recorded.Now, reportId: null, caseId: null, d.Id, recorded.Event.Id, recorded.Event.RecordedBy, recorded.Now, ct);
    }
}
