using System.Net;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Detentions;

/// <summary>SQLite numbers come from the process: a restarted process goes on after the highest stored number.</summary>
public sealed class NumberTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_new_process_numbers_after_the_highest_stored_detention_and_never_repeats_one()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var created = await (await officer.Client.PostJsonAsync("/api/v1/detentions", Requests.Detention(facility.Id, Host.Now))).ExpectAsync(HttpStatusCode.Created);

        // A second sequence stands for the next process on the same file, with the series the areas declare.
        var next = new SqliteSequences(Host.Services.GetServices<NumberSeries>());
        var (highest, numbers) = await Host.WithDbAsync(async db =>
        {
            var max = await db.Set<Detention>().MaxAsync(d => d.Seq);
            var taken = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                taken.Add(await next.NextAsync(db, NumberAllocator.Detentions, CancellationToken.None));
            }

            return (max, taken);
        });

        Assert.Equal(long.Parse(created.Str("number")[4..], System.Globalization.CultureInfo.InvariantCulture), highest);
        Assert.Equal([highest + 1, highest + 2, highest + 3], numbers);
    }
}
