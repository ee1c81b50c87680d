using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

/// <summary>The intake form, flat so that a phone browser keeps every field on a failed send.</summary>
public sealed class ReportForm
{
    public string? FormKey { get; set; }
    public string? ReceivedAt { get; set; }
    public string? Source { get; set; }
    public string? Region { get; set; }
    public string? Narrative { get; set; }
    public string? IncidentAt { get; set; }
    public string? Injuries { get; set; }
    public bool Anonymous { get; set; }
    public string? VictimLastName { get; set; }
    public string? VictimFirstName { get; set; }
    public string? VictimPatronymic { get; set; }
    public string? VictimBirthDate { get; set; }
    public string? VictimIin { get; set; }
    public string? AllegedAgency { get; set; }
    public string? AllegedUnit { get; set; }
    public string? DetentionId { get; set; }
}

[Authorize(Policy = Permissions.ReceiveReports)]
public sealed class NewReportModel(ReceiveReport handler, CommandRunner runner, LocalClock clock, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["receivedAt"] = nameof(ReportForm.ReceivedAt),
        ["source"] = nameof(ReportForm.Source),
        ["region"] = nameof(ReportForm.Region),
        ["narrative"] = nameof(ReportForm.Narrative),
        ["incidentAt"] = nameof(ReportForm.IncidentAt),
        ["injuries"] = nameof(ReportForm.Injuries),
        ["victims[0].lastName"] = nameof(ReportForm.VictimLastName),
        ["victims[0].firstName"] = nameof(ReportForm.VictimFirstName),
        ["victims[0].patronymic"] = nameof(ReportForm.VictimPatronymic),
        ["victims[0].birthDate"] = nameof(ReportForm.VictimBirthDate),
        ["victims[0].iin"] = nameof(ReportForm.VictimIin),
        ["alleged[0].agency"] = nameof(ReportForm.AllegedAgency),
        ["alleged[0].unit"] = nameof(ReportForm.AllegedUnit),
        ["detentionId"] = nameof(ReportForm.DetentionId),
    };

    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public void OnGet(Guid? detentionId) => Form = new ReportForm
    {
        FormKey = Guid.NewGuid().ToString("N"),
        ReceivedAt = clock.InputValue(clock.Now),
        Region = User.RegionScope(),
        Source = nameof(ReportSource.Lawyer),
        DetentionId = detentionId?.ToString(),
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = ToRequest(Form);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var run = await runner.RunFormAsync(User.RequiredUserId(), Form.FormKey, "reports.receive", r => $"/reports/{r.Id}", c => handler.HandleAsync(request, User, c), ct);
        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, p => "Form." + (Fields.TryGetValue(p, out var f) ? f : p), t);
            return Page();
        }

        return LocalRedirect(run.Location!);
    }

    private ReceiveReportRequest ToRequest(ReportForm f)
    {
        var receivedAt = Instant(nameof(f.ReceivedAt), f.ReceivedAt, required: true);
        var incidentAt = Instant(nameof(f.IncidentAt), f.IncidentAt, required: false);
        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(f.VictimBirthDate))
        {
            if (DateOnly.TryParseExact(f.VictimBirthDate.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var b))
            {
                born = b;
            }
            else
            {
                ModelState.AddModelError("Form." + nameof(f.VictimBirthDate), t["Enter the date as YYYY-MM-DD."]);
            }
        }

        List<VictimInput> victims = Blank(f.VictimLastName) is null && Blank(f.VictimFirstName) is null && Blank(f.VictimIin) is null
            ? []
            : [new VictimInput(Blank(f.VictimLastName), Blank(f.VictimFirstName), Blank(f.VictimPatronymic), born, Blank(f.VictimIin))];
        List<AllegedInput> alleged = Enum.TryParse<Agency>(f.AllegedAgency, out var agency)
            ? [new AllegedInput(agency, Blank(f.AllegedUnit), null)]
            : [];
        return new ReceiveReportRequest(
            receivedAt, Enum.TryParse<ReportSource>(f.Source, out var source) ? source : null, f.Narrative, Blank(f.Region), victims, alleged,
            Guid.TryParse(f.DetentionId, out var detention) ? detention : null, null, incidentAt, Blank(f.Injuries), f.Anonymous);
    }

    private DateTimeOffset? Instant(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                ModelState.AddModelError("Form." + field, t["Error: is required"]);
            }

            return null;
        }

        var parsed = clock.ParseInput(value);
        if (parsed is null)
        {
            ModelState.AddModelError("Form." + field, t["Enter a date and time."]);
        }

        return parsed;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
