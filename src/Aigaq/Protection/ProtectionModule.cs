using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Protection of people who report (issue 15): so far the identity vault (Vault/, ADR 0022), the custodians' keys and
/// protected persons recognised in detentions; identity requests, protection measures and the reprisal register follow.
/// </summary>
internal static class ProtectionModule
{
    public const long MaxBodyBytes = 16 * 1024;

    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddScoped<Custodians>();
        services.AddScoped<EnrolCustodian>();
        services.AddSingleton<ProtectionKeys>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AigaqOptions>, ProtectionKeysCheck>();
        services.AddScoped<RegisterProtectedPerson>();
        services.AddScoped<GetProtectedPerson>();
        services.AddScoped<ChangeProtectedPerson>();
        services.AddScoped<Cases.IComplainantProtection, ProtectComplainant>();
        services.AddScoped<ProtectCustodyComplainants>();
        services.AddSingleton(new Data.NumberSeries(RegisterProtectedPerson.Series, (db, ct) => db.Set<ProtectedPerson>().MaxAsync(p => (long?)p.Seq, ct)));
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ProtectionAudit>();
        services.AddProtectionApplications();
        services.AddReprisals();
        services.AddIdentityRequests();
        services.AddProtectionRetention();
        services.AddAnonymousChannel();
        services.AddProtectionPages();
        services.AddScoped<IIntervieweeProtection, ProtectInterviewee>();
        return services;
    }

    public static IEndpointRouteBuilder MapProtection(this IEndpointRouteBuilder app)
    {
        ProtectionEndpoints.Map(app);
        return app;
    }
}
