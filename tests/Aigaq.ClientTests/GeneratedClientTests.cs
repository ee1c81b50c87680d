using Aigaq.ClientTests.Client;
using Aigaq.ClientTests.Client.Models;
using Aigaq.TestSupport;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Aigaq.ClientTests;

/// <summary>
/// A client generated with Kiota from <c>docs/openapi/v1.json</c> (see the project file) speaks to the real application
/// on SQLite with bearer tokens: what the document says is what an outside client can do.
/// </summary>
public sealed class GeneratedClientTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task An_officer_registers_a_detention_through_the_generated_client_and_reads_it_back()
    {
        var host = fixture.Host;
        var admin = Client(host, (await host.UserAsync("Administrator")).Token);
        var officer = Client(host, (await host.UserAsync("Officer")).Token);

        var facility = await admin.Api.V1.Facilities.PostAsync(new CreateFacilityRequest
        {
            Name = "ИВС ДП г. Алматы",
            Type = FacilityType.PoliceHoldingCell,
            Region = "KZ-75",
            Agency = Agency.Police,
            Address = "г. Алматы, ул. Масанчи, 57А",
            AcceptsMinors = false,
        });
        Assert.NotNull(facility?.Id);

        var detainedAt = host.Now.AddMinutes(-5);
        var registered = await officer.Api.V1.Detentions.PostAsync(new RegisterDetentionRequest
        {
            Person = new PersonInput { LastName = "Ахметов", FirstName = "Ерлан", BirthDate = new Date(1994, 5, 17), Language = "kk" },
            DetainedAt = detainedAt,
            Place = new PlaceInput { Address = "г. Алматы, пр. Абая, 150", Latitude = 43.2389, Longitude = 76.8897 },
            Region = "KZ-75",
            Agency = "Департамент полиции г. Алматы",
            Officers = [new OfficerInput { Badge = "1207", Name = "Ержан Абенов" }],
            Grounds = new GroundsInput { Kind = GroundsKind.Suspicion, Article = "ст. 188 ч. 2 УК РК" },
            RightsExplainedAt = detainedAt.AddMinutes(2),
            RightsLanguage = "kk",
            Destination = new DestinationInput { FacilityId = facility.Id, ExpectedArrival = detainedAt.AddMinutes(40) },
            Contacts = [new ContactInput { Role = ContactRole.Relative, Name = "Айгуль Ахметова", Phone = "+77011234567" }],
        });

        Assert.NotNull(registered?.Id);
        Assert.StartsWith("D75-", registered.Number, StringComparison.Ordinal);
        Assert.Equal(host.Now, registered.RecordedAt);
        Assert.NotNull(registered.Deadlines?.CourtBy);

        var read = await officer.Api.V1.Detentions[registered.Id.Value].GetAsync();
        Assert.Equal(registered.Number, read?.Number);
        Assert.Equal("Ахметов", read?.Person?.LastName);
        Assert.Equal(detainedAt, read?.DetainedAt);
        Assert.Equal(facility.Id, read?.Destination?.FacilityId);
        Assert.Contains(read?.Contacts ?? [], c => c.Role == ContactRole.Relative);
    }

    [Fact]
    public async Task The_generated_client_reads_a_refusal_as_the_documented_problem()
    {
        var host = fixture.Host;
        var stranger = Client(host, "not-a-token");

        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => stranger.Api.V1.Detentions[Guid.NewGuid()].GetAsync());

        Assert.Equal(401, refused.ResponseStatusCode);
    }

    /// <summary>The generated client on the test server, authenticated by Kiota's own bearer provider.</summary>
    private static AigaqClient Client(AigaqHost host, string token)
    {
        var http = host.CreateDefaultClient();
        var auth = new BaseBearerTokenAuthenticationProvider(new StaticToken(token, http.BaseAddress!.Host));
        return new AigaqClient(new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
    }

    private sealed class StaticToken(string token, string allowedHost) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([allowedHost]);

        public Task<string> GetAuthorizationTokenAsync(
            Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : "");
    }
}
