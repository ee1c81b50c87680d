using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Access;

/// <summary>
/// Accounts and their logged changes. An account's creation is checked with the role and scope it had before its
/// first change (its current ones when it has none); each change is a record of its own; and the changes must
/// follow on from each other and end in the account's current role, scope and activity, so a role given, a scope
/// moved or an account reactivated behind the application's back is named. Its credentials and second factor are
/// checked against its latest <c>user.state</c> entry.
/// </summary>
internal sealed class AccountAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [UserAccounts.CreatedKind, UserAccounts.ChangedKind, AccessLedger.UserState.Kind];

    public async Task CheckAsync(AuditRecords records, CancellationToken ct)
    {
        var db = records.Db;
        var roles = (await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(ct))
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(x => x.Name).Order(StringComparer.Ordinal)));
        var changes = (await db.Set<AccountChange>().AsNoTracking().ToListAsync(ct))
            .GroupBy(c => c.UserId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Number).ToList());
        foreach (var c in changes.Values.SelectMany(list => list))
        {
            records.One(UserAccounts.ChangedKind, c.Id, "account change", () => UserAccounts.Content(c));
        }

        await CheckGrantsAsync(records, changes.Values.SelectMany(list => list).ToDictionary(c => c.Id), ct);

        await foreach (var u in db.Users.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            AccessLedger.UserState.Check(records, u);
            var now = new UserAccounts.AccountState(roles.GetValueOrDefault(u.Id) ?? "", u.Region, u.FacilityId, u.Deactivated);
            if (!changes.TryGetValue(u.Id, out var list))
            {
                records.One(UserAccounts.CreatedKind, u.Id, "account", () => UserAccounts.Content(u, now.Role));
                if (u.Deactivated)
                {
                    records.Fail($"{UserAccounts.CreatedKind} {u.Id}: the account is deactivated, and no logged change deactivated it");
                }

                continue;
            }

            var first = list[0];
            records.One(UserAccounts.CreatedKind, u.Id, "account", () => UserAccounts.Content(u, first.FromRole, first.FromRegion, first.FromFacilityId));
            if (first.FromDeactivated)
            {
                records.Fail($"{UserAccounts.ChangedKind} {first.Id}: account {u.Id} was deactivated before it, and no logged change deactivated it");
            }

            for (var i = 1; i < list.Count; i++)
            {
                if (To(list[i - 1]) != From(list[i]))
                {
                    records.Fail($"{UserAccounts.ChangedKind} {list[i].Id}: account {u.Id} was not in the state the change before it ({list[i - 1].Id}) left: a change between them is missing");
                }
            }

            if (To(list[^1]) != now)
            {
                records.Fail($"{UserAccounts.ChangedKind} {list[^1].Id}: account {u.Id} now differs from what its last logged change set (its role, scope or activity was changed without a logged change)");
            }
        }
    }

    /// <summary>
    /// Each approved request made the change it asked for, by the one who asked and approved by the one who decided; and
    /// each change that names an approver was made by an approved request. (Each request's own state is checked against
    /// its <c>role-grant.state</c> entries by the generic source.)
    /// </summary>
    private static async Task CheckGrantsAsync(AuditRecords records, Dictionary<Guid, AccountChange> changes, CancellationToken ct)
    {
        var grants = await records.Db.Set<RoleGrant>().AsNoTracking().Where(g => g.Status == RoleGrantStatus.Approved).ToListAsync(ct);
        var approvedChanges = new HashSet<Guid>();
        foreach (var g in grants)
        {
            if (g.ChangeId is not { } id || !changes.TryGetValue(id, out var c))
            {
                records.Fail($"{RoleGrantLedger.State.Kind} {g.Id}: the request is approved, and the account change it made is missing");
                continue;
            }

            approvedChanges.Add(id);
            if (c.UserId != g.UserId || c.By != g.RequestedBy || c.ApprovedBy != g.DecidedBy || To(c) != g.To || From(c) != g.From)
            {
                records.Fail($"{UserAccounts.ChangedKind} {c.Id}: the change differs from the approved request {g.Id} that made it");
            }
        }

        foreach (var c in changes.Values.Where(c => c.ApprovedBy is not null && !approvedChanges.Contains(c.Id)))
        {
            records.Fail($"{UserAccounts.ChangedKind} {c.Id}: the change names an approver, and no approved request made it");
        }
    }

    private static UserAccounts.AccountState From(AccountChange c) => new(c.FromRole, c.FromRegion, c.FromFacilityId, c.FromDeactivated);

    private static UserAccounts.AccountState To(AccountChange c) => new(c.ToRole, c.ToRegion, c.ToFacilityId, c.ToDeactivated);
}

/// <summary>
/// Identity's user claims, logins and role claims: the application writes none, yet a claim found there would reach the
/// signed-in principal, so any row is named.
/// </summary>
internal sealed class UnusedIdentityTablesAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        var db = audit.Db;
        foreach (var c in await db.UserClaims.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            audit.Fail($"account {c.UserId}: a claim ({c.ClaimType}) is stored that the application never writes");
        }

        foreach (var l in await db.UserLogins.AsNoTracking().ToListAsync(ct))
        {
            audit.Fail($"account {l.UserId}: an external login ({l.LoginProvider}) is stored that the application never writes");
        }

        foreach (var c in await db.RoleClaims.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            audit.Fail($"role {c.RoleId}: a claim ({c.ClaimType}) is stored that the application never writes");
        }
    }
}
