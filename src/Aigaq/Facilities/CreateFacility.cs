using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Facilities;

public sealed record CreateFacilityRequest(string? Name, FacilityType? Type, string? Region, Agency? Agency, string? Address, bool? AcceptsMinors, string? Phone = null);

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
        var phone = v.Optional("phone", r.Phone, 20);
        if (phone is not null && !PhoneNumber.IsValid(phone))
        {
            v.Add("phone", "is not a phone number in international form, e.g. +77011234567");
        }

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
            Phone = phone,
            CreatedAt = now,
            CreatedBy = user.UserId(),
        };
        db.Add(facility);
        LedgerWriter.Append(db, FacilityLedger.Registered, facility.Id, now, w => FacilityLedger.Content(w, facility));
        return Task.FromResult(Outcome<FacilityView>.Created(() => FacilityView.From(facility), $"/api/v1/facilities/{facility.Id}"));
    }
}
