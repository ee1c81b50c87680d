namespace Aigaq.Rules;

internal static class RulesModule
{
    public static IServiceCollection AddRules(this IServiceCollection services)
    {
        // Built eagerly so that an invalid pack fails start-up, not the first registration.
        services.AddSingleton(RulePackCatalog.LoadEmbedded());
        return services;
    }

    public static DateTimeOffset ToLocal(this RulePack pack, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, pack.Zone);
}
