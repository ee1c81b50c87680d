using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Access;

/// <summary>The body of <c>POST /api/v1/role-grants/{id}/decision</c>: <c>approve</c> or <c>refuse</c>, and why.</summary>
public sealed record RoleGrantDecisionRequest(string? Decision, string? Reason);

public sealed record RoleGrantView(
    Guid Id, Guid UserId, string Status, DateTimeOffset RequestedAt, Guid RequestedBy, string Reason,
    AccountStateView From, AccountStateView To, DateTimeOffset? DecidedAt, Guid? DecidedBy, string? DecisionReason, Guid? ChangeId)
{
    public static RoleGrantView Of(RoleGrant g) => new(
        g.Id, g.UserId, g.Status, g.RequestedAt, g.RequestedBy, g.Reason,
        new(g.FromRole, g.FromRegion, g.FromFacilityId, g.FromDeactivated),
        new(g.ToRole, g.ToRegion, g.ToFacilityId, g.ToDeactivated),
        g.DecidedAt, g.DecidedBy, g.DecisionReason, g.ChangeId);
}

/// <summary>
/// Two administrators for power (issue 13, item 12): a change that gives an account a role of power
/// (<see cref="Permissions.NeedsSecondAdministrator"/>) is asked for by one administrator
/// (<see cref="UserAccounts.RequestAsync"/>) and made only when another approves it; the one who asked and the account
/// itself cannot approve. A refusal needs a reason; the one who asked may withdraw. Each request and decision is a
/// logged state of the request; the change an approval makes names both administrators.
/// </summary>
public sealed class RoleGrants(AigaqDb db, AccessLog log, IServiceProvider services, TimeProvider clock)
{
    public const string Approve = "approve";
    public const string Refuse = "refuse";

    public const string NotPending = "the request was decided already";
    public const string SameAdministrator = "a second administrator approves: not the one who asked, nor the account itself";
    public const string AccountMoved = "the account has changed since the request: refuse it and ask again";

    public static string Location(Guid id) => $"/api/v1/role-grants/{id}";

    /// <summary>The API's request: <see cref="UserAccounts.RequestAsync"/> with the body of an account change.</summary>
    public async Task<Outcome<RoleGrantView>> RequestAsync(Guid userId, AccountChangeRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        if (await ChangeAccount.TargetAsync(db, userId, r, v, ct) is not { } to)
        {
            return new ProblemResult(v.IsValid ? ProblemTypes.NotFoundProblem("The account") : v.Problem());
        }

        RoleGrant? grant;
        try
        {
            grant = await UserAccounts.RequestAsync(services, userId, user.RequiredUserId(), to, r.Reason, v, ct);
        }
        catch (DbUpdateException)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("Another request for this account was made meanwhile: look again.", "change"));
        }

        if (grant is null)
        {
            return new ProblemResult(v.Errors.TryGetValue("change", out var m) && m.Contains(UserAccounts.RequestOpen)
                ? ProblemTypes.ConflictProblem(UserAccounts.RequestOpen, "change")
                : v.Problem());
        }

        log.Add(user, "users.grant.request", userId.ToString(), "succeeded");
        return Outcome<RoleGrantView>.Created(() => RoleGrantView.Of(grant), Location(grant.Id));
    }

    /// <summary>
    /// Approves or refuses a pending request, by administrator <paramref name="by"/>. An approval makes the change asked
    /// for, by the one who asked and approved by <paramref name="by"/>, in the same transaction as the decision; it is
    /// refused when the account is no longer in the state the request was made from. Returns the decided request, or
    /// null with the errors in <paramref name="v"/> (<see cref="NotPending"/> and <see cref="AccountMoved"/> under
    /// <c>decision</c> are conflicts; an unknown request is <c>grant</c>).
    /// </summary>
    public async Task<RoleGrant?> DecideAsync(Guid id, Guid by, string? decision, string? reason, Validation v, CancellationToken ct)
    {
        var grant = await db.Set<RoleGrant>().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null)
        {
            v.Add("grant", "is not a known request");
            return null;
        }

        if (decision is not (Approve or Refuse))
        {
            v.Add("decision", "must be approve or refuse");
        }

        var why = reason?.Trim();
        if (why is { Length: > UserAccounts.MaxReason })
        {
            v.Add("reason", $"must be at most {UserAccounts.MaxReason} characters");
        }
        else if (decision == Refuse && string.IsNullOrEmpty(why))
        {
            v.Add("reason", "is required");
        }

        if (!v.IsValid)
        {
            return null;
        }

        if (grant.Status != RoleGrantStatus.Pending)
        {
            v.Add("decision", NotPending);
            return null;
        }

        var now = clock.GetUtcNow();
        var decisionReason = string.IsNullOrEmpty(why) ? null : why;
        if (decision == Refuse)
        {
            Decide(grant, by == grant.RequestedBy ? RoleGrantStatus.Withdrawn : RoleGrantStatus.Refused, by, now, decisionReason);
            await db.SaveChangesAsync(ct);
            return grant;
        }

        if (by == grant.RequestedBy || by == grant.UserId)
        {
            v.Add("decision", SameAdministrator);
            return null;
        }

        var account = await db.Users.FirstAsync(u => u.Id == grant.UserId, ct);
        var from = await UserAccounts.StateOfAsync(db, account, ct);
        if (from != grant.From)
        {
            v.Add("decision", AccountMoved);
            return null;
        }

        // Decided as the change is saved, not before: Identity's stores save the roles on their own on the way.
        await UserAccounts.ApplyAsync(services, account, from, grant.To, grant.RequestedBy, by, grant.Reason, now, change =>
        {
            Decide(grant, RoleGrantStatus.Approved, by, now, decisionReason);
            grant.ChangeId = change.Id;
        }, ct);
        return grant;
    }

    private static void Decide(RoleGrant grant, string status, Guid by, DateTimeOffset at, string? reason)
    {
        grant.Status = status;
        grant.DecidedBy = by;
        grant.DecidedAt = at;
        grant.DecisionReason = reason;
    }

    /// <summary>The API's decision: 201 with the decided request; 404, 403 or 409 as <see cref="DecideAsync"/> refuses.</summary>
    public async Task<Outcome<RoleGrantView>> HandleDecisionAsync(Guid id, RoleGrantDecisionRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        RoleGrant? grant;
        try
        {
            grant = await DecideAsync(id, user.RequiredUserId(), r.Decision, r.Reason, v, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
        {
            // The request's status or the account's concurrency stamp: another decision or change came first.
            db.ChangeTracker.Clear();
            return new ProblemResult(ProblemTypes.ConflictProblem("The request or the account was changed by someone else meanwhile: look again.", "decision"));
        }

        if (grant is null)
        {
            return new ProblemResult(Problem(v));
        }

        log.Add(user, "users.grant." + r.Decision, grant.UserId.ToString(), "succeeded");
        return Outcome<RoleGrantView>.Created(() => RoleGrantView.Of(grant), Location(grant.Id));
    }

    /// <summary>A refused decision as the API answers it.</summary>
    public static IResult Problem(Validation v)
    {
        if (v.Errors.ContainsKey("grant"))
        {
            return ProblemTypes.NotFoundProblem("The role grant");
        }

        if (v.Errors.TryGetValue("decision", out var messages))
        {
            if (messages.Contains(SameAdministrator))
            {
                return Results.Problem(
                    type: ProblemTypes.Forbidden, title: "A second administrator must approve.", statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["decision"] = [SameAdministrator] } });
            }

            if (messages.FirstOrDefault(m => m is NotPending or AccountMoved) is { } conflict)
            {
                return ProblemTypes.ConflictProblem(conflict, "decision");
            }
        }

        return v.Problem();
    }

    /// <summary>Requests, newest first: all, or those of one status (<c>pending</c> for those waiting).</summary>
    public async Task<Answer<Page<RoleGrantView>>> ListAsync(string? status, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        if (status is not (null or RoleGrantStatus.Pending or RoleGrantStatus.Approved or RoleGrantStatus.Refused or RoleGrantStatus.Withdrawn))
        {
            v.Add("status", "must be pending, approved, refused or withdrawn");
        }

        return await v.AnswerAsync(async () =>
        {
            var list = await OfStatusAsync(status, ct);
            await log.WriteAsync(user.UserId(), "users.grants.read", status ?? "all", "allowed", ct);
            return new Page<RoleGrantView>([.. list.Select(RoleGrantView.Of)], null);
        });
    }

    public async Task<RoleGrantView?> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var grant = await db.Set<RoleGrant>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grant is not null)
        {
            await log.WriteAsync(user.UserId(), "users.grants.read", id.ToString(), "allowed", ct);
        }

        return grant is null ? null : RoleGrantView.Of(grant);
    }

    /// <summary>The requests of one status (all when null), newest first; requests are few (one open per account).</summary>
    public async Task<IReadOnlyList<RoleGrant>> OfStatusAsync(string? status, CancellationToken ct)
    {
        var query = db.Set<RoleGrant>().AsNoTracking();
        if (status is not null)
        {
            query = query.Where(g => g.Status == status);
        }

        // Ordered in memory: SQLite cannot order by a DateTimeOffset column.
        return [.. (await query.ToListAsync(ct)).OrderByDescending(g => g.RequestedAt)];
    }
}
