using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Examinations;

/// <summary>
/// /dev/examinations/body-diagram: the body diagram alone, with a sample marker, in development only (the browser tests
/// and whoever draws the diagram). It holds no data; everywhere else it is not there (404).
/// </summary>
[AllowAnonymous]
public sealed class BodyDiagramPreviewModel(IWebHostEnvironment environment) : PageModel
{
    public BodyDiagram Diagram { get; } = new([new BodyMarker("back", 0.62, 0.3, "1")], Editable: true);

    public IActionResult OnGet() => environment.IsDevelopment() ? Page() : NotFound();
}
