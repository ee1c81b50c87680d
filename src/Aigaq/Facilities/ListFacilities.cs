using System.Globalization;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Facilities;

/// <summary>Lists the register's facilities by region and name, a page at a time.</summary>
internal static class ListFacilities
{
    public const int PageSize = 200;

    public static async Task<Answer<Page<FacilityView>>> HandleAsync(string? region, string? cursor, AigaqDb db, CancellationToken ct)
    {
        var v = new Validation();
        var offset = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            v.Add("cursor", "is not a cursor this list gave");
        }

        v.Region("region", region);

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var query = db.Set<Facility>().AsNoTracking();
        if (region is not null)
        {
            query = query.Where(f => f.Region == region);
        }

        var rows = await query.OrderBy(f => f.Region).ThenBy(f => f.Name).ThenBy(f => f.Id)
            .Skip(offset).Take(PageSize + 1).ToListAsync(ct);
        var next = rows.Count > PageSize ? (offset + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Answer<Page<FacilityView>>.Ok(new Page<FacilityView>([.. rows.Take(PageSize).Select(FacilityView.From)], next));
    }
}
