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

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        if (!ShowModel.MayView(User))
        {
            return Forbid();
        }

        long? after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        var page = await list.QueryAsync(User, null, null, after, 30, ct);
        Items = page.Items;
        Next = page.Next;
        return Page();
    }
}
