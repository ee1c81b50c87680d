using System.Security.Claims;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

public sealed record DetentionSummary(
    Guid Id, string Number, CustodyStatus Status, string LastName, string FirstName, string? Patronymic,
    bool IsMinor, DateTimeOffset DetainedAt, DateTimeOffset RecordedAt, string Region, Guid CurrentFacilityId,
    DeadlinesView Deadlines, int OpenAlerts);

/// <summary>Lists the detentions a user may see, newest first, with a cursor.</summary>
public sealed class ListDetentions(AigaqDb db, Access.AccessLog log)
{
    public const int PageSize = 50;

    public async Task<Answer<Page<DetentionSummary>>> HandleAsync(string? region, string? status, string? cursor, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<CustodyStatus>("status", status);
        var after = v.SeqCursor(cursor);
        v.Region("region", region);

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var page = await QueryAsync(user, region, wanted, after, PageSize, ct);
        log.Add(user, "detentions.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<DetentionSummary>>.Ok(page);
    }

    public async Task<Page<DetentionSummary>> QueryAsync(
        ClaimsPrincipal user, string? region, CustodyStatus? status, long? after, int size, CancellationToken ct)
    {
        var query = db.Set<Detention>().AsNoTracking().Visible(user);
        if (region is not null)
        {
            query = query.Where(d => d.Region == region);
        }

        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        return await query.PageBySeqAsync(after, size, d => new DetentionSummary(
            d.Id, d.Number, d.Status, d.LastName, d.FirstName, d.Patronymic, d.IsMinor, d.DetainedAt, d.RecordedAt,
            d.Region, d.CurrentFacilityId, new DeadlinesView(d.CourtBy, d.ProtocolBy, d.DeliveryBy),
            db.Set<Alert>().Count(a => a.DetentionId == d.Id && a.Status == AlertStatus.Open)), ct);
    }
}
