using System.Globalization;
using System.Net.Http.Headers;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Aigaq.Tests.Infrastructure;

/// <summary>A user made for a test, with a bearer token and a client that sends it.</summary>
public sealed record TestUser(AppUser User, string Token, HttpClient Client)
{
    public Guid Id => User.Id;
}

/// <summary>
/// One instance of the real application (the real HTTP pipeline, real database) with the clock
/// replaced by a <see cref="FakeTimeProvider"/> and background workers off, so a test drives the
/// clock scanner and the outbox dispatcher itself.
/// </summary>
public sealed class AigaqHost(TestDatabase database, IReadOnlyDictionary<string, string?> settings, string nodeName)
    : WebApplicationFactory<Program>
{
    /// <summary>A Monday, 15:00 in Almaty.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestDatabase Database => database;

    public DateTimeOffset Now => Clock.GetUtcNow();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Settings go in as host settings: Program reads its configuration before the host is built.
        builder.UseSetting("Aigaq:DataDir", database.DataDir);
        builder.UseSetting("Aigaq:Database:Provider", database.Provider.ToString());
        builder.UseSetting("Aigaq:Database:AutoMigrate", "true");
        builder.UseSetting("Aigaq:Workers", "false");
        builder.UseSetting("Aigaq:NodeName", nodeName);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        if (database.ConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Aigaq", database.ConnectionString);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Starts the host (and so migrates the database) now rather than on first use.</summary>
    public AigaqHost Started()
    {
        _ = Services;
        return this;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient ClientWithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user in a role and scope through the same code as <c>aigaq users add</c>, and issues a token.</summary>
    public async Task<TestUser> UserAsync(
        string role, string? region = "KZ-75", Guid? facility = null, string? email = null, string? language = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        email ??= string.Create(CultureInfo.InvariantCulture, $"{role.ToLowerInvariant()}.{n}.{Guid.NewGuid():N}@test.aigaq.kz");
        await using var scope = Services.CreateAsyncScope();
        var user = await UserAccounts.CreateAsync(
            scope.ServiceProvider, email, role, region, facility, "test-password-2026", $"{role} {n}", language);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, TimeSpan.FromDays(30), CancellationToken.None);
        return new TestUser(user, token, ClientWithToken(token));
    }

    /// <summary>Adds a facility to the register directly; the facility API has its own tests.</summary>
    public async Task<Facility> FacilityAsync(
        string region = "KZ-75", bool acceptsMinors = false, string? name = null, FacilityType type = FacilityType.PoliceHoldingCell)
    {
        var facility = new Facility
        {
            Id = Guid.NewGuid(),
            Name = name ?? "ИВС " + Guid.NewGuid().ToString("N")[..6],
            Type = type,
            Region = region,
            Agency = Agency.Police,
            Address = "г. Алматы, ул. Масанчи, 57А",
            AcceptsMinors = acceptsMinors,
            CreatedAt = Now,
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
