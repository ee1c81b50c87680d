using System.CommandLine;
using Aigaq.Access;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Cli;

/// <summary><c>aigaq tokens issue --email E [--days N]</c>: prints a bearer token, alone, on stdout (CONTRACT.md).</summary>
internal static class TokensIssueCommand
{
    public static Command Create(HostFactory host)
    {
        var email = new Option<string>("--email") { HelpName = "E", Description = "The e-mail of the account the token acts for.", Required = true };
        var days = new Option<int>("--days") { HelpName = "N", Description = "How long the token lasts, from 1 to 3650 days.", DefaultValueFactory = _ => 90 };
        var issue = new Command("issue", "Prints a new bearer token for an account, alone, on stdout.") { email, days };
        issue.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            var lifetime = parsed.GetValue(days);
            if (lifetime is < 1 or > 3650)
            {
                return AigaqCli.Fail("--days must lie between 1 and 3650");
            }

            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(parsed.GetRequiredValue(email)) ?? throw new ArgumentException("no user has that e-mail");
            var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, TimeSpan.FromDays(lifetime), CancellationToken.None);
            Console.Out.WriteLine(token);
            return 0;
        }));
        return issue;
    }
}
