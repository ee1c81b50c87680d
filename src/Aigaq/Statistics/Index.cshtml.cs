using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Statistics;

/// <summary>
/// The public statistics page: the funnel from report to verdict for a year and region (cases and people), by agency
/// of the alleged perpetrators, the time reports wait to be registered, detentions and their faults by region, agency
/// and facility, the year month by month, and each body's workload, computed from the register; counts from 1 to 4
/// show as "&lt;5", and each chart has its table.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(Funnel funnel, Publisher publisher, LocalClock clock, AccessLog log, AigaqDb db, ExaminationPublisher examinations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public int Shown { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public FunnelView Total { get; private set; } = null!;
    public IReadOnlyList<FunnelRow> ByAgency { get; private set; } = [];
    public IReadOnlyList<FunnelRow> ByRegion { get; private set; } = [];
    public IReadOnlyList<WorkloadRow> Workload { get; private set; } = [];

    /// <summary>Everything published for the year and region, with what each table withholds.</summary>
    public Published Figures { get; private set; } = null!;

    /// <summary>The counts withheld so that no small one can be subtracted from the year's total (the same on every page).</summary>
    public Suppression Suppression { get; private set; } = null!;

    /// <summary>The Istanbul Protocol examinations' figures as published.</summary>
    public PublishedExaminations Examinations { get; private set; } = null!;

    /// <summary>The key of the funnel shown: its region, or all.</summary>
    public string Key => Region ?? Suppression.Total;

    /// <summary>A count of <paramref name="key"/> in a column as published.</summary>
    public string Count(string key, int column, int count) => SmallCounts.Show(count, Suppression.Withheld(key, column));

    /// <summary>Whether the count is not published (small, or withheld).</summary>
    public bool NotShown(string key, int column, int count) => SmallCounts.Hidden(count) || Suppression.Withheld(key, column);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var v = new Validation();
        Shown = StatisticsEndpoints.Year(v, Year, clock);
        if (Region is { Length: 0 })
        {
            Region = null;
        }

        v.Region("region", Region);
        if (!v.IsValid)
        {
            return BadRequest();
        }

        var years = await funnel.YearsAsync(ct);
        Years = years.Contains(Shown) ? years : [.. years.Append(Shown).OrderDescending()];
        Figures = await publisher.OfAsync(Shown, Region, ct);
        Suppression = Figures.FunnelSuppression;
        Total = Figures.Funnel;
        ByAgency = Figures.FunnelAgencies;
        ByRegion = Figures.FunnelRegions;
        Workload = await funnel.WorkloadAsync(Region, ct);
        Examinations = await examinations.OfAsync(Shown, Region, ct);
        if (User.Identity?.IsAuthenticated == true)
        {
            log.Add(User, "statistics.read", $"{Shown} {Region ?? "all"}", "allowed");
            await db.SaveChangesAsync(ct);
        }

        return Page();
    }
}
