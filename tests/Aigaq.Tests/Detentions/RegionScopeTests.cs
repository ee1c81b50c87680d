using System.Net;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Detentions;
using Aigaq.Rules;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// An officer registers in their own region (issue 13, item 9): another region is refused, unless the rule pack allows
/// it, and then the registration raises an alert for that region's prosecutor.
/// </summary>
public sealed class RegionScopeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_officer_cannot_register_in_another_region_by_default(bool postgres)
    {
        await using var db = await TestDatabase.CreateAsync(postgres);
        await using var host = new AigaqHost(db);
        var facility = await host.FacilityAsync(region: "KZ-71");
        var officer = await host.UserAsync(Roles.Officer, region: "KZ-75");

        var response = await officer.Client.PostJsonAsync(Scenario.Detentions, Requests.Detention(facility.Id, host.Now, region: "KZ-71"));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "region");
        Assert.Equal(0, await host.WithDbAsync(d => d.Set<Detention>().CountAsync()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Where_the_rule_pack_allows_it_the_registration_raises_an_alert(bool postgres)
    {
        await using var db = await TestDatabase.CreateAsync(postgres);
        await using var host = new OutsideRegionAllowed(db);
        var facility = await host.FacilityAsync(region: "KZ-71");
        var officer = await host.UserAsync(Roles.Officer, region: "KZ-75");

        var created = await (await officer.Client.PostJsonAsync(Scenario.Detentions, Requests.Detention(facility.Id, host.Now, region: "KZ-71")))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Contains(AlertCodes.RegisteredOutsideRegion, created["alerts"].Codes());
        Assert.Equal("KZ-71", created.Str("region"));
    }

    /// <summary>The application with its rule pack changed to let officers register in other regions.</summary>
    private sealed class OutsideRegionAllowed(TestDatabase database) : AigaqHost(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var pack = RulePackCatalog.LoadEmbedded().At(Start);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<RulePackCatalog>();
                services.AddSingleton(new RulePackCatalog([pack with { Registration = pack.Registration with { OutsideRegionAllowed = true } }]));
            });
        }
    }
}
