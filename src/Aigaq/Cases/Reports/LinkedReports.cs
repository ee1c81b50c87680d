using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>The reports about a detention that a user may read, for the custody page (the detentions area's seam).</summary>
internal sealed class LinkedReports(AigaqDb db) : ILinkedReports
{
    public async Task<IReadOnlyList<LinkedReport>?> AboutAsync(Guid detentionId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Can(Permissions.ViewReports))
        {
            return null;
        }

        var rows = await CaseScope.Visible(db.Set<Report>().AsNoTracking(), user)
            .Where(r => r.DetentionId == detentionId)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Seq)
            .Select(r => new { r.Id, r.Number, r.Status, r.Source, r.ReceivedAt })
            .ToListAsync(ct);
        return [.. rows.Select(r => new LinkedReport(r.Id, r.Number, r.Status.ToString(), r.Source.ToString(), r.Status == ReportStatus.Received, r.ReceivedAt))];
    }
}
