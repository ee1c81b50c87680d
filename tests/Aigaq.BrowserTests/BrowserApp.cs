using System.Security.Claims;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Aigaq.BrowserTests;

/// <summary>
/// The real application on Kestrel (a free port, its workers running), on a SQLite database of its own, and one
/// headless Chromium for the test class. Data is seeded through the application's own services.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public const string Password = "browser-test-2026";
    public const string Region = "KZ-75";

    private TestDatabase _database = null!;
    private AigaqHost _host = null!;
    private Chromium _chromium = null!;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _chromium.Browser;
    public IServiceProvider Services => _host.Services;
    public FacilityView Facility { get; private set; } = null!;

    /// <summary>Lookups one address may make in a minute (page and API); a test class about the limit lowers it.</summary>
    protected virtual int LookupsPerMinute => 100;

    /// <summary>The host's data folder.</summary>
    protected string DataDir => _database.DataDir;

    /// <summary>Runs before the host is built; a test class adds settings through <see cref="Settings"/>.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Extra configuration for the host.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await BeforeStartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Aigaq:PublicLookup:PermitPerMinute"] = LookupsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aigaq:PublicLookup:PagePermitPerMinute"] = LookupsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aigaq:PublicLookup:NamePermitPerHour"] = "1000",
            ["Aigaq:PublicLookup:NamePermitPerAddressPerHour"] = "1000",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        _host = _database.NewHost(new HostOptions { Settings = settings, Kestrel = true, SystemClock = true, Workers = true, Environment = "Development" });
        BaseUrl = _host.BaseAddress.ToString().TrimEnd('/');

        // As `aigaq db migrate` does: the schema and the roles.
        await DataModule.MigrateAsync(Services);
        await using (var scope = Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
            foreach (var role in Roles.All)
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }

        Facility = await CreateFacilityAsync("ИВС УП г. Алматы", "г. Алматы, ул. Масанчи, 57А", "+77272000101");
        _chromium = await Chromium.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A browser context in a language (the culture cookie, as the switcher sets it), phone-sized if asked.</summary>
    public Task<IBrowserContext> ContextAsync(string culture, bool phone = true) => _chromium.ContextAsync(BaseUrl, culture, phone);

    public async Task<FacilityView> CreateFacilityAsync(string name, string address, string? phone = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AigaqDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var outcome = await sp.GetRequiredService<CreateFacility>().HandleAsync(
            new CreateFacilityRequest(name, FacilityType.PoliceHoldingCell, Region, Agency.Police, address, false, phone), Nobody(), default);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return outcome.Value!;
    }

    /// <summary>Creates a user (a custody officer at the app's facility); for a role that needs it, enrols an authenticator and returns its key.</summary>
    public async Task<(AppUser User, string? Key)> CreateUserAsync(string role, string email, bool enrol = true, string region = Region)
    {
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var user = await UserAccounts.CreateAsync(sp, email, role, region, role == Roles.CustodyOfficer ? Facility.Id : null, Password, "Test " + role, "kk");
        if (!enrol || !Permissions.RequiresSecondFactor(role))
        {
            return (user, null);
        }

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var fresh = (await users.FindByIdAsync(user.Id.ToString()))!;
        await users.ResetAuthenticatorKeyAsync(fresh);
        await users.SetTwoFactorEnabledAsync(fresh, true);
        return (user, await users.GetAuthenticatorKeyAsync(fresh));
    }

    /// <summary>An API client of the running app with a bearer token of the user, as an outside system would call it.</summary>
    public async Task<HttpClient> ApiClientAsync(AppUser user)
    {
        var token = await _host.TokenAsync(user.Id, TimeSpan.FromDays(1));
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// An authenticator code for the key. A code is accepted once, so a second sign-in of the account within the same
    /// 30 seconds gets the next step's code, which the app takes (it allows two steps ahead for a phone's clock).
    /// </summary>
    public static string Code(string key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Step;
        var step = LastSteps.AddOrUpdate(key, now, (_, last) => Math.Max(now, last + 1));
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * Step).UtcDateTime);
    }

    private const long Step = 30;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastSteps = new();

    /// <summary>Registers a detention through the registration handler, as an officer's device would.</summary>
    public async Task<DetentionView> RegisterAsync(AppUser officer, string lastName, string firstName, DateOnly born, bool rightsExplained)
    {
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AigaqDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var detainedAt = now.AddMinutes(-20);
        var request = new RegisterDetentionRequest(
            new PersonInput(lastName, firstName, null, born, null, null, "KZ", "kk"),
            detainedAt,
            new PlaceInput("г. Алматы, пр. Абая, 150", null, null),
            Region,
            "ДП г. Алматы",
            [new OfficerInput("1207", "Ержан Абенов")],
            new GroundsInput(GroundsKind.Suspicion, "ст. 188", null),
            rightsExplained ? detainedAt.AddMinutes(2) : null,
            rightsExplained ? "kk" : null,
            new DestinationInput(Facility.Id, null, null),
            [new ContactInput(ContactRole.Relative, "Айгүл", "+77011234567", null, "kk")]);
        await using var tx = await db.Database.BeginTransactionAsync();
        var outcome = await sp.GetRequiredService<RegisterDetention>().HandleAsync(request, Principal(officer, Roles.Officer), default);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return outcome.Value ?? throw new InvalidOperationException("The seed registration was refused.");
    }

    public async Task RecordAsync(AppUser officer, Guid detentionId, string type, DateTimeOffset at, params (string Name, System.Text.Json.Nodes.JsonNode Value)[] fields)
    {
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var body = new System.Text.Json.Nodes.JsonObject { ["type"] = type, ["at"] = Json.Format(at) };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        var db = sp.GetRequiredService<AigaqDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var outcome = await sp.GetRequiredService<RecordCustodyEvent>().HandleAsync(detentionId, body, Principal(officer, Roles.Officer), default);
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException($"The seed event {type} was refused.");
        }

        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    public async Task<IReadOnlyList<AccessLogEntry>> AccessLogAsync(Guid userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        return [.. db.Set<AccessLogEntry>().Where(e => e.UserId == userId).OrderBy(e => e.At).ThenBy(e => e.Id)];
    }

    public static async Task SignInAsync(IPage page, string email, string? key = null)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#signin-form button[type=submit]");
        if (key is not null)
        {
            await ExpectUrlAsync(page, new Regex("/signin/code"));
            await page.FillAsync("#code", Code(key));
            await page.ClickAsync("#code-form button[type=submit]");
        }

        await ExpectUrlAsync(page, new Regex("^(?!.*/signin)"));
    }

    /// <summary>
    /// Waits until the page's address matches, by polling the address only. <c>WaitForURLAsync</c> also waits for
    /// the page's load event, and under a loaded machine the client has missed that event after a redirect (CI
    /// timed out with the right address and the network idle); the next step waits for what it needs anyway. On a
    /// timeout the failure says what the page shows instead: a form sent back with an error is not a slow server.
    /// </summary>
    public static async Task ExpectUrlAsync(IPage page, Regex url)
    {
        try
        {
            await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 90_000 });
        }
        catch (PlaywrightException e)
        {
            // What Expect throws when the address never matched.
            var shown = await page.Locator(".validation-summary-errors, [role=alert], .error-text").AllInnerTextsAsync();
            throw new InvalidOperationException(
                $"The page stayed at {page.Url}; it shows: {(shown.Count == 0 ? "no error message" : string.Join(" | ", shown))}", e);
        }
    }

    /// <summary>Runs a command handler as a user in its own transaction, as the API would; throws if it is refused.</summary>
    public async Task<T> CommandAsync<T>(AppUser user, string role, Func<IServiceProvider, ClaimsPrincipal, Task<Outcome<T>>> command)
        where T : class
    {
        await using var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AigaqDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var outcome = await command(sp, Principal(user, role));
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException($"The seed command of a {role} was refused.");
        }

        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return outcome.Value!;
    }

    private static ClaimsPrincipal Nobody() => new(new ClaimsIdentity("test"));

    private static ClaimsPrincipal Principal(AppUser user, string role)
    {
        var identity = new ClaimsIdentity("test", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaims(AigaqClaims.For(user, [role]));
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>The same host with a public-lookup budget of two a minute, to reach the limit.</summary>
public sealed class LimitedLookupHost : BrowserApp
{
    protected override int LookupsPerMinute => 2;
}
