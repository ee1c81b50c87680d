using Aigaq.Access;
using Aigaq.Data;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// PostgreSQL numbers come from the database sequence in blocks per process: two nodes on one
/// database never hand out the same number, and each node's numbers increase.
/// </summary>
public sealed class PostgresNumberTests(TwoPostgresHosts nodes) : IClassFixture<TwoPostgresHosts>
{
    [Fact]
    public async Task Two_nodes_registering_in_turn_past_several_blocks_never_repeat_a_number_and_each_node_counts_upwards()
    {
        var facility = await nodes.First.FacilityAsync();
        var first = await nodes.First.UserAsync(Roles.Officer);
        var second = await nodes.Second.UserAsync(Roles.Officer);
        var numbers = new Dictionary<AigaqHost, List<long>> { [nodes.First] = [], [nodes.Second] = [] };

        for (var i = 0; i < 2 * PostgresSequences.Block + 3; i++)
        {
            foreach (var (host, officer) in new[] { (nodes.First, first), (nodes.Second, second) })
            {
                var created = await host.RegisterAsync(officer, facility.Id);
                numbers[host].Add(long.Parse(created.Str("number")[4..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var all = numbers.Values.SelectMany(n => n).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(numbers.Values, n => Assert.Equal(n.Order(), n));
    }
}
