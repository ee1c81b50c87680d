using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
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
public sealed class ChangeUserModel(AigaqDb db, AccessLog log, RoleGrants grants, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record HistoryRow(DateTimeOffset At, string By, string? ApprovedBy, AccountChange Change);

    /// <summary>The request for this account that waits for a second administrator, if any, and who made it.</summary>
    public (RoleGrant Grant, string By)? Pending { get; private set; }

    /// <summary>True when the signed-in administrator may approve <see cref="Pending"/>: they neither asked nor are the account.</summary>
    public bool MayApprove { get; private set; }

    public string? DecisionReason { get; set; }

    public Guid Me => User.RequiredUserId();

    /// <summary>The phone as typed, kept after a refusal.</summary>
    public string? Phone { get; set; }

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
        UserAccounts.Submitted? done = null;
        if (v.IsValid)
        {
            try
            {
                done = await UserAccounts.SubmitAsync(HttpContext.RequestServices, id, User.RequiredUserId(), to, f.Reason, v, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
            {
                // Identity's concurrency check, or the change's number taken: another administrator changed the account meanwhile.
                v.Add("change", "the account was changed by someone else meanwhile: look again and repeat");
            }
        }

        if (done is null)
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

        if (done.Request is not null)
        {
            await log.WriteAsync(User.UserId(), "users.grant.request", id.ToString(), "succeeded", ct);
            Saved = t["The change gives a role that a second administrator approves: it waits for their decision."];
            return RedirectToPage(new { id });
        }

        await log.WriteAsync(User.UserId(), "users.change", id.ToString(), "succeeded", ct);
        Saved = t["The account of {0} was changed.", Account.Email ?? ""];
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// The account's mobile number (E.164), or none: a supervisory prosecutor's critical alerts also go to it by SMS. It
    /// is part of the account's logged state (<c>user.state</c>).
    /// </summary>
    public async Task<IActionResult> OnPostPhoneAsync(Guid id, string? phone, [FromServices] UserManager<AppUser> users, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return NotFound();
        }

        var number = PhoneNumber.Normalize(phone);
        if (number is null && !string.IsNullOrWhiteSpace(phone))
        {
            await LoadAsync(id, ct);
            Form = new ChangeUserForm { Role = CurrentRole, Region = Account.Region, FacilityId = Account.FacilityId?.ToString(), Deactivated = Account.Deactivated };
            Phone = phone;
            ModelState.AddModelError("phone", t["Error: is not a phone number in international form, e.g. +77011234567"]);
            return Page();
        }

        IdentityResults.Check(await users.SetPhoneNumberAsync(account, number));
        await log.WriteAsync(User.UserId(), "users.phone", id.ToString(), "succeeded", ct);
        Saved = t["The phone number was saved."];
        return RedirectToPage(new { id });
    }

    /// <summary>Approves or refuses the account's waiting request (<see cref="RoleGrants.DecideAsync"/>).</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid grant, string? decision, string? reason, CancellationToken ct)
    {
        var v = new Validation();
        RoleGrant? decided = null;
        try
        {
            decided = await grants.DecideAsync(grant, User.RequiredUserId(), decision, reason, v, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
        {
            v.Add("decision", "the request or the account was changed by someone else meanwhile: look again");
        }

        if (decided is null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            foreach (var message in v.Errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError("Decision", FormErrors.Message(t, message));
            }

            Form = new ChangeUserForm { Role = CurrentRole, Region = Account.Region, FacilityId = Account.FacilityId?.ToString(), Deactivated = Account.Deactivated };
            DecisionReason = reason;
            await log.WriteAsync(User.UserId(), "users.grant." + (decision is RoleGrants.Approve ? "approve" : "refuse"), id.ToString(), "refused", ct);
            return Page();
        }

        await log.WriteAsync(User.UserId(), "users.grant." + decision, decided.UserId.ToString(), "succeeded", ct);
        Saved = decided.Status switch
        {
            RoleGrantStatus.Approved => t["The request was approved: the account was changed."],
            RoleGrantStatus.Withdrawn => t["The request was withdrawn."],
            _ => t["The request was refused."],
        };
        return RedirectToPage(new { id = decided.UserId });
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
        var pending = await db.Set<RoleGrant>().AsNoTracking().FirstOrDefaultAsync(g => g.UserId == id && g.Status == RoleGrantStatus.Pending, ct);
        var by = changes.Select(c => c.By).Concat(changes.Select(c => c.ApprovedBy ?? c.By)).Append(pending?.RequestedBy ?? id).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => by.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        History = [.. changes.OrderByDescending(c => c.Number).Select(c => new HistoryRow(
            c.At, emails.GetValueOrDefault(c.By, ""), c.ApprovedBy is { } a ? emails.GetValueOrDefault(a, "") : null, c))];
        Pending = pending is null ? null : (pending, emails.GetValueOrDefault(pending.RequestedBy, ""));
        MayApprove = pending is not null && Me != pending.RequestedBy && Me != pending.UserId;
        var facilities = await db.Set<Facility>().AsNoTracking().OrderBy(x => x.Region).ThenBy(x => x.Name).ToListAsync(ct);
        Facilities = [.. facilities.Select(FacilityView.From)];
        return true;
    }
}
