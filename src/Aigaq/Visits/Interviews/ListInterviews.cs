using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Protection;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Interviews;

/// <summary>
/// <c>GET /api/v1/visits/{id}/interviews</c>: a visit's interviews in the order held, each with its code, flags, the report it
/// opened (by number) and the protected person it made (by pseudonym, to whoever may read that person; none once the protection area erased
/// them). Read by
/// the visit's readers; the read is in the access log, as the flags say who is vulnerable.
/// </summary>
public sealed class ListInterviews(AigaqDb db, AccessLog log)
{
    public async Task<Found<List<InterviewView>>> HandleAsync(Guid visitId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).AnyAsync(v => v.Id == visitId, ct))
        {
            return Found<List<InterviewView>>.Of(null, "The visit");
        }

        var views = await OfVisitAsync(db, log, visitId, user, ct);
        log.Add(user, "visit.interviews.read", visitId.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Found<List<InterviewView>>.Of(views, "The visit");
    }

    /// <summary>
    /// The visit's interviews as answered, for the API and the visit's page (whose reader logs the read). The protected
    /// person an interview made (id and pseudonym) is shown only to a reader the protection area lets read that person
    /// (<see cref="Permissions.RegisterProtectedPersons"/> and <see cref="GetProtectedPerson.Visible"/>), and each shown is
    /// a <c>protected.read</c> in the access log, as that area logs a read; to every other visit reader it is left out, so
    /// that the visit does not tie a protected person to the place in clear.
    /// </summary>
    internal static async Task<List<InterviewView>> OfVisitAsync(AigaqDb db, AccessLog log, Guid visitId, ClaimsPrincipal user, CancellationToken ct)
    {
        var interviews = await db.Set<VisitInterview>().AsNoTracking().Where(i => i.VisitId == visitId).ToListAsync(ct);
        var reportIds = interviews.Where(i => i.ReportId is not null).Select(i => i.ReportId!.Value).ToList();
        var personIds = interviews.Where(i => i.ProtectedPersonId is not null).Select(i => i.ProtectedPersonId!.Value).ToList();
        var numbers = await db.Set<Cases.Report>().AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, ct);
        Dictionary<Guid, string> pseudonyms = personIds.Count == 0 || !user.Can(Permissions.RegisterProtectedPersons)
            ? []
            : await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user).Where(p => personIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Pseudonym, ct);
        foreach (var shown in pseudonyms.Keys)
        {
            log.Add(user, "protected.read", shown.ToString(), "allowed");
        }

        return [.. interviews.OrderBy(i => i.At).ThenBy(i => i.Id).Select(i => new InterviewView(
            i.Id, i.Code, i.At, i.Consent, i.Private, i.Allegation, i.ReprisalRisk, i.Flags(), i.FollowUpBy,
            i.ReportId, i.ReportId is { } r ? numbers.GetValueOrDefault(r) : null,
            i.ProtectedPersonId is { } p && pseudonyms.ContainsKey(p) ? p : null, i.ProtectedPersonId is { } q ? pseudonyms.GetValueOrDefault(q) : null, i.RecordedAt))];
    }
}
