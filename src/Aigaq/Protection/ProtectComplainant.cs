using System.Security.Claims;
using Aigaq.Cases;
using Aigaq.Detentions;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>
/// Registers a report's victim as a protected person as the report is received (issue 15, item 1), with the identity
/// the report gives and the contacts that only the sealed identity holds. Field names are answered as the report's
/// request names them (<c>protect.risk</c>, <c>victims[0].birthDate</c>).
/// </summary>
internal sealed class ProtectComplainant(RegisterProtectedPerson register) : IComplainantProtection
{
    public async Task<IResult?> ProtectAsync(Report report, int victim, VictimInput person, ProtectInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var role = v.OptionalEnum<ProtectedRole>("protect.role", input.Role) ?? ProtectedRole.Complainant;
        var disclosure = v.OptionalEnum<Disclosure>("protect.disclosure", input.Disclosure);
        var risk = v.OptionalEnum<RiskLevel>("protect.risk", input.Risk);
        if (disclosure == Disclosure.Anonymous)
        {
            // The report keeps its victims' names in the clear: an anonymous person is registered apart, with no report naming them.
            v.Add("protect.disclosure", "an anonymous person cannot be named in a report; register them apart");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var request = new RegisterProtectedPersonRequest(
            new IdentityInput(new PersonInput(person.LastName, person.FirstName, person.Patronymic, person.BirthDate, person.Iin, null, null, null), input.Phone, input.Email, input.Address),
            role, disclosure, risk, report.Id, null, null, null, null);
        var outcome = await register.HandleAsync(request, user, ct, field => field switch
        {
            "identity" or "identity.person" => $"victims[{victim}]",
            _ when field.StartsWith("identity.person.", StringComparison.Ordinal) => $"victims[{victim}].{field["identity.person.".Length..]}",
            _ when field.StartsWith("identity.", StringComparison.Ordinal) => $"protect.{field["identity.".Length..]}",
            _ => $"protect.{field}",
        });
        return outcome.Problem;
    }
}
