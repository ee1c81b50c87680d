using System.CommandLine;
using Aigaq.Access;
using Aigaq.Recommendations;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq recommendations import FILE --by EMAIL</c>: registers the recommendations of a JSON list or a CSV with a
/// header, all or none; each bad row is one line on stderr (row, field, reason) and the exit code is 1.
/// </summary>
internal static class RecommendationsImportCommand
{
    public static Command Create(HostFactory host)
    {
        var file = new Argument<string>("FILE") { Description = "A JSON list of recommendations (CONTRACT.md), or a CSV (.csv) with a header of the same names." };
        var by = new Option<string>("--by")
        {
            HelpName = "EMAIL",
            Description = "The e-mail of the active user (analyst, monitor or administrator) who imports them.",
            Required = true,
        };
        var import = new Command("import", "Registers UN recommendations from a file, all or none; prints how many.") { file, by };
        import.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            var path = parsed.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                return AigaqCli.Fail($"{path}: no such file");
            }

            if (new FileInfo(path).Length > ImportRecommendations.MaxFileBytes)
            {
                return AigaqCli.Fail($"{path}: larger than {ImportRecommendations.MaxFileBytes / 1024 / 1024} MiB");
            }

            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(parsed.GetRequiredValue(by));
            var role = user is null ? null : (await users.GetRolesAsync(user)).FirstOrDefault();
            if (user is null || user.Deactivated || role is null || !Permissions.For(role).Contains(Permissions.RecordRecommendations))
            {
                return AigaqCli.Fail("--by must be the e-mail of an active user who may register recommendations");
            }

            var text = await File.ReadAllTextAsync(path);
            var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            var (imported, problems) = await sp.GetRequiredService<ImportRecommendations>().RunAsync(text, csv, user.Id, CancellationToken.None);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine(problem.ToString().ReplaceLineEndings(" "));
                }

                Console.Error.WriteLine($"aigaq: nothing imported: {problems.Count} bad row(s)");
                return 1;
            }

            Console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"imported {imported}"));
            return 0;
        }));
        return import;
    }
}
