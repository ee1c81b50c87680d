using System.Security.Claims;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Web;

/// <summary>
/// A form's command through the unit of work: a form sent twice with its one-time key stores one record and sends both
/// to it; a refused form stores nothing; a key cannot be replayed for another operation.
/// </summary>
public abstract class FormRunTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private async Task<FormRun> SendAsync(Guid userId, string? formKey, string name, string operation = "facilities.create")
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<CommandRunner>();
        var create = scope.ServiceProvider.GetRequiredService<CreateFacility>();
        var request = new CreateFacilityRequest(name, FacilityType.PoliceHoldingCell, "KZ-75", Agency.Police, "ул. Абая, 1", false);
        return await runner.RunFormAsync<FacilityView>(
            userId, formKey, operation, f => $"/facilities/{f.Id}", ct => create.HandleAsync(request, new ClaimsPrincipal(), ct), CancellationToken.None);
    }

    private Task<int> CountAsync(string name) => Host.WithDbAsync(db => db.Set<Facility>().CountAsync(f => f.Name == name));

    [Fact]
    public async Task A_form_sent_twice_with_its_key_stores_one_record_and_sends_both_to_it()
    {
        var user = Guid.NewGuid();
        var key = Guid.NewGuid().ToString("N");
        var name = "ИВС " + key;

        var first = await SendAsync(user, key, name);
        var second = await SendAsync(user, key, name);

        Assert.Null(first.Problem);
        Assert.False(first.Replayed);
        Assert.StartsWith("/facilities/", first.Location, StringComparison.Ordinal);
        Assert.True(second.Replayed);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task Without_a_key_each_send_stores_its_own_record()
    {
        var name = "ИВС " + Guid.NewGuid().ToString("N");

        var first = await SendAsync(Guid.NewGuid(), null, name);
        var second = await SendAsync(Guid.NewGuid(), null, name);

        Assert.NotEqual(first.Location, second.Location);
        Assert.Equal(2, await CountAsync(name));
    }

    [Fact]
    public async Task A_refused_form_stores_nothing_and_its_key_stays_free()
    {
        var user = Guid.NewGuid();
        var key = Guid.NewGuid().ToString("N");
        var name = "ИВС " + key;

        var refused = await SendAsync(user, key, "");
        var sent = await SendAsync(user, key, name);

        Assert.NotNull(refused.Problem);
        Assert.Null(refused.Location);
        Assert.False(sent.Replayed);
        Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task A_key_used_for_another_operation_is_refused_and_stores_nothing()
    {
        var user = Guid.NewGuid();
        var key = Guid.NewGuid().ToString("N");
        var name = "ИВС " + key;
        await SendAsync(user, key, name);

        var other = await SendAsync(user, key, name, operation: "facilities.other");

        var problem = Assert.IsType<ProblemHttpResult>(other.Problem);
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.StatusCode);
        Assert.Equal(1, await CountAsync(name));
    }
}

public sealed class FormRunOnSqlite(SqliteHost fixture) : FormRunTests(fixture), IClassFixture<SqliteHost>;

public sealed class FormRunOnPostgres(PostgresHost fixture) : FormRunTests(fixture), IClassFixture<PostgresHost>;
