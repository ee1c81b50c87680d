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

public sealed class UserForm
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Region { get; set; }
    public string? FacilityId { get; set; }
    public string? Language { get; set; }
    public string? Password { get; set; }

    /// <summary>A mobile number in E.164 form (+77011234567): a supervisory prosecutor's critical alerts also go by SMS.</summary>
    public string? Phone { get; set; }

    /// <summary>Why the account gets its role: required for a role a second administrator approves.</summary>
    public string? Reason { get; set; }
}

/// <summary>User accounts: list and create with role and scope (administrators); each account's own page changes it.</summary>
[Authorize(Policy = Permissions.ManageUsers)]
public sealed class UsersModel(AigaqDb db, AccessLog log, UserManager<AppUser> users, RoleGrants grants, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MinPasswordLength = 10;

    /// <summary>A request that waits for a second administrator: the account, who asked, and the request.</summary>
    public sealed record PendingRow(string Account, string By, RoleGrant Grant);

    public IReadOnlyList<PendingRow> Pending { get; private set; } = [];

    public sealed record Row(Guid Id, string Email, string? Name, string Role, string? Region, Guid? FacilityId, bool TwoFactor, bool Locked, bool Deactivated);

    public IReadOnlyList<Row> Users { get; private set; } = [];
    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    [BindProperty]
    public UserForm Form { get; set; } = new();

    /// <summary>The search: part of a name or an e-mail address.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public string? RoleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? RegionFilter { get; set; }

    /// <summary><c>active</c>, <c>deactivated</c>, or either.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || RoleFilter is not null || RegionFilter is not null || State is not null;

    /// <summary>The longest search accepted.</summary>
    public const int MaxQ = 100;

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        log.Add(User, "users.list", $"{Users.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var f = Form;
        var email = f.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            ModelState.AddModelError("Form.Email", t["Enter an e-mail address."]);
        }
        else if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct))
        {
            ModelState.AddModelError("Form.Email", t["A user with this e-mail exists."]);
        }

        if (f.Role is null || !Roles.IsKnown(f.Role))
        {
            ModelState.AddModelError("Form.Role", t["Choose a role."]);
        }

        var region = string.IsNullOrEmpty(f.Region) ? null : f.Region;
        if (region is not null && !Regions.IsKnown(region))
        {
            ModelState.AddModelError("Form.Region", t["Error: is not an ISO 3166-2:KZ region code"]);
        }

        Guid? facility = null;
        if (!string.IsNullOrEmpty(f.FacilityId))
        {
            if (Guid.TryParse(f.FacilityId, out var id) && await db.Set<Facility>().AnyAsync(x => x.Id == id, ct))
            {
                facility = id;
            }
            else
            {
                ModelState.AddModelError("Form.FacilityId", t["Error: is not a known facility"]);
            }
        }

        if (f.Role is not null && UserAccounts.ScopeProblem(f.Role, facility) is not null && ModelState.GetFieldValidationState("Form.FacilityId") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Form.FacilityId", t["A custody officer needs a facility."]);
        }

        if (string.IsNullOrEmpty(f.Password) || f.Password.Length < MinPasswordLength)
        {
            ModelState.AddModelError("Form.Password", Plurals.Count(t, "password.minLength", MinPasswordLength));
        }

        var phone = PhoneNumber.Normalize(f.Phone);
        if (phone is null && !string.IsNullOrWhiteSpace(f.Phone))
        {
            ModelState.AddModelError("Form.Phone", t["Error: is not a phone number in international form, e.g. +77011234567"]);
        }

        var reason = f.Reason?.Trim();
        var needsSecond = f.Role is not null && Permissions.NeedsSecondAdministrator(f.Role);
        if (needsSecond && string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError("Form.Reason", t["Give the reason: a second administrator approves this role."]);
        }
        else if (reason is { Length: > UserAccounts.MaxReason })
        {
            ModelState.AddModelError("Form.Reason", Plurals.Count(t, "error.atMostCharacters", UserAccounts.MaxReason));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var language = f.Language is "kk" or "ru" or "en" ? f.Language : null;
            var name = string.IsNullOrWhiteSpace(f.Name) ? null : f.Name.Trim();

            // A role of power is not given by one administrator: the account is created without a role, and the role is
            // asked for in the same transaction, for a second administrator to approve.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var user = await UserAccounts.CreateAsync(HttpContext.RequestServices, email!, needsSecond ? UserAccounts.NoRole : f.Role!, region, facility, f.Password!, name, language, phone);
            if (needsSecond)
            {
                var v = new Validation();
                if (await UserAccounts.RequestAsync(HttpContext.RequestServices, user.Id, User.RequiredUserId(), new(f.Role!, region, facility, false), reason, v, ct) is null)
                {
                    throw new InvalidOperationException(string.Join("; ", v.Errors.SelectMany(e => e.Value)));
                }
            }

            await tx.CommitAsync(ct);
            await log.WriteAsync(User.UserId(), "users.create", user.Id.ToString(), "succeeded", ct);
            if (needsSecond)
            {
                await log.WriteAsync(User.UserId(), "users.grant.request", user.Id.ToString(), "succeeded", ct);
            }
        }
        catch (InvalidOperationException ex)
        {
            // Identity's own checks (password rules, a taken e-mail) report here, in the user's language.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", ex.Message);
            await LoadAsync(ct);
            return Page();
        }

        Saved = needsSecond
            ? t["The user was added without a role: the role waits for a second administrator's approval."]
            : t["The user was added."];
        return RedirectToPage();
    }

    /// <summary>
    /// For a user who lost the phone with the authenticator: the old key stops working and the
    /// user enrols a new one at the next sign-in (the second factor stays required for the role).
    /// </summary>
    public async Task<IActionResult> OnPostResetSecondFactorAsync(string? email, CancellationToken ct)
    {
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null)
        {
            return NotFound();
        }

        IdentityResults.Check(await users.SetTwoFactorEnabledAsync(user, false));
        IdentityResults.Check(await users.ResetAuthenticatorKeyAsync(user));
        await log.WriteAsync(User.UserId(), "users.reset-second-factor", user.Id.ToString(), "succeeded", ct);
        Saved = t["Two-step sign-in was reset for {0}; they set it up again at their next sign-in.", user.Email!];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string? email, CancellationToken ct)
    {
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null)
        {
            return NotFound();
        }

        IdentityResults.Check(await users.SetLockoutEndDateAsync(user, null));
        IdentityResults.Check(await users.ResetAccessFailedCountAsync(user));
        await log.WriteAsync(User.UserId(), "users.unlock", user.Id.ToString(), "succeeded", ct);
        Saved = t["{0} was unlocked.", user.Email!];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Filters that mean nothing are dropped rather than refused, as on the other lists: the page shows what it can.
        RoleFilter = RoleFilter is not null && Roles.IsKnown(RoleFilter) ? RoleFilter : null;
        RegionFilter = Regions.IsKnown(RegionFilter ?? "") ? RegionFilter : null;
        State = State is "active" or "deactivated" ? State : null;
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim() is { Length: > MaxQ } tooLong ? tooLong[..MaxQ] : Q.Trim();

        var now = DateTimeOffset.UtcNow;
        var accounts = db.Users.AsNoTracking();
        if (Q is { } q)
        {
            // E-mail addresses are kept upper-cased as well; names as typed, so the usual casings of the search are tried.
            var upper = q.ToUpperInvariant();
            var lower = q.ToLowerInvariant();
            var title = System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower);
            accounts = accounts.Where(u => u.NormalizedEmail!.Contains(upper) ||
                (u.DisplayName != null && (u.DisplayName.Contains(q) || u.DisplayName.Contains(lower) || u.DisplayName.Contains(title) || u.DisplayName.Contains(upper))));
        }

        if (RegionFilter is not null)
        {
            accounts = accounts.Where(u => u.Region == RegionFilter);
        }

        if (State is not null)
        {
            var deactivated = State == "deactivated";
            accounts = accounts.Where(u => u.Deactivated == deactivated);
        }

        var joined =
            from u in accounts
            join ur in db.UserRoles on u.Id equals ur.UserId into urs
            from ur in urs.DefaultIfEmpty()
            join r in db.Roles on ur.RoleId equals r.Id into rs
            from r in rs.DefaultIfEmpty()
            select new { u.Id, u.Email, u.DisplayName, Role = r == null ? "" : r.Name, u.Region, u.FacilityId, u.TwoFactorEnabled, u.LockoutEnd, u.Deactivated };
        if (RoleFilter is not null)
        {
            joined = joined.Where(x => x.Role == RoleFilter);
        }

        var rows = await joined.OrderBy(x => x.Email).ToListAsync(ct);
        Users = [.. rows.Select(x => new Row(x.Id, x.Email ?? "", x.DisplayName, x.Role ?? "", x.Region, x.FacilityId, x.TwoFactorEnabled, x.LockoutEnd is { } end && end > now, x.Deactivated))];
        var facilities = await db.Set<Facility>().AsNoTracking().OrderBy(x => x.Region).ThenBy(x => x.Name).ToListAsync(ct);
        Facilities = [.. facilities.Select(FacilityView.From)];
        var pending = await grants.OfStatusAsync(RoleGrantStatus.Pending, ct);
        var named = pending.SelectMany(g => new[] { g.UserId, g.RequestedBy }).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => named.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        Pending = [.. pending.Select(g => new PendingRow(emails.GetValueOrDefault(g.UserId, ""), emails.GetValueOrDefault(g.RequestedBy, ""), g))];
    }
}
