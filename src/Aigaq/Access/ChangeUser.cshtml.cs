using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Access;

public sealed class ChangeUserForm
{
    public string? Role { get; set; }
    public string? Region { get; set; }
    public string? FacilityId { get; set; }
    public bool Deactivated { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// One account (administrators): its role, scope and activity changed with a reason, each change logged, and the
/// history of its changes: who changed what, when and why.
/// </summary>
[Authorize(Policy = Permissions.ManageUsers)]
public sealed class ChangeUserModel(AigaqDb db, AccessLog log, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record HistoryRow(DateTimeOffset At, string By, AccountChange Change);

    public AppUser Account { get; private set; } = null!;
    public string CurrentRole { get; private set; } = "";
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    [BindProperty]
    public ChangeUserForm Form { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Form = new ChangeUserForm
        {
            Role = CurrentRole,
            Region = Account.Region,
            FacilityId = Account.FacilityId?.ToString(),
            Deactivated = Account.Deactivated,
        };
        await log.WriteAsync(User.UserId(), "users.read", id.ToString(), "allowed", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var f = Form;
        var v = new Validation();
        Guid? facility = null;
        if (!string.IsNullOrEmpty(f.FacilityId))
        {
            if (Guid.TryParse(f.FacilityId, out var parsed))
            {
                facility = parsed;
            }
            else
            {
                v.Add("facilityId", "is not a known facility");
            }
        }

        var to = new UserAccounts.AccountState(f.Role ?? "", string.IsNullOrEmpty(f.Region) ? null : f.Region, facility, f.Deactivated);
        AccountChange? change = null;
        if (v.IsValid)
        {
            try
            {
                change = await UserAccounts.ChangeAsync(HttpContext.RequestServices, id, User.RequiredUserId(), to, f.Reason, v, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
            {
                // Identity's concurrency check, or the change's number taken: another administrator changed the account meanwhile.
                v.Add("change", "the account was changed by someone else meanwhile: look again and repeat");
            }
        }

        if (change is null)
        {
            foreach (var (field, messages) in v.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field == "change" ? "" : "Form." + field, FormErrors.Message(t, message));
                }
            }

            await LoadAsync(id, ct);
            await log.WriteAsync(User.UserId(), "users.change", id.ToString(), "refused", ct);
            return Page();
        }

        await log.WriteAsync(User.UserId(), "users.change", id.ToString(), "succeeded", ct);
        Saved = t["The account of {0} was changed.", Account.Email ?? ""];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // A fresh read: after a refused change the tracked account may hold the values that were not saved.
        db.ChangeTracker.Clear();
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is not { } account)
        {
            return false;
        }

        Account = account;
        CurrentRole = await UserAccounts.RoleOfAsync(db, id, ct);
        var changes = await db.Set<AccountChange>().AsNoTracking().Where(c => c.UserId == id).ToListAsync(ct);
        var by = changes.Select(c => c.By).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => by.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        History = [.. changes.OrderByDescending(c => c.Number).Select(c => new HistoryRow(c.At, emails.GetValueOrDefault(c.By, ""), c))];
        var facilities = await db.Set<Facility>().AsNoTracking().OrderBy(x => x.Region).ThenBy(x => x.Name).ToListAsync(ct);
        Facilities = [.. facilities.Select(FacilityView.From)];
        return true;
    }
}
