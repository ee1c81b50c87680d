using Aigaq.Access;
using Aigaq.Detentions;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Protection;

/// <summary>The registration form, flat so that a phone browser keeps every field on a failed send.</summary>
public sealed class ProtectedPersonForm
{
    public string? FormKey { get; set; }
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Patronymic { get; set; }
    public string? BirthDate { get; set; }
    public string? Iin { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? Role { get; set; }
    public string? Disclosure { get; set; }
    public string? Risk { get; set; }
    public string? Region { get; set; }
    public string? ReportId { get; set; }
    public string? CaseId { get; set; }
    public string? DetentionId { get; set; }
}

/// <summary>
/// /protection: the protected persons the user may read, newest first (pseudonym, role, risk, disclosure, open alerts),
/// and the form that registers one, through the same handlers as the API. The identity typed here is sealed at once and
/// never shown again on any page but a granted request's.
/// </summary>
[Authorize(Policy = Permissions.RegisterProtectedPersons)]
public sealed class ProtectedPersonsModel(
    ListProtectedPersons list, RegisterProtectedPerson register, CommandRunner runner, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["identity"] = nameof(ProtectedPersonForm.LastName),
        ["identity.person"] = nameof(ProtectedPersonForm.LastName),
        ["identity.person.lastName"] = nameof(ProtectedPersonForm.LastName),
        ["identity.person.firstName"] = nameof(ProtectedPersonForm.FirstName),
        ["identity.person.patronymic"] = nameof(ProtectedPersonForm.Patronymic),
        ["identity.person.birthDate"] = nameof(ProtectedPersonForm.BirthDate),
        ["identity.person.iin"] = nameof(ProtectedPersonForm.Iin),
        ["identity.phone"] = nameof(ProtectedPersonForm.Phone),
        ["identity.email"] = nameof(ProtectedPersonForm.Email),
        ["identity.address"] = nameof(ProtectedPersonForm.Address),
        ["role"] = nameof(ProtectedPersonForm.Role),
        ["disclosure"] = nameof(ProtectedPersonForm.Disclosure),
        ["risk"] = nameof(ProtectedPersonForm.Risk),
        ["region"] = nameof(ProtectedPersonForm.Region),
        ["reportId"] = nameof(ProtectedPersonForm.ReportId),
        ["caseId"] = nameof(ProtectedPersonForm.CaseId),
        ["detentionId"] = nameof(ProtectedPersonForm.DetentionId),
    };

    public Page<ProtectedPersonSummary> Persons { get; private set; } = new([], null);
    public bool Continued { get; private set; }

    [BindProperty]
    public ProtectedPersonForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? cursor, Guid? reportId, Guid? caseId, Guid? detentionId, CancellationToken ct)
    {
        var v = new Validation();
        var after = v.SeqCursor(cursor);
        if (!v.IsValid)
        {
            return v.PageProblem();
        }

        Continued = after is not null;
        Persons = await list.PageAsync(after, ListProtectedPersons.PageSize, User, ct);
        Form = new ProtectedPersonForm
        {
            FormKey = Guid.NewGuid().ToString("N"),
            Region = User.RegionScope(),
            Role = nameof(ProtectedRole.Complainant),
            Disclosure = nameof(Disclosure.Confidential),
            Risk = nameof(RiskLevel.Medium),
            ReportId = reportId?.ToString(),
            CaseId = caseId?.ToString(),
            DetentionId = detentionId?.ToString(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A refused form is shown again with the identity typed into it: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        var request = ToRequest(Form);
        if (ModelState.IsValid)
        {
            var run = await runner.RunFormAsync(
                User.RequiredUserId(), Form.FormKey, "protected-persons.register", r => $"/protection/{r.Id}", c => register.HandleAsync(request, User, c), ct);
            if (run.Problem is null)
            {
                return LocalRedirect(run.Location!);
            }

            FormErrors.AddTo(ModelState, run.Problem, p => p.Length == 0 ? "" : "Form." + (Fields.TryGetValue(p, out var f) ? f : p), t);
        }

        Persons = await list.PageAsync(null, ListProtectedPersons.PageSize, User, ct);
        return Page();
    }

    private RegisterProtectedPersonRequest ToRequest(ProtectedPersonForm f)
    {
        var born = ProtectionForms.Day(ModelState, "Form." + nameof(f.BirthDate), f.BirthDate, t);
        var person = new PersonInput(
            ProtectionForms.Blank(f.LastName), ProtectionForms.Blank(f.FirstName), ProtectionForms.Blank(f.Patronymic), born, ProtectionForms.Blank(f.Iin),
            null, null, null);
        return new RegisterProtectedPersonRequest(
            new IdentityInput(person, ProtectionForms.Blank(f.Phone), ProtectionForms.Blank(f.Email), ProtectionForms.Blank(f.Address)),
            ProtectionForms.Enum<ProtectedRole>(f.Role), ProtectionForms.Enum<Disclosure>(f.Disclosure), ProtectionForms.Enum<RiskLevel>(f.Risk),
            ProtectionForms.Id(ModelState, "Form." + nameof(f.ReportId), f.ReportId, t),
            ProtectionForms.Id(ModelState, "Form." + nameof(f.CaseId), f.CaseId, t),
            ProtectionForms.Id(ModelState, "Form." + nameof(f.DetentionId), f.DetentionId, t),
            null, ProtectionForms.Blank(f.Region));
    }
}
