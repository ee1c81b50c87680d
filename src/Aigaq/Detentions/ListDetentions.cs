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
public sealed partial class ListDetentions(AigaqDb db, Access.AccessLog log)
{
    public const int PageSize = 50;

    public async Task<Answer<Page<DetentionSummary>>> HandleAsync(
        string? region, string? status, string? cursor, ClaimsPrincipal user, CancellationToken ct, string? q = null)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<CustodyStatus>("status", status);
        q = v.Optional("q", q, 100);
        var after = v.SeqCursor(cursor);
        v.Region("region", region);

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var page = await QueryAsync(user, region, wanted, after, PageSize, ct, q);
        await LogAsync(user, page.Items.Count, ct);
        return Answer<Page<DetentionSummary>>.Ok(page);
    }

    /// <summary>A list of people held is personal data: each reading of it, by the API or the page, is in the access log.</summary>
    public async Task LogAsync(ClaimsPrincipal user, int count, CancellationToken ct)
    {
        log.Add(user, "detentions.list", $"{count} records", "allowed");
        await db.SaveChangesAsync(ct);
    }

    public async Task<Page<DetentionSummary>> QueryAsync(
        ClaimsPrincipal user, string? region, CustodyStatus? status, long? after, int size, CancellationToken ct, string? q = null)
    {
        var query = db.Set<Detention>().AsNoTracking().Visible(user);
        if (NumberOf(q) is { } number)
        {
            query = query.Where(d => d.Number == number);
        }
        else if (NamePrefix(q) is { } prefix)
        {
            query = query.Where(d => d.NameKey.StartsWith(prefix));
        }

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

    /// <summary>A detention number as typed ("d75-123", "D75-000123"), in its stored form, or null when q is not one.</summary>
    public static string? NumberOf(string? q)
    {
        var match = q is null ? null : NumberPattern().Match(q.Trim());
        return match is { Success: true }
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"D{match.Groups[1].Value}-{long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture):D6}")
            : null;
    }

    /// <summary>
    /// The start of a name key for a search by name: the last name, then the first name if given ("Ахметов Ерлан"),
    /// compared as the key is stored (upper case); null for a blank search.
    /// </summary>
    public static string? NamePrefix(string? q)
    {
        var words = q?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return words.Length switch
        {
            0 => null,
            1 => words[0].ToUpperInvariant(),
            _ => RegisterDetention.NameKey(words[0], words[1]),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[DdДд]([0-9]{2})-([0-9]{1,9})$")]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();
}
