using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// The cases a user may read, newest first: where each stands (stage, open or closed), who holds it, and what waits on it
/// (a hand-over not yet accepted, an institutional conflict, open alerts). A search by ERDR or report number and filters by
/// region, stage, part of the article, alleged agency, responsible body and status narrow it. A page holds
/// <see cref="Limit"/> cases; the next one continues below the last shown, with the filters.
/// </summary>
[Authorize(Policy = Permissions.ViewCases)]
public sealed class CasesModel(AigaqDb db, ListCases list, AccessLog log, RulePackCatalog rules, TimeProvider clock) : PageModel
{
    public const int Limit = 200;

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? Next { get; private set; }
    public bool Continued { get; private set; }

    /// <summary>The parts of the article in force, for the filter.</summary>
    public IReadOnlyList<int> Parts { get; private set; } = [];
    public string Article { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Part { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Responsible { get; set; }

    /// <summary>"false" for open cases, "true" for closed ones, empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Closed { get; set; }

    public bool Filtered =>
        !string.IsNullOrWhiteSpace(Q) || Region is not null || Stage is not null || Part is not null || Agency is not null ||
        Responsible is not null || Closed is not null;

    /// <summary>The filters as a query string, for the next page.</summary>
    public string Filters(string? cursor = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        ["region"] = Region,
        ["stage"] = Stage,
        ["part"] = Part,
        ["agency"] = Agency,
        ["responsible"] = Responsible,
        ["closed"] = Closed,
        ["cursor"] = cursor,
    }.Where(p => p.Value is not null)).Value ?? "";

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        var pack = rules.At(clock.GetUtcNow());
        Parts = [.. pack.Cases.Parts.Keys.Order()];
        Article = pack.Cases.Article;
        Q = Q is { Length: > ListCases.MaxQ } ? Q[..ListCases.MaxQ] : Q;

        // Filters that mean nothing are dropped rather than refused, as on the reports page: the page shows what it can.
        var filter = Read(out var dropped);
        if (dropped.Count > 0)
        {
            Region = dropped.Contains("region") ? null : Region;
            Stage = dropped.Contains("stage") ? null : Stage;
            Part = dropped.Contains("part") ? null : Part;
            Agency = dropped.Contains("agency") ? null : Agency;
            Responsible = dropped.Contains("responsible") ? null : Responsible;
            Closed = dropped.Contains("closed") ? null : Closed;
            Q = dropped.Contains("q") ? null : Q;
            filter = Read(out _);
        }

        long? after = null;
        if (cursor is not null)
        {
            var v = new Validation();
            after = v.SeqCursor(cursor);
            if (!v.IsValid)
            {
                return v.PageProblem();
            }

            Continued = true;
        }

        var matching = list.Rows(User, filter);
        Total = await matching.CountAsync(ct);
        (Rows, Next) = await ListCases.PageAsync(matching, after, Limit, ct);
        log.Add(User, "cases.list", $"{Rows.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Page();
    }

    private CaseFilter Read(out IReadOnlyCollection<string> invalid)
    {
        var v = new Validation();
        var filter = list.Read(v, new CaseListQuery(Empty(Region), Empty(Stage), Empty(Part), null, Empty(Agency), Empty(Responsible), Empty(Closed), Q));
        invalid = v.Errors.Keys;
        Region = Empty(Region);
        Stage = Empty(Stage);
        Part = Empty(Part);
        Agency = Empty(Agency);
        Responsible = Empty(Responsible);
        Closed = Empty(Closed);
        return filter;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
