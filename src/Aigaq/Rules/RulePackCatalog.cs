using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aigaq.Rules;

/// <summary>
/// The rule packs shipped with the application (embedded JSON files in Rules/Packs), validated
/// when the catalog is built so that a broken pack stops start-up rather than a registration.
/// </summary>
public sealed class RulePackCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly RulePack[] _packs;

    public RulePackCatalog(IEnumerable<RulePack> packs)
    {
        _packs = [.. packs.OrderBy(p => p.EffectiveFrom)];
        if (_packs.Length == 0)
        {
            throw new InvalidOperationException("No rule pack is configured.");
        }

        var errors = _packs.SelectMany(Validate).ToList();
        var duplicate = _packs.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add($"rule pack id '{duplicate.Key}' is used twice");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid rule packs: " + string.Join("; ", errors));
        }
    }

    public IReadOnlyList<RulePack> All => _packs;

    /// <summary>The pack in force at an instant; before the first pack, the first pack applies.</summary>
    public RulePack At(DateTimeOffset instant)
    {
        var chosen = _packs[0];
        foreach (var pack in _packs)
        {
            if (pack.EffectiveFrom <= instant)
            {
                chosen = pack;
            }
        }

        return chosen;
    }

    public RulePack? ById(string id) => Array.Find(_packs, p => p.Id == id);

    public static RulePackCatalog LoadEmbedded()
    {
        var assembly = typeof(RulePackCatalog).Assembly;
        var packs = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Rules.Packs.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Parse(stream, n);
            });
        return new RulePackCatalog(packs);
    }

    public static RulePack Parse(Stream json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<RulePack>(json, JsonOptions)
                ?? throw new InvalidOperationException($"rule pack {name} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"rule pack {name} is not valid: {ex.Message}", ex);
        }
    }

    private static IEnumerable<string> Validate(RulePack p)
    {
        string Where(string field) => string.Create(CultureInfo.InvariantCulture, $"{p.Id}: {field}");

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(p.TimeZone, out _))
        {
            yield return Where($"unknown time zone '{p.TimeZone}'");
        }

        var c = p.Custody;
        if (c.CourtWithinHours <= 0 || c.ExceptionalCourtWithinHours < c.CourtWithinHours)
        {
            yield return Where("custody.courtWithinHours must be positive and not above exceptionalCourtWithinHours");
        }

        if (c.MinorCourtWithinHours is <= 0)
        {
            yield return Where("custody.minorCourtWithinHours must be positive when set");
        }

        if (c.CourtDeadlineWarningHours <= 0 || c.CourtDeadlineWarningHours >= c.CourtWithinHours)
        {
            yield return Where("custody.courtDeadlineWarningHours must lie between 0 and courtWithinHours");
        }

        if (c.ProtocolWithinHours <= 0 || c.DeliveryWithinHours <= 0 || c.MinorAgeYears is < 14 or > 21)
        {
            yield return Where("custody.protocolWithinHours, deliveryWithinHours and minorAgeYears must be sane");
        }

        if (p.Registration.LateAfterMinutes < 0 || p.Registration.ClockSkewMinutes < 0)
        {
            yield return Where("registration figures must not be negative");
        }

        if (p.Rights.ExplainWithinMinutes < 0)
        {
            yield return Where("rights.explainWithinMinutes must not be negative");
        }

        var n = p.Notifications;
        if (n.UndeliveredAfterMinutes <= 0 || n.MaxAttempts < 1 || n.FirstRetrySeconds <= 0 || n.MaxRetrySeconds < n.FirstRetrySeconds
            || n.SlowRetryMinutes <= 0 || n.GiveUpAfterHours * 60 < n.SlowRetryMinutes)
        {
            yield return Where("notification figures must be positive and ordered");
        }

        if (p.Reports.RegistrationWithinHours <= 0)
        {
            yield return Where("reports.registrationWithinHours must be positive");
        }

        if (p.Reports.ErdrNumberDigits is < 1 or > 40)
        {
            yield return Where("reports.erdrNumberDigits must be from 1 to 40");
        }

        if (p.Alerts.MessageWithinHours <= 0)
        {
            yield return Where("alerts.messageWithinHours must be positive");
        }

        foreach (var code in p.Alerts.EmailOnly.Where(c => !p.Alerts.Severity.ContainsKey(c)).Distinct(StringComparer.Ordinal))
        {
            yield return Where($"alerts.emailOnly names {code}, which alerts.severity does not");
        }

        foreach (var error in ValidateCases(p.Cases))
        {
            yield return Where(error);
        }

        foreach (var error in p.ProtectionMeasures.Errors())
        {
            yield return Where(error);
        }

        foreach (var error in p.Reprisals.Problems())
        {
            yield return Where(error);
        }

        foreach (var error in p.Protection.Retention.Errors())
        {
            yield return Where(error);
        }

        foreach (var error in p.Examinations.Problems())
        {
            yield return Where(error);
        }

        foreach (var error in p.VisitTeams.Problems())
        {
            yield return Where(error);
        }

        foreach (var error in p.VisitPlanning.Problems())
        {
            yield return Where(error);
        }

        foreach (var error in p.Recommendations.Problems())
        {
            yield return Where(error);
        }

        foreach (var error in p.VisitInterviews.Problems())
        {
            yield return Where(error);
        }

        foreach (var error in p.VisitRecommendations.Problems())
        {
            yield return Where(error);
        }
    }

    private static IEnumerable<string> ValidateCases(CaseRules c)
    {
        if (string.IsNullOrWhiteSpace(c.Article) || c.Parts.Count == 0)
        {
            yield return "cases.article and cases.parts are required";
        }

        if (c.Parts.Keys.Any(k => k < 1))
        {
            yield return "cases.parts are numbered from 1";
        }

        if (c.ReferralAcceptWithinHours <= 0 || c.ReviewWithinHours <= 0)
        {
            yield return "cases.referralAcceptWithinHours and cases.reviewWithinHours must be positive";
        }

        foreach (var kind in Enum.GetValues<BodyKind>())
        {
            if (!c.Bodies.TryGetValue(kind, out var body))
            {
                yield return $"cases.bodies has no entry for {kind}";
            }
            else if (!c.AgencyGroups.ContainsKey(body.AgencyGroup))
            {
                yield return $"cases.bodies.{kind}.agencyGroup '{body.AgencyGroup}' is not in cases.agencyGroups";
            }
            else if (body.EscalatesTo == kind)
            {
                yield return $"cases.bodies.{kind}.escalatesTo must name another body";
            }
        }

        var grouped = c.AgencyGroups.Values.SelectMany(a => a).ToList();
        if (grouped.Count != grouped.Distinct().Count())
        {
            yield return "cases.agencyGroups: an agency belongs to one group at most";
        }

        var q = c.Qualification;
        var referenced = new[] { q.BasePart, q.TorturePart }.Concat(q.Aggravating.Values);
        if (referenced.Any(part => !c.Parts.ContainsKey(part)))
        {
            yield return "cases.qualification names a part that cases.parts does not hold";
        }

        if (q.Purposes.Length == 0)
        {
            yield return "cases.qualification.purposes must name at least one purpose";
        }
    }
}
