using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Recommendations;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// The indicators the visits area supplies to the recommendations area (issue 18, item 3; ADR 0031): access denials
/// recorded, and visits made per facility of the register, for a local calendar year in one region or all.
/// </summary>
internal static class VisitIndicators
{
    public static IServiceCollection AddVisitIndicators(this IServiceCollection services)
    {
        services.AddScoped<IIndicatorMetric>(sp => new ComputedIndicator("accessDenials", IndicatorUnit.Count, async (year, region, ct) =>
        {
            var db = sp.GetRequiredService<AigaqDb>();
            var (start, end) = Bounds(sp, year);
            var denials = db.Set<AccessDenial>().AsNoTracking().Where(d => d.At >= start && d.At < end);
            return IndicatorValue.Count(await (region is null ? denials : denials.Where(d => d.Region == region)).CountAsync(ct));
        }));
        services.AddScoped<IIndicatorMetric>(sp => new ComputedIndicator("visitsPerFacility", IndicatorUnit.Rate, async (year, region, ct) =>
        {
            var db = sp.GetRequiredService<AigaqDb>();
            var (start, end) = Bounds(sp, year);
            // Visits made (the team arrived) in the year, per facility in the register by the year's end.
            var made = from a in db.Set<VisitArrival>()
                       join v in db.Set<Visit>() on a.VisitId equals v.Id
                       where a.ArrivedAt >= start && a.ArrivedAt < end && (region == null || v.Region == region)
                       select a.Id;
            var places = db.Set<Facility>().AsNoTracking().Where(f => f.CreatedAt < end && (region == null || f.Region == region));
            return IndicatorValue.Rate(await made.CountAsync(ct), await places.CountAsync(ct));
        }));
        return services;
    }

    private static (DateTimeOffset From, DateTimeOffset To) Bounds(IServiceProvider sp, int year) =>
        LocalDays.YearBounds(year, sp.GetRequiredService<LocalClock>().Zone);
}
