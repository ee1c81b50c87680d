using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Detentions;

/// <summary>The detentions the user may see, newest first (the scope rule decides which).</summary>
[Authorize]
public sealed class IndexModel(ListDetentions list) : PageModel
{
    public IReadOnlyList<DetentionSummary> Items { get; private set; } = [];
    public string? Next { get; private set; }

    /// <summary>The search: a detention number, or a last name (and first name) as the start of the name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Region is not null || Status is not null;

    /// <summary>The filters as a query string, for the next page and the export.</summary>
    public string Filters(string? cursor = null) => Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        ["region"] = Region,
        ["status"] = Status,
        ["cursor"] = cursor,
        ["culture"] = Request.Query.TryGetValue("culture", out var culture) ? culture.ToString() : null,
    }.Where(p => p.Value is not null)).Value ?? "";

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        if (!ShowModel.MayView(User))
        {
            return Forbid();
        }

        // Filters that mean nothing are dropped rather than refused: the page shows what it can.
        Region = Facilities.Regions.IsKnown(Region ?? "") ? Region : null;
        CustodyStatus? status = Enum.TryParse<CustodyStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(Status![0]) ? s : null;
        Status = status is null ? null : Status;
        Q = Q is { Length: > 100 } ? Q[..100] : Q;
        long? after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        var page = await list.QueryAsync(User, Region, status, after, 30, ct, Q);
        await list.LogAsync(User, page.Items.Count, ct);
        Items = page.Items;
        Next = page.Next;
        return Page();
    }
}
