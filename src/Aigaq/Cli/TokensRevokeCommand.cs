using System.CommandLine;
using Aigaq.Access;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Cli;

/// <summary><c>aigaq tokens revoke --email E</c>: revokes every token of an account and prints how many.</summary>
internal static class TokensRevokeCommand
{
    public static Command Create(HostFactory host)
    {
        var email = new Option<string>("--email") { HelpName = "E", Description = "The e-mail of the account whose tokens end.", Required = true };
        var revoke = new Command("revoke", "Revokes every bearer token of an account; prints how many were revoked.") { email };
        revoke.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(parsed.GetRequiredValue(email)) ?? throw new ArgumentException("no user has that e-mail");
            var revoked = await scope.ServiceProvider.GetRequiredService<ApiTokens>().RevokeAllAsync(user.Id, CancellationToken.None);
            Console.Out.WriteLine(revoked);
            return 0;
        }));
        return revoke;
    }
}
