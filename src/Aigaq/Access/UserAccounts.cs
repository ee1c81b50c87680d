using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Access;

/// <summary>
/// Creates user accounts with their role and scope; used by the CLI, the admin pages and the demo.
/// The account and its role are committed to the transparency log in the same transaction.
/// </summary>
public static class UserAccounts
{
    public const string CreatedKind = "user.created";

    /// <summary>The kind of an account change's log entry: role, scope or activity changed by an administrator.</summary>
    public const string ChangedKind = "user.changed";

    public const int MaxReason = 2000;

    /// <summary>
    /// The role of an account created to be given a role of power: none, until a second administrator approves the
    /// request made with it (it can sign in, and may do nothing).
    /// </summary>
    public const string NoRole = "";

    /// <summary>
    /// A password for an account made without one (67 bits): letters and digits both, as the password rules ask; a
    /// base-64 string, used before, lacked a digit about one time in sixteen and the account was not made.
    /// </summary>
    public static string MakePassword() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz", 12) +
        System.Security.Cryptography.RandomNumberGenerator.GetString("23456789", 4);

    public static Task<AppUser> CreateAsync(
        IServiceProvider services, string email, string role, string? region, Guid? facility,
        string password, string? name, string? language, string? phone = null) =>
        CreateAsync(services, email, role, region, facility, name, language, (users, user) =>
        {
            user.PhoneNumber = phone;
            return users.CreateAsync(user, password);
        });

    /// <summary>
    /// As <see cref="CreateAsync(IServiceProvider, string, string, string?, Guid?, string, string?, string?, string?)"/>, with the
    /// password already hashed: the demo gives its many accounts one password and hashes it once.
    /// </summary>
    internal static Task<AppUser> CreateHashedAsync(
        IServiceProvider services, string email, string role, string? region, Guid? facility,
        string passwordHash, string? name, string? language) =>
        CreateAsync(services, email, role, region, facility, name, language, (users, user) =>
        {
            user.PasswordHash = passwordHash;
            return users.CreateAsync(user);
        });

    private static async Task<AppUser> CreateAsync(
        IServiceProvider services, string email, string role, string? region, Guid? facility,
        string? name, string? language, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> create)
    {
        if (ScopeProblem(role, facility) is { } scope)
        {
            throw new ArgumentException($"The facility {scope}.", nameof(facility));
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<AigaqDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Region = region,
            FacilityId = facility,
            Language = language,
            CreatedAt = now,
        };

        // Inside a caller's transaction (the users page's, which asks for a role of power with it) it joins that one.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        IdentityResults.Check(await create(users, user));
        if (role != NoRole)
        {
            IdentityResults.Check(await users.AddToRoleAsync(user, role));
        }

        LedgerWriter.Append(db, CreatedKind, user.Id, now, Content(user, role));
        await db.SaveChangesAsync();
        if (tx is not null)
        {
            await tx.CommitAsync();
        }

        return user;
    }

    /// <summary>
    /// The scope a role needs, or null when it has it: a custody officer records the custody of one facility and reads
    /// its detentions, so an account in that role without a facility would have no scope (issue 13, item 9).
    /// </summary>
    public static string? ScopeProblem(string role, Guid? facility) =>
        role == Roles.CustodyOfficer && facility is null ? "is required for a custody officer" : null;

    /// <summary>What the log commits to for an account: identity, role and scope, never the password.</summary>
    public static JsonObject Content(AppUser user, string role) => Content(user, role, user.Region, user.FacilityId);

    /// <summary>An account's creation with the role and scope it was created with (they may have changed since).</summary>
    public static JsonObject Content(AppUser user, string role, string? region, Guid? facility) => new()
    {
        ["id"] = user.Id.ToString(),
        ["email"] = user.Email,
        ["role"] = role,
        ["region"] = region,
        ["facilityId"] = facility?.ToString(),
        ["createdAt"] = LedgerWriter.Instant(user.CreatedAt),
    };

    /// <summary>
    /// What the log commits to for an account change: who changed what, when and why, before and after, and the second
    /// administrator who approved it when it gave power (a member only then, so earlier changes keep their content).
    /// </summary>
    public static JsonObject Content(AccountChange c)
    {
        var content = new JsonObject
        {
            ["id"] = c.Id.ToString(),
            ["userId"] = c.UserId.ToString(),
            ["number"] = c.Number,
            ["at"] = LedgerWriter.Instant(c.At),
            ["by"] = c.By.ToString(),
            ["reason"] = c.Reason,
            ["from"] = State(c.FromRole, c.FromRegion, c.FromFacilityId, c.FromDeactivated),
            ["to"] = State(c.ToRole, c.ToRegion, c.ToFacilityId, c.ToDeactivated),
        };
        if (c.ApprovedBy is { } approver)
        {
            content["approvedBy"] = approver.ToString();
        }

        return content;
    }

    private static JsonObject State(string role, string? region, Guid? facility, bool deactivated) => new()
    {
        ["role"] = role,
        ["region"] = region,
        ["facilityId"] = facility?.ToString(),
        ["deactivated"] = deactivated,
    };

    /// <summary>An account's role, scope and activity, as an administrator sets them.</summary>
    public sealed record AccountState(string Role, string? Region, Guid? FacilityId, bool Deactivated);

    /// <summary>The roles of an account, joined as the log records them (one, unless given others behind the application's back).</summary>
    public static async Task<string> RoleOfAsync(AigaqDb db, Guid userId, CancellationToken ct)
    {
        var names = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where ur.UserId == userId
            select r.Name!).ToListAsync(ct);
        return string.Join(",", names.Order(StringComparer.Ordinal));
    }

    /// <summary>What <see cref="SubmitAsync(IServiceProvider, Guid, Guid, AccountState, string?, Validation, CancellationToken)"/> did: changed the account, or asked a second administrator to.</summary>
    public sealed record Submitted(AccountChange? Change, RoleGrant? Request);

    /// <summary>
    /// True when going from <paramref name="from"/> to <paramref name="to"/> gives an active account a role that one
    /// administrator may not give alone: a new such role, or an account in such a role activated again.
    /// </summary>
    public static bool GivesPower(AccountState from, AccountState to) =>
        !to.Deactivated && Permissions.NeedsSecondAdministrator(to.Role) && (from.Role != to.Role || from.Deactivated);

    /// <summary>
    /// Changes an account's role, scope or activity, by administrator <paramref name="by"/> and for
    /// <paramref name="reason"/>: the account, the change and its log entry in one transaction. A deactivated account's
    /// tokens are revoked; any change renews the security stamp, so signed-in sessions take the new role or end. Field
    /// errors (unknown role, region or facility; no reason; nothing changed; an administrator taking away their own
    /// access; a role of power, which needs a second administrator: <see cref="RequestAsync"/>) come back in the
    /// validation and nothing is written. A concurrent change of the same account makes this one fail (Identity's
    /// concurrency stamp) rather than log a change from a state that is gone.
    /// </summary>
    public static async Task<AccountChange?> ChangeAsync(
        IServiceProvider services, Guid userId, Guid by, AccountState to, string? reason, Validation v, CancellationToken ct) =>
        (await SubmitAsync(services, userId, by, to, reason, v, Power.Refuse, ct))?.Change;

    /// <summary>
    /// Asks for a change that gives a role of power (<see cref="GivesPower"/>): checked as <see cref="ChangeAsync"/>
    /// checks it, then kept as a pending <see cref="RoleGrant"/> that a second administrator approves or refuses
    /// (<see cref="RoleGrants"/>). One request per account is open at a time. A change that gives no such power is
    /// refused here: one administrator makes it.
    /// </summary>
    public static async Task<RoleGrant?> RequestAsync(
        IServiceProvider services, Guid userId, Guid by, AccountState to, string? reason, Validation v, CancellationToken ct) =>
        (await SubmitAsync(services, userId, by, to, reason, v, Power.RequestOnly, ct))?.Request;

    /// <summary>As the account's page and the command line do: the change made, or asked for when it gives power.</summary>
    public static Task<Submitted?> SubmitAsync(
        IServiceProvider services, Guid userId, Guid by, AccountState to, string? reason, Validation v, CancellationToken ct) =>
        SubmitAsync(services, userId, by, to, reason, v, Power.Request, ct);

    public const string NeedsSecondAdministrator = "gives a role that needs a second administrator's approval: ask for it as a role grant";
    public const string NeedsNoSecondAdministrator = "gives no role that needs a second administrator: change the account directly";
    public const string RequestOpen = "a request to change this account waits for a second administrator already: decide it first";

    private enum Power
    {
        Refuse,
        Request,
        RequestOnly,
    }

    private static async Task<Submitted?> SubmitAsync(
        IServiceProvider services, Guid userId, Guid by, AccountState to, string? reason, Validation v, Power power, CancellationToken ct)
    {
        var db = services.GetRequiredService<AigaqDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await CheckAsync(db, userId, by, to, reason, v, ct) is not var (user, from, why))
        {
            return null;
        }

        var gives = GivesPower(from, to);
        if (gives && power == Power.Refuse)
        {
            v.Add("role", NeedsSecondAdministrator);
        }
        else if (!gives && power == Power.RequestOnly)
        {
            v.Add("role", NeedsNoSecondAdministrator);
        }
        else if (gives && await db.Set<RoleGrant>().AnyAsync(g => g.UserId == userId && g.Status == RoleGrantStatus.Pending, ct))
        {
            v.Add("change", RequestOpen);
        }

        if (!v.IsValid)
        {
            return null;
        }

        if (!gives)
        {
            return new(await ApplyAsync(services, user, from, to, by, null, why, now, null, ct), null);
        }

        var grant = new RoleGrant
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            RequestedAt = now,
            RequestedBy = by,
            Reason = why,
            FromRole = from.Role,
            FromRegion = from.Region,
            FromFacilityId = from.FacilityId,
            FromDeactivated = from.Deactivated,
            ToRole = to.Role,
            ToRegion = to.Region,
            ToFacilityId = to.FacilityId,
            ToDeactivated = to.Deactivated,
            Status = RoleGrantStatus.Pending,
        };
        db.Add(grant);
        try
        {
            // A second request for the account saved meanwhile fails on the index of open requests.
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        return new(null, grant);
    }

    /// <summary>The account, its state and the trimmed reason when the change may be made; else null with field errors.</summary>
    private static async Task<(AppUser User, AccountState From, string Why)?> CheckAsync(
        AigaqDb db, Guid userId, Guid by, AccountState to, string? reason, Validation v, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            v.Add("user", "is not a known account");
            return null;
        }

        if (!Roles.IsKnown(to.Role))
        {
            v.Add("role", "is not a role");
        }

        v.Region("region", to.Region);
        if (to.FacilityId is { } facility && !await db.Set<Facilities.Facility>().AnyAsync(f => f.Id == facility, ct))
        {
            v.Add("facilityId", "is not a known facility");
        }
        else if (ScopeProblem(to.Role, to.FacilityId) is { } scope)
        {
            v.Add("facilityId", scope);
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            v.Add("reason", "is required");
        }
        else if (why.Length > MaxReason)
        {
            v.Add("reason", $"must be at most {MaxReason} characters");
        }

        var from = await StateOfAsync(db, user, ct);
        if (from == to)
        {
            v.Add("change", "nothing would change");
        }

        if (userId == by && (to.Deactivated || to.Role != Roles.Administrator))
        {
            // The last way back in would be the database itself.
            v.Add(to.Deactivated ? "deactivated" : "role", "an administrator cannot take away their own access");
        }

        return v.IsValid ? (user, from, why!) : null;
    }

    /// <summary>An account's role, scope and activity as stored now.</summary>
    public static async Task<AccountState> StateOfAsync(AigaqDb db, AppUser user, CancellationToken ct) =>
        new(await RoleOfAsync(db, user.Id, ct), user.Region, user.FacilityId, user.Deactivated);

    /// <summary>
    /// Makes a change that has been checked: by <paramref name="by"/>, approved by <paramref name="approvedBy"/> when it
    /// gives power; <paramref name="before"/> sees the change before it is saved (an approval links its request to it).
    /// </summary>
    internal static async Task<AccountChange> ApplyAsync(
        IServiceProvider services, AppUser user, AccountState from, AccountState to, Guid by, Guid? approvedBy, string why,
        DateTimeOffset now, Action<AccountChange>? before, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<AigaqDb>();

        // Inside a caller's transaction (the API's, which stores its idempotency key with the change) it joins that one.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (to.Role != from.Role)
            {
                foreach (var old in from.Role.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    IdentityResults.Check(await users.RemoveFromRoleAsync(user, old));
                }

                IdentityResults.Check(await users.AddToRoleAsync(user, to.Role));
            }

            user.Region = to.Region;
            user.FacilityId = to.FacilityId;
            user.Deactivated = to.Deactivated;
            IdentityResults.Check(await users.UpdateSecurityStampAsync(user));
            if (to.Deactivated && !from.Deactivated)
            {
                await services.GetRequiredService<ApiTokens>().RevokeAllAsync(user.Id, ct);
            }

            var change = new AccountChange
            {
                Id = Guid.CreateVersion7(now),
                UserId = user.Id,
                Number = await db.Set<AccountChange>().CountAsync(c => c.UserId == user.Id, ct) + 1,
                At = now,
                By = by,
                ApprovedBy = approvedBy,
                Reason = why,
                FromRole = from.Role,
                ToRole = to.Role,
                FromRegion = from.Region,
                ToRegion = to.Region,
                FromFacilityId = from.FacilityId,
                ToFacilityId = to.FacilityId,
                FromDeactivated = from.Deactivated,
                ToDeactivated = to.Deactivated,
            };
            db.Add(change);
            before?.Invoke(change);
            LedgerWriter.Append(db, ChangedKind, change.Id, now, Content(change));
            await db.SaveChangesAsync(ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            return change;
        }
        catch
        {
            // Rolled back: nothing of it may be saved later by the same context (an access log entry, say).
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
