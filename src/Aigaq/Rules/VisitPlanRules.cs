namespace Aigaq.Rules;

/// <summary>
/// How visits are planned by risk (issue 17, item 2): the window of the register read, each factor's weight, the alert codes
/// each factor counts, the score bands that give regular visits, and which risks get a special visit. Policy, not law: kept
/// here so that the national preventive mechanism changes it as data, and every plan says which pack it followed.
/// </summary>
public sealed record VisitPlanRules
{
    /// <summary>How many days of the register before the plan's reference instant are read.</summary>
    public required int WindowDays { get; init; }

    /// <summary>
    /// The alerts-per-100-detentions rate divides by at least this many detentions, so that one alert at a place of two
    /// detentions does not rank it first.
    /// </summary>
    public required int RateMinDetentions { get; init; }

    /// <summary>Points per unit of each factor (a factor's contribution is its value times its weight), by factor code.</summary>
    public required Dictionary<string, decimal> Weights { get; init; }

    /// <summary>The alert codes the rate counts: faults of custody, not discreet codes about protected persons.</summary>
    public required string[] RateAlertCodes { get; init; }

    /// <summary>The alert codes that count as injuries recorded at custody events.</summary>
    public required string[] InjuryAlertCodes { get; init; }

    /// <summary>The alert codes that count as a legal clock exceeded.</summary>
    public required string[] ClockAlertCodes { get; init; }

    /// <summary>Score bands, lowest first: a facility takes the regular visits of the highest band whose <c>from</c> it reaches.</summary>
    public required VisitPlanBand[] Bands { get; init; }

    /// <summary>Which facilities get a special visit on top of the regular ones.</summary>
    public required SpecialVisitRules SpecialVisits { get; init; }

    /// <summary>
    /// The most days the time-since-the-last-visit factor counts: a place not visited for longer, or never, counts this many,
    /// so that one forgotten place does not outweigh every risk the register shows.
    /// </summary>
    public required int LastVisitCapDays { get; init; }

    /// <summary>The regular visits a score gives.</summary>
    public int RegularVisits(decimal score) => Bands.LastOrDefault(b => score >= b.From)?.RegularVisits ?? 0;

    /// <summary>What is wrong with the section, each as a message naming its field.</summary>
    public IEnumerable<string> Problems()
    {
        if (WindowDays is < 1 or > 3660)
        {
            yield return "visitPlanning.windowDays must lie between 1 and 3660";
        }

        if (LastVisitCapDays is < 1 or > 3660)
        {
            yield return "visitPlanning.lastVisitCapDays must lie between 1 and 3660";
        }

        if (RateMinDetentions < 1)
        {
            yield return "visitPlanning.rateMinDetentions must be at least 1";
        }

        if (Weights.Count == 0 || Weights.Values.Any(w => w < 0))
        {
            yield return "visitPlanning.weights must name at least one factor, none negative";
        }

        foreach (var (name, codes) in new[] { ("rateAlertCodes", RateAlertCodes), ("injuryAlertCodes", InjuryAlertCodes), ("clockAlertCodes", ClockAlertCodes) })
        {
            if (codes.Length == 0 || codes.Distinct(StringComparer.Ordinal).Count() != codes.Length)
            {
                yield return $"visitPlanning.{name} must name at least one alert code, each once";
            }
        }

        if (Bands.Length == 0 || Bands[0].From != 0 || Bands.Zip(Bands.Skip(1)).Any(p => p.Second.From <= p.First.From)
            || Bands.Any(b => b.RegularVisits < 0))
        {
            yield return "visitPlanning.bands must start from 0 and rise, each with regular visits not negative";
        }

        if (SpecialVisits.TopShare is < 0 or > 1 || SpecialVisits.MinScore < 0)
        {
            yield return "visitPlanning.specialVisits.topShare must lie between 0 and 1, minScore not negative";
        }
    }
}

/// <summary>A score band: from this score on, so many regular visits a year.</summary>
public sealed record VisitPlanBand(decimal From, int RegularVisits);

/// <summary>
/// A special visit for each facility among the highest <see cref="TopShare"/> of the ranked facilities (at least one) whose
/// score reaches <see cref="MinScore"/>.
/// </summary>
public sealed record SpecialVisitRules(decimal TopShare, decimal MinScore);
