using System.CommandLine;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq users change --email E [--role ROLE] [--region CODE | --no-region] [--facility ID | --no-facility]
/// [--deactivate | --activate] --reason TEXT --by ADMIN_EMAIL</c>: an administrator's change of an account, as on its
/// page (ADR 0008): what is not named stays as it is; the change is an append-only record in the log. Prints its id.
/// A change that gives a role of power is asked for instead (a second administrator approves it, ADR 0015): the
/// request's id is printed, and the request's address on standard error.
/// </summary>
internal static class UsersChangeCommand
{
    public static Command Create(HostFactory host)
    {
        var email = new Option<string>("--email") { HelpName = "E", Description = "The e-mail of the account to change.", Required = true };
        var role = new Option<string?>("--role") { HelpName = "ROLE", Description = $"Its new role: one of {string.Join(", ", Roles.All)}." };
        var region = new Option<string?>("--region") { HelpName = "CODE", Description = "Its new region: an ISO 3166-2:KZ code such as KZ-75." };
        var noRegion = new Option<bool>("--no-region") { Description = "Takes its region away (a role of the whole country)." };
        var facility = new Option<string?>("--facility") { HelpName = "ID", Description = "The id of the registered facility it now works in." };
        var noFacility = new Option<bool>("--no-facility") { Description = "Takes its facility away." };
        var deactivate = new Option<bool>("--deactivate") { Description = "Deactivates it: no sign-in, its tokens revoked. Accounts are never deleted." };
        var activate = new Option<bool>("--activate") { Description = "Activates it again." };
        var reason = new Option<string>("--reason") { HelpName = "TEXT", Description = $"Why (an order's number, say); kept with the change, at most {UserAccounts.MaxReason} characters.", Required = true };
        var by = new Option<string>("--by") { HelpName = "ADMIN_EMAIL", Description = "The e-mail of the active administrator who makes the change.", Required = true };
        var change = new Command(
            "change",
            "Changes an account's role, region, facility or activity for a reason, as an administrator does on the account's page: "
            + "what is not named stays as it is; the change is an append-only record in the transparency log. Prints the change's id. "
            + "Administrator, Prosecutor, SpecialProsecutor and ProtectionOfficer are only asked for: a second administrator approves; "
            + "the request's id is printed.")
        {
            email, role, region, noRegion, facility, noFacility, deactivate, activate, reason, by,
        };
        change.Validators.Add(result =>
        {
            foreach (var (one, other) in new (Option One, Option Other)[] { (region, noRegion), (facility, noFacility), (deactivate, activate) })
            {
                if (result.GetResult(one) is not null && result.GetResult(other) is not null)
                {
                    result.AddError($"{one.Name} and {other.Name} exclude each other");
                }
            }
        });
        change.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByEmailAsync(parsed.GetRequiredValue(email));
            if (account is null)
            {
                return AigaqCli.Fail("--email: no user has that e-mail");
            }

            var admin = await users.FindByEmailAsync(parsed.GetRequiredValue(by));
            if (admin is null || admin.Deactivated || !await users.IsInRoleAsync(admin, Roles.Administrator))
            {
                return AigaqCli.Fail("--by must be the e-mail of an active administrator");
            }

            if (parsed.GetValue(region) is "")
            {
                return AigaqCli.Fail("--region must be an ISO 3166-2:KZ code such as KZ-75 (--no-region takes the region away)");
            }

            Guid? facilityId = null;
            if (parsed.GetValue(facility) is { } f)
            {
                if (!Guid.TryParse(f, out var id))
                {
                    return AigaqCli.Fail("--facility must be the id of a registered facility");
                }

                facilityId = id;
            }

            var currentRole = await UserAccounts.RoleOfAsync(sp.GetRequiredService<AigaqDb>(), account.Id, CancellationToken.None);
            var to = new UserAccounts.AccountState(
                parsed.GetValue(role) ?? currentRole,
                parsed.GetValue(noRegion) ? null : parsed.GetValue(region) ?? account.Region,
                parsed.GetValue(noFacility) ? null : facilityId ?? account.FacilityId,
                parsed.GetValue(deactivate) || (!parsed.GetValue(activate) && account.Deactivated));
            var v = new Validation();
            UserAccounts.Submitted? done;
            try
            {
                done = await UserAccounts.SubmitAsync(sp, account.Id, admin.Id, to, parsed.GetValue(reason), v, CancellationToken.None);
            }
            catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
            {
                // Identity's concurrency stamp, or the change's number taken: another change of the account came first.
                return AigaqCli.Fail("the account was changed by someone else meanwhile: look again and repeat");
            }

            if (done is null)
            {
                return AigaqCli.Fail(string.Join("; ", v.Errors.Select(e => Describe(e.Key, e.Value))));
            }

            if (done.Request is { } request)
            {
                // A role of power: one administrator asks, another approves on the account's page or through the API.
                Console.Error.WriteLine($"The role needs a second administrator's approval; the request waits: {RoleGrants.Location(request.Id)}");
                Console.Out.WriteLine(request.Id);
                return 0;
            }

            Console.Out.WriteLine(done.Change!.Id);
            return 0;
        }));
        return change;
    }

    /// <summary>A field's errors named by the option that sets it, e.g. <c>--region is not an ISO 3166-2:KZ region code</c>.</summary>
    private static string Describe(string field, string[] messages)
    {
        var option = field switch
        {
            "user" => "--email",
            "role" => "--role",
            "region" => "--region",
            "facilityId" => "--facility",
            "deactivated" => "--deactivate",
            "reason" => "--reason",
            _ => null,
        };
        var text = string.Join(", ", messages);
        if (field == "role" && text == "is not a role")
        {
            text += $" (one of {string.Join(", ", Roles.All)})";
        }

        return option is null ? text
            : text.StartsWith("is ", StringComparison.Ordinal) || text.StartsWith("must ", StringComparison.Ordinal) ? $"{option} {text}"
            : $"{option}: {text}";
    }
}
