using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Facilities;

public sealed class FacilityForm
{
    public string? FormKey { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Region { get; set; }
    public string? Agency { get; set; }
    public string? Address { get; set; }
    public bool AcceptsMinors { get; set; }
    public string? Phone { get; set; }
}

/// <summary>The facility register: list and create (administrators).</summary>
[Authorize(Policy = Permissions.ManageFacilities)]
public sealed class AdminModel(AigaqDb db, CreateFacility create, CommandRunner runner, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    [BindProperty]
    public FacilityForm Form { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new FacilityForm { FormKey = Guid.NewGuid().ToString("N") };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new CreateFacilityRequest(
            Form.Name,
            Enum.TryParse<FacilityType>(Form.Type, out var type) ? type : null,
            Form.Region,
            Enum.TryParse<Agency>(Form.Agency, out var agency) ? agency : null,
            Form.Address,
            Form.AcceptsMinors,
            string.IsNullOrWhiteSpace(Form.Phone) ? null : Form.Phone);
        var run = await runner.RunFormAsync(
            User.RequiredUserId(), Form.FormKey, "facilities.create", _ => "/admin/facilities",
            c => create.HandleAsync(request, User, c), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => p.Length == 0 ? "" : "Form." + char.ToUpperInvariant(p[0]) + p[1..], t);
            await LoadAsync(ct);
            return Page();
        }

        Saved = t["The facility was added."];
        return LocalRedirect(run.Location!);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.Set<Facility>().AsNoTracking().OrderBy(f => f.Region).ThenBy(f => f.Name).ToListAsync(ct);
        Facilities = [.. rows.Select(FacilityView.From)];
    }
}
