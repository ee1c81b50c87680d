using System.Security.Claims;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Access;

/// <summary>
/// The body of <c>POST /api/v1/users/{id}/changes</c>. What is absent stays as it is; <c>region</c> and
/// <c>facilityId</c> given as null take the account's region or facility away (as a JSON merge patch would).
/// </summary>
public sealed record AccountChangeRequest(string? Role, JsonElement Region, JsonElement FacilityId, bool? Deactivated, string? Reason);

public sealed record AccountStateView(string Role, string? Region, Guid? FacilityId, bool Deactivated);

public sealed record AccountChangeView(
    Guid Id, Guid UserId, int Number, DateTimeOffset At, Guid By, Guid? ApprovedBy, string Reason, AccountStateView From, AccountStateView To, LogPosition? Log)
{
    public static AccountChangeView Of(AccountChange c, LogPosition? log) => new(
        c.Id, c.UserId, c.Number, c.At, c.By, c.ApprovedBy, c.Reason,
        new(c.FromRole, c.FromRegion, c.FromFacilityId, c.FromDeactivated),
        new(c.ToRole, c.ToRegion, c.ToFacilityId, c.ToDeactivated),
        log);
}

/// <summary>
/// An administrator's change of an account's role, scope or activity through the API, by the rules of the account's
/// page (<see cref="UserAccounts.ChangeAsync"/>, ADR 0008), and the account's changes read back.
/// </summary>
public sealed class ChangeAccount(AigaqDb db, AccessLog log, IServiceProvider services)
{
    public static string Location(Guid userId, int number) => $"/api/v1/users/{userId}/changes/{number}";

    public async Task<Outcome<AccountChangeView>> HandleAsync(Guid id, AccountChangeRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        if (await TargetAsync(db, id, r, v, ct) is not { } to)
        {
            return new ProblemResult(v.IsValid ? ProblemTypes.NotFoundProblem("The account") : v.Problem());
        }

        AccountChange? change;
        try
        {
            change = await UserAccounts.ChangeAsync(services, id, user.RequiredUserId(), to, r.Reason, v, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
        {
            // Identity's concurrency stamp, or the change's number taken: another change of the account came first.
            return new ProblemResult(ProblemTypes.ConflictProblem("The account was changed by someone else meanwhile: look again and repeat.", "change"));
        }

        if (change is null)
        {
            return new ProblemResult(v.Problem());
        }

        log.Add(user, "users.change", id.ToString(), "succeeded");
        var entry = db.ChangeTracker.Entries<LedgerEntry>().Select(e => e.Entity)
            .Single(e => e.RecordId == change.Id && e.Kind == UserAccounts.ChangedKind);
        return Outcome<AccountChangeView>.Created(
            () => AccountChangeView.Of(change, new LogPosition(entry.Index, entry.LeafHash)), Location(id, change.Number));
    }

    /// <summary>The account's changes, first to last (an account has few: one page); null when there is no such account.</summary>
    public async Task<IReadOnlyList<AccountChangeView>?> ListAsync(Guid id, int? number, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return null;
        }

        var query = db.Set<AccountChange>().AsNoTracking().Where(c => c.UserId == id);
        if (number is not null)
        {
            query = query.Where(c => c.Number == number);
        }

        var changes = await query.OrderBy(c => c.Number).ToListAsync(ct);
        var ids = changes.Select(c => c.Id).ToList();
        var entries = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Kind == UserAccounts.ChangedKind && ids.Contains(e.RecordId))
            .ToDictionaryAsync(e => e.RecordId, e => new LogPosition(e.Index, e.LeafHash), ct);
        await log.WriteAsync(user.UserId(), "users.read", id.ToString(), "allowed", ct);
        return [.. changes.Select(c => AccountChangeView.Of(c, entries.GetValueOrDefault(c.Id)))];
    }

    /// <summary>
    /// The state <paramref name="r"/> asks for: what it names, the account's present role, scope and activity for what it
    /// leaves out. Null when there is no such account (<paramref name="v"/> still valid) or a field is malformed.
    /// </summary>
    public static async Task<UserAccounts.AccountState?> TargetAsync(AigaqDb db, Guid id, AccountChangeRequest r, Validation v, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null)
        {
            return null;
        }

        var region = r.Region.ValueKind switch
        {
            JsonValueKind.Undefined => account.Region,
            JsonValueKind.String when r.Region.GetString() is { Length: > 0 } code => code,
            JsonValueKind.Null or JsonValueKind.String => null,
            _ => Invalid<string>(v, "region", "is not an ISO 3166-2:KZ region code"),
        };
        var facility = r.FacilityId.ValueKind switch
        {
            JsonValueKind.Undefined => account.FacilityId,
            JsonValueKind.String when Guid.TryParse(r.FacilityId.GetString(), out var parsed) => parsed,
            JsonValueKind.Null => null,
            JsonValueKind.String when r.FacilityId.GetString() is "" => null,
            _ => Invalid<Guid?>(v, "facilityId", "is not a known facility"),
        };
        if (!v.IsValid)
        {
            return null;
        }

        var role = r.Role ?? await UserAccounts.RoleOfAsync(db, id, ct);
        return new UserAccounts.AccountState(role, region, facility, r.Deactivated ?? account.Deactivated);
    }

    private static T? Invalid<T>(Validation v, string field, string message)
    {
        v.Add(field, message);
        return default;
    }
}
