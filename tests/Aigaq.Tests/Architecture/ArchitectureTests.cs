using System.Reflection;
using NetArchTest.Rules;

namespace Aigaq.Tests.Architecture;

/// <summary>
/// The edges between the application's parts (docs/decisions/0010): the shared kernel uses no area, the log library
/// no framework, and areas form no cycle, so that a new area is added without teaching the others about it.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(Program).Assembly;

    /// <summary>What every area may use: data, web conventions, rules, the log, access control, the facility register.</summary>
    private static readonly string[] Kernel = ["Data", "Web", "Rules", "TransparencyLog", "Access", "Facilities"];

    /// <summary>The areas, each a folder and a namespace with its own module.</summary>
    private static readonly string[] Areas = ["Alerts", "Notifications", "Detentions", "Cases", "Statistics", "Dashboard", "Protection", "Examinations", "Visits", "Recommendations"];

    /// <summary>What composes everything: the command line with its demo data, and the witness host.</summary>
    private static readonly string[] Top = ["Cli", "Witness"];

    [Fact]
    public void The_kernel_uses_no_area()
    {
        var failures = new List<string>();
        foreach (var kernel in Kernel)
        {
            foreach (var area in Areas.Concat(Top))
            {
                failures.AddRange(Dependents(kernel, area).Select(type => $"{type} -> Aigaq.{area}"));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Only_the_top_uses_the_command_line_and_the_witness_host()
    {
        var failures = Kernel.Concat(Areas)
            .SelectMany(part => Top.SelectMany(top => Dependents(part, top).Select(type => $"{type} -> Aigaq.{top}")))
            .ToList();

        Assert.Empty(failures);
    }

    [Fact]
    public void The_log_library_uses_no_web_or_database_framework()
    {
        var result = Types.InAssembly(typeof(Aigaq.Ledger.MerkleHash).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Aigaq.Data", "Aigaq.Web")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_name_Aigaq_Ledger_means_the_library_only()
    {
        var inApp = App.GetTypes()
            .Where(t => t.Namespace is "Aigaq.Ledger" || t.Namespace?.StartsWith("Aigaq.Ledger.", StringComparison.Ordinal) == true)
            .Select(t => t.FullName).ToList();

        Assert.Empty(inApp);
    }

    [Fact]
    public void Areas_form_no_cycle()
    {
        var edges = Areas.SelectMany(a => Areas.Where(b => b != a && Dependents(a, b).Count > 0).Select(b => (From: a, To: b))).ToHashSet();

        Assert.NotEmpty(edges);
        Assert.Empty(edges.Where(e => Reaches(edges, e.To, e.From)).Select(e => $"{e.From} -> {e.To}"));
    }

    [Fact]
    public void A_cycle_is_found_when_there_is_one()
    {
        // The search the rule above relies on, on a graph of its own: a -> b -> c -> a is a cycle, c -> d is not on one.
        HashSet<(string From, string To)> edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")];

        Assert.True(Reaches(edges, "b", "a"));
        Assert.False(Reaches(edges, "d", "c"));
    }

    private static List<string> Dependents(string part, string on)
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("Aigaq." + part)
            .ShouldNot().HaveDependencyOn("Aigaq." + on).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames];
    }

    private static bool Reaches(HashSet<(string From, string To)> edges, string from, string to)
    {
        var seen = new HashSet<string> { from };
        var next = new Queue<string>([from]);
        while (next.TryDequeue(out var at))
        {
            if (at == to)
            {
                return true;
            }

            foreach (var (_, b) in edges.Where(e => e.From == at))
            {
                if (seen.Add(b))
                {
                    next.Enqueue(b);
                }
            }
        }

        return false;
    }
}
