using System.Globalization;
using System.Net.Http.Headers;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Aigaq.TestSupport;

/// <summary>A user made for a test, with a bearer token and a client that sends it.</summary>
public sealed record TestUser(AppUser User, string Token, HttpClient Client)
{
    public Guid Id => User.Id;
}

/// <summary>
/// One instance of the real application (the real HTTP pipeline, real database) on a <see cref="TestDatabase"/>. By
/// default the clock is a <see cref="FakeTimeProvider"/> and background workers are off, so a test drives the clock
/// scanner, the outbox dispatcher and the integrator itself; <see cref="HostOptions"/> says otherwise.
/// </summary>
public class AigaqHost : WebApplicationFactory<Program>
{
    /// <summary>A Monday, 15:00 in Almaty.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static int _sequence;
    private readonly FakeTimeProvider? _clock;

    public AigaqHost(TestDatabase database, HostOptions? options = null)
    {
        Database = database;
        Options = options ?? new HostOptions();
        _clock = Options.SystemClock ? null : new FakeTimeProvider(Start);
        if (Options.Kestrel)
        {
            UseKestrel();
        }
    }

    public TestDatabase Database { get; }

    public HostOptions Options { get; }

    /// <summary>The clock a test moves; a host on the system clock has none.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("This host runs on the system clock.");

    public DateTimeOffset Now => (_clock ?? TimeProvider.System).GetUtcNow();

    /// <summary>The address Kestrel listens on, with a trailing slash (only with <see cref="HostOptions.Kestrel"/>).</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Options.Environment);
        // Settings go in as host settings: Program reads its configuration before the host is built.
        builder.UseSetting("Aigaq:DataDir", Database.DataDir);
        builder.UseSetting("Aigaq:Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Aigaq:Database:AutoMigrate", "true");
        builder.UseSetting("Aigaq:Workers", Options.Workers ? "true" : "false");
        if (Options.NodeName is not null)
        {
            builder.UseSetting("Aigaq:NodeName", Options.NodeName);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        if (Options.Kestrel)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }

        if (Database.ConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Aigaq", Database.ConnectionString);
        }

        foreach (var (key, value) in TestProtectionKeys.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in Options.Settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_clock);
            });
        }
    }

    /// <summary>Starts the host (and so migrates the database) now rather than on first use.</summary>
    public AigaqHost Started()
    {
        if (Options.Kestrel)
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }

        _ = Services;
        return this;
    }

    /// <summary>A client without credentials that does not follow redirects; on Kestrel once the server listens, to its address.</summary>
    public HttpClient Anonymous() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    public HttpClient ClientWithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Issues a bearer token to a user, as <c>aigaq tokens issue</c> does.</summary>
    public async Task<string> TokenAsync(Guid userId, TimeSpan? lifetime = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(userId, lifetime ?? TimeSpan.FromDays(30), CancellationToken.None);
    }

    /// <summary>Creates a user in a role and scope through the same code as <c>aigaq users add</c>, and issues a token.</summary>
    public async Task<TestUser> UserAsync(
        string role, string? region = "KZ-75", Guid? facility = null, string? email = null, string? language = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        email ??= string.Create(CultureInfo.InvariantCulture, $"{role.ToLowerInvariant()}.{n}.{Guid.NewGuid():N}@test.aigaq.kz");
        AppUser user;
        await using (var scope = Services.CreateAsyncScope())
        {
            user = await UserAccounts.CreateAsync(
                scope.ServiceProvider, email, role, region, facility, "test-password-2026", $"{role} {n}", language);
        }

        var token = await TokenAsync(user.Id);
        return new TestUser(user, token, ClientWithToken(token));
    }

    /// <summary>Adds a facility to the register directly; the facility API has its own tests.</summary>
    public async Task<Facility> FacilityAsync(
        string region = "KZ-75", bool acceptsMinors = false, string? name = null, FacilityType type = FacilityType.PoliceHoldingCell,
        string? phone = null, Agency agency = Agency.Police)
    {
        var facility = new Facility
        {
            Id = Guid.NewGuid(),
            Name = name ?? "ИВС " + Guid.NewGuid().ToString("N")[..6],
            Type = type,
            Region = region,
            Agency = agency,
            Address = "г. Алматы, ул. Масанчи, 57А",
            AcceptsMinors = acceptsMinors,
            CreatedAt = Now,
            Phone = phone,
        };
        await WithDbAsync(async db =>
        {
            db.Add(facility);
            return await db.SaveChangesAsync();
        });
        return facility;
    }

    public async Task<T> WithDbAsync<T>(Func<AigaqDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AigaqDb>());
    }

    public Task<int> CountAsync<T>()
        where T : class => WithDbAsync(db => db.Set<T>().CountAsync());

    internal OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    /// <summary>One clock scan as the background service would run it at <paramref name="at"/>.</summary>
    public Task<int> ScanAsync(DateTimeOffset? at = null) =>
        ClockScanner.ScanAsync(Services.GetRequiredService<IServiceScopeFactory>(), at ?? Now, CancellationToken.None);

    /// <summary>One scan of report and referral deadlines at <paramref name="at"/>.</summary>
    public Task<int> CaseScanAsync(DateTimeOffset? at = null) =>
        Aigaq.Cases.CaseScanner.ScanAsync(Services.GetRequiredService<IServiceScopeFactory>(), at ?? Now, CancellationToken.None);
}
