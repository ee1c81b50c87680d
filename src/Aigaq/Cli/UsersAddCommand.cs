using System.CommandLine;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq users add --email E --role ROLE [--region CODE] [--facility ID] [--password P] [--name N] [--language L] [--phone NUMBER]</c>:
/// prints the new account's id, and the password when it made one.
/// </summary>
internal static class UsersAddCommand
{
    public static Command Create(HostFactory host)
    {
        var email = new Option<string>("--email") { HelpName = "E", Description = "The account's e-mail, which is its user name.", Required = true };
        var role = new Option<string>("--role") { HelpName = "ROLE", Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var region = new Option<string?>("--region") { HelpName = "CODE", Description = "The region it works in: an ISO 3166-2:KZ code such as KZ-75." };
        var facility = new Option<string?>("--facility") { HelpName = "ID", Description = "The id of the registered facility it works in." };
        var password = new Option<string?>("--password") { HelpName = "P", Description = "Its password; without it one is made and printed after the id." };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "The name shown for it." };
        var language = new Option<string?>("--language") { HelpName = "LANG", Description = "Its language for messages: kk, ru or en." };
        var phone = new Option<string?>("--phone") { HelpName = "NUMBER", Description = "Its mobile number, for critical alerts by SMS: +77011234567 or 8 701 123 45 67." };
        var add = new Command("add", "Adds a user account with its role and scope, in the transparency log; prints its id (and the password made for it).")
        {
            email, role, region, facility, password, name, language, phone,
        };
        add.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var wanted = parsed.GetRequiredValue(role);
            if (!Roles.IsKnown(wanted))
            {
                return AigaqCli.Fail($"--role must be one of {string.Join(", ", Roles.All)}");
            }

            var code = parsed.GetValue(region);
            if (code is not null && !Regions.IsKnown(code))
            {
                return AigaqCli.Fail("--region must be an ISO 3166-2:KZ code such as KZ-75");
            }

            Guid? facilityId = null;
            if (parsed.GetValue(facility) is { } f)
            {
                if (!Guid.TryParse(f, out var id) || !await sp.GetRequiredService<AigaqDb>().Set<Facility>().AnyAsync(x => x.Id == id))
                {
                    return AigaqCli.Fail("--facility must be the id of a registered facility");
                }

                facilityId = id;
            }

            if (UserAccounts.ScopeProblem(wanted, facilityId) is not null)
            {
                return AigaqCli.Fail("--facility is required for a custody officer");
            }

            var mobile = Web.PhoneNumber.Normalize(parsed.GetValue(phone));
            if (mobile is null && parsed.GetValue(phone) is not null)
            {
                return AigaqCli.Fail("--phone must be a phone number, e.g. +77011234567");
            }

            var given = parsed.GetValue(password);
            var made = given ?? UserAccounts.MakePassword();
            var user = await UserAccounts.CreateAsync(
                sp, parsed.GetRequiredValue(email), wanted, code, facilityId, made, parsed.GetValue(name), parsed.GetValue(language), mobile);
            Console.Out.WriteLine(given is null ? $"{user.Id} {made}" : user.Id.ToString());
            return 0;
        }));
        return add;
    }
}
