using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Facilities;

public sealed record FacilityView(Guid Id, string Name, FacilityType Type, string Region, Agency Agency, string Address, bool AcceptsMinors)
{
    public static FacilityView From(Facility f) => new(f.Id, f.Name, f.Type, f.Region, f.Agency, f.Address, f.AcceptsMinors);
}

public sealed record CreateFacilityRequest(string? Name, FacilityType? Type, string? Region, Agency? Agency, string? Address, bool? AcceptsMinors);

internal static class FacilityEndpoints
{
    public const int PageSize = 200;

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
        api.MapGet("/", ListAsync)
            .RequireAuthorization(Permissions.ViewFacilities)
            .Produces<Page<FacilityView>>()
            .WithName("ListFacilities");
        api.MapPost("/", (HttpContext http, CreateFacilityRequest body, CreateFacility handler, CommandRunner runner) =>
                runner.CreateAsync(http, "facilities.create", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageFacilities)
            .Produces<FacilityView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("CreateFacility");
        return app;
    }

    private static async Task<IResult> ListAsync(string? region, string? cursor, AigaqDb db, CancellationToken ct)
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
            return v.Problem();
        }

        var query = db.Set<Facility>().AsNoTracking();
        if (region is not null)
        {
            query = query.Where(f => f.Region == region);
        }

        var rows = await query.OrderBy(f => f.Region).ThenBy(f => f.Name).ThenBy(f => f.Id)
            .Skip(offset).Take(PageSize + 1).ToListAsync(ct);
        var next = rows.Count > PageSize ? (offset + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Results.Ok(new Page<FacilityView>([.. rows.Take(PageSize).Select(FacilityView.From)], next));
    }
}

/// <summary>Adds a facility to the register.</summary>
public sealed class CreateFacility(AigaqDb db, TimeProvider clock)
{
    public Task<Outcome<FacilityView>> HandleAsync(CreateFacilityRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        _ = ct;
        var v = new Validation();
        var name = v.Required("name", r.Name, 300);
        var type = v.Required("type", r.Type);
        var region = v.Required("region", r.Region, 8);
        v.Region("region", region);

        var agency = v.Required("agency", r.Agency);
        var address = v.Required("address", r.Address, 500);
        if (!v.IsValid)
        {
            return Task.FromResult<Outcome<FacilityView>>(new ProblemResult(v.Problem()));
        }

        var now = clock.GetUtcNow();
        var facility = new Facility
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Type = type,
            Region = region,
            Agency = agency,
            Address = address,
            AcceptsMinors = r.AcceptsMinors ?? false,
            CreatedAt = now,
            CreatedBy = user.UserId(),
        };
        db.Add(facility);
        LedgerWriter.Append(db, FacilityLedger.Registered, facility.Id, now, w => FacilityLedger.Content(w, facility));
        return Task.FromResult(Outcome<FacilityView>.Created(() => FacilityView.From(facility), $"/api/v1/facilities/{facility.Id}"));
    }
}
