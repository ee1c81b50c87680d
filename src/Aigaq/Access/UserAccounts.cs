using System.Text.Json.Nodes;
using Aigaq.Cli;
using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

/// <summary>
/// Creates user accounts with their role and scope; used by the CLI, the admin pages and the demo.
/// The account and its role are committed to the transparency log in the same transaction.
/// </summary>
public static class UserAccounts
{
    public const string CreatedKind = "user.created";

    public static Task<AppUser> CreateAsync(
        IServiceProvider services, string email, string role, string? region, Guid? facility,
        string password, string? name, string? language) =>
        CreateAsync(services, email, role, region, facility, name, language, (users, user) => users.CreateAsync(user, password));

    /// <summary>
    /// As <see cref="CreateAsync(IServiceProvider, string, string, string?, Guid?, string, string?, string?)"/>, with the
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

        await using var tx = await db.Database.BeginTransactionAsync();
        Command.Check(await create(users, user));
        Command.Check(await users.AddToRoleAsync(user, role));
        LedgerWriter.Append(db, CreatedKind, user.Id, now, Content(user, role));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return user;
    }

    /// <summary>What the log commits to for an account: identity, role and scope, never the password.</summary>
    public static JsonObject Content(AppUser user, string role) => new()
    {
        ["id"] = user.Id.ToString(),
        ["email"] = user.Email,
        ["role"] = role,
        ["region"] = user.Region,
        ["facilityId"] = user.FacilityId?.ToString(),
        ["createdAt"] = LedgerWriter.Instant(user.CreatedAt),
    };
}
