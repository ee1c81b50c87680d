using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Facilities;

/// <summary>A facility of the register. Its phone is left out when there is none, so that the log's commitment to a
/// facility registered before phones were kept stays what it was.</summary>
public sealed record FacilityView(Guid Id, string Name, FacilityType Type, string Region, Agency Agency, string Address, bool AcceptsMinors, string? Phone = null)
{
    public static FacilityView From(Facility f) => new(f.Id, f.Name, f.Type, f.Region, f.Agency, f.Address, f.AcceptsMinors, f.Phone);
}

/// <summary>The facility register: its API, services and audit source.</summary>
internal static class FacilityEndpoints
{
    public static IServiceCollection AddFacilities(this IServiceCollection services)
    {
        services.AddScoped<CreateFacility>();
        services.AddSingleton<FacilityDirectory>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, FacilityAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapFacilities(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/facilities").WithTags("Facilities");
        api.MapGet("/", ListFacilities.HandleAsync)
            .RequireAuthorization(Permissions.ViewFacilities)
            .WithName("ListFacilities");
        api.MapPost("/", (HttpContext http, CreateFacilityRequest body, CreateFacility handler, CommandRunner runner) =>
                runner.CreateAsync(http, "facilities.create", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageFacilities)
            .WithName("CreateFacility");
        return app;
    }
}
