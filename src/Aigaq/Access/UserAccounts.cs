using Aigaq.Cli;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

/// <summary>Creates user accounts with their role and scope; used by the CLI, the admin pages and the demo.</summary>
public static class UserAccounts
{
    public static async Task<AppUser> CreateAsync(
        IServiceProvider services, string email, string role, string? region, Guid? facility,
        string password, string? name, string? language)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Region = region,
            FacilityId = facility,
            Language = language,
            CreatedAt = clock.GetUtcNow(),
        };
        Command.Check(await users.CreateAsync(user, password));
        Command.Check(await users.AddToRoleAsync(user, role));
        return user;
    }
}
