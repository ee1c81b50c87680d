namespace Aigaq.Protection;

/// <summary>
/// Protection of people who report (issue 15): so far the identity vault (Vault/, ADR 0022) and the custodians' keys;
/// protected persons, identity requests, protection measures and the reprisal register follow.
/// </summary>
internal static class ProtectionModule
{
    public const long MaxBodyBytes = 16 * 1024;

    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddScoped<Custodians>();
        services.AddScoped<EnrolCustodian>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ProtectionAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapProtection(this IEndpointRouteBuilder app)
    {
        ProtectionEndpoints.Map(app);
        return app;
    }
}
