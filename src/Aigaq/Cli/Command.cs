using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Cli;

/// <summary>
/// The executable's sub-commands (CONTRACT.md). Words before the first option name the command;
/// the options a command knows are taken out, the rest go to the ASP.NET host (e.g. --urls).
/// </summary>
internal sealed class Command
{
    private static readonly Dictionary<string, string[]> KnownOptions = new(StringComparer.Ordinal)
    {
        ["serve"] = ["demo"],
        ["db migrate"] = [],
        ["users add"] = ["email", "role", "region", "facility", "password", "name", "language"],
        ["tokens issue"] = ["email", "days"],
        ["tokens revoke"] = ["email"],
        ["log verify"] = ["url", "state", "key", "witness", "quorum"],
        ["log audit"] = [],
        ["witness"] = ["name", "state", "log-key"],
    };

    private static readonly HashSet<string> Flags = ["demo"];

    /// <summary>Options that may be given more than once; every value is kept in <see cref="Lists"/>.</summary>
    private static readonly HashSet<string> Repeatable = ["witness"];

    public required string Name { get; init; }
    public required Dictionary<string, string> Options { get; init; }
    public Dictionary<string, List<string>> Lists { get; init; } = [];
    public required string[] HostArgs { get; init; }
    public string? Error { get; init; }

    public static Command Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var name = words.Count == 0 ? "serve" : string.Join(' ', words);
        var rest = args.Skip(words.Count).ToList();
        if (!KnownOptions.TryGetValue(name, out var known))
        {
            return new Command { Name = name, Options = [], HostArgs = [.. rest], Error = $"unknown command '{name}'; try serve, db migrate, users add, tokens issue, tokens revoke, log verify, log audit, witness" };
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var host = new List<string>();
        string? error = null;
        for (var i = 0; i < rest.Count; i++)
        {
            var option = rest[i].TrimStart('-');
            if (known.Contains(option))
            {
                if (Flags.Contains(option))
                {
                    options[option] = "true";
                }
                else if (i + 1 < rest.Count)
                {
                    options[option] = rest[++i];
                    if (Repeatable.Contains(option))
                    {
                        (lists.TryGetValue(option, out var values) ? values : lists[option] = []).Add(options[option]);
                    }
                }
                else
                {
                    error = $"--{option} needs a value";
                }
            }
            else
            {
                host.Add(rest[i]);
            }
        }

        return new Command { Name = name, Options = options, Lists = lists, HostArgs = [.. host], Error = error };
    }

    /// <summary>Commands that run without the application host and its database (the witness).</summary>
    public bool Standalone => Name == "witness";

    public async Task<int> RunStandaloneAsync()
    {
        if (Error is not null)
        {
            return Fail(Error);
        }

        try
        {
            return await Witness.WitnessHost.RunAsync(Required("name"), Required("state"), Required("log-key"), HostArgs);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return Fail(ex.Message.ReplaceLineEndings(" "));
        }
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        if (Error is not null)
        {
            return Fail(Error);
        }

        try
        {
            return Name switch
            {
                "serve" => await ServeAsync(app),
                "db migrate" => await MigrateAsync(app),
                "users add" => await UsersAddAsync(app),
                "tokens issue" => await TokensIssueAsync(app),
                "tokens revoke" => await TokensRevokeAsync(app),
                "log verify" => await LogVerifyAsync(),
                "log audit" => await LogAuditAsync(app),
                _ => Fail($"unknown command '{Name}'"),
            };
        }
        catch (Exception ex) when (Name != "serve")
        {
            return Fail(ex.Message.ReplaceLineEndings(" "));
        }
    }

    private static int Fail(string reason)
    {
        Console.Error.WriteLine("aigaq: " + reason);
        return 1;
    }

    private string? Option(string name) => Options.GetValueOrDefault(name);

    private string Required(string name) =>
        Option(name) ?? throw new ArgumentException($"--{name} is required");

    private async Task<int> ServeAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AigaqOptions>>().Value;
        var autoMigrate = options.Database.Provider == DatabaseProvider.Sqlite
            || app.Configuration.GetValue<bool>("Aigaq:Database:AutoMigrate");
        if (autoMigrate)
        {
            await MigrateAsync(app);
        }

        if (Option("demo") is not null)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var printed = await Demo.FillAsync(scope.ServiceProvider, CancellationToken.None);
            Console.Out.WriteLine(printed);
            if (app.Configuration.GetValue<bool>(DemoMailSink.Flag))
            {
                Console.Out.WriteLine($"Demo e-mail is delivered to a local SMTP sink and saved in {Path.Combine(Path.GetFullPath(options.DataDir), "demo-mail")}.");
            }
        }

        await app.RunAsync();
        return 0;
    }

    public static async Task<int> MigrateAsync(WebApplication app)
    {
        await DataModule.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new AppRole(role)));
            }
        }

        return 0;
    }

    private async Task<int> UsersAddAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var role = Required("role");
        if (!Roles.IsKnown(role))
        {
            return Fail($"--role must be one of {string.Join(", ", Roles.All)}");
        }

        var region = Option("region");
        if (region is not null && !Regions.IsKnown(region))
        {
            return Fail("--region must be an ISO 3166-2:KZ code such as KZ-75");
        }

        Guid? facility = null;
        if (Option("facility") is { } f)
        {
            if (!Guid.TryParse(f, out var id) || !await sp.GetRequiredService<AigaqDb>().Set<Facility>().AnyAsync(x => x.Id == id))
            {
                return Fail("--facility must be the id of a registered facility");
            }

            facility = id;
        }

        var password = Option("password");
        var generated = password is null;
        password ??= Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var user = await UserAccounts.CreateAsync(sp, Required("email"), role, region, facility, password, Option("name"), Option("language"));
        Console.Out.WriteLine(generated ? $"{user.Id} {password}" : user.Id.ToString());
        return 0;
    }

    private async Task<int> TokensIssueAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(Required("email")) ?? throw new ArgumentException("no user has that e-mail");
        var days = Option("days") is { } d ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 90;
        if (days is < 1 or > 3650)
        {
            return Fail("--days must lie between 1 and 3650");
        }

        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, TimeSpan.FromDays(days), CancellationToken.None);
        Console.Out.WriteLine(token);
        return 0;
    }

    private async Task<int> TokensRevokeAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(Required("email")) ?? throw new ArgumentException("no user has that e-mail");
        var revoked = await scope.ServiceProvider.GetRequiredService<ApiTokens>().RevokeAllAsync(user.Id, CancellationToken.None);
        Console.Out.WriteLine(revoked);
        return 0;
    }

    private async Task<int> LogVerifyAsync()
    {
        var url = Required("url");
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl))
        {
            return Fail("--url must be an absolute URL");
        }

        var witnesses = new List<Ledger.NoteVerifier>();
        foreach (var vkey in Lists.GetValueOrDefault("witness") ?? [])
        {
            Ledger.NoteVerifier witness;
            try
            {
                witness = Ledger.NoteVerifier.Parse(vkey.Trim());
            }
            catch (FormatException ex)
            {
                return Fail($"--witness {vkey}: {ex.Message}");
            }

            if (witness.Type != Ledger.NoteKeyType.Cosignature)
            {
                return Fail($"--witness {witness.Name}: not a cosignature/v1 key (type 0x04)");
            }

            witnesses.Add(witness);
        }

        var quorum = witnesses.Count;
        if (Option("quorum") is { } q)
        {
            if (witnesses.Count == 0)
            {
                return Fail("--quorum needs at least one --witness");
            }

            if (!int.TryParse(q, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out quorum)
                || quorum < 1 || quorum > witnesses.Count)
            {
                return Fail($"--quorum must be a number from 1 to the number of witnesses given ({witnesses.Count})");
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var failures = await Ledger.LedgerVerify.RunAsync(
            http, baseUrl, Option("key"), Option("state"), witnesses, quorum, Console.Error, CancellationToken.None);
        return Report("log verify", failures);
    }

    private static async Task<int> LogAuditAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<Ledger.LedgerKeys>();
        var failures = await Ledger.Audit.LedgerAudit.RunAsync(scope.ServiceProvider, keys.ExistingVerifier(), Console.Error, CancellationToken.None);
        return Report("log audit", failures);
    }

    private static int Report(string command, IReadOnlyList<string> failures)
    {
        foreach (var failure in failures)
        {
            Console.Out.WriteLine("FAIL " + failure);
        }

        Console.Error.WriteLine(failures.Count == 0
            ? $"aigaq {command}: all holds"
            : $"aigaq {command}: {failures.Count} failure(s); first: {failures[0].ReplaceLineEndings(" ")}");
        return failures.Count == 0 ? 0 : 1;
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
