using System.CommandLine;
using Aigaq.Access;
using Aigaq.Data;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Cli;

/// <summary><c>aigaq db migrate</c>: applies the provider's migrations and adds the roles, then exits.</summary>
internal static class DbMigrateCommand
{
    public static Command Create(HostFactory host)
    {
        var migrate = new Command("migrate", "Applies the database's migrations and adds the roles, then exits.");
        migrate.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await MigrateAsync(app.Services);
            return 0;
        }));
        return migrate;
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await DataModule.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                IdentityResults.Check(await roles.CreateAsync(new AppRole(role)));
            }
        }
    }
}
