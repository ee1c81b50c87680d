using System.Globalization;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Detentions;

/// <summary>The officer's form, flat so that a phone browser keeps every field on a failed send.</summary>
public sealed class RegisterForm
{
    public string? FormKey { get; set; }
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Patronymic { get; set; }
    public string? BirthDate { get; set; }
    public string? Iin { get; set; }
    public string? Sex { get; set; }
    public string? Citizenship { get; set; }
    public string? Language { get; set; }
    public string? DetainedAt { get; set; }
    public string? PlaceAddress { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Region { get; set; }
    public string? Agency { get; set; }
    public string? Officer1Badge { get; set; }
    public string? Officer1Name { get; set; }
    public string? Officer2Badge { get; set; }
    public string? Officer2Name { get; set; }
    public string? GroundsKind { get; set; }
    public string? GroundsArticle { get; set; }
    public string? GroundsDescription { get; set; }
    public bool RightsExplained { get; set; }
    public string? RightsExplainedAt { get; set; }
    public string? RightsLanguage { get; set; }
    public string? FacilityId { get; set; }
    public string? Route { get; set; }
    public string? ExpectedArrival { get; set; }
    public string? Contact1Role { get; set; }
    public string? Contact1Name { get; set; }
    public string? Contact1Phone { get; set; }
    public string? Contact1Email { get; set; }
    public string? Contact1Language { get; set; }
    public string? Contact2Role { get; set; }
    public string? Contact2Name { get; set; }
    public string? Contact2Phone { get; set; }
    public string? Contact2Email { get; set; }
    public string? Contact2Language { get; set; }
}

[Authorize(Policy = Permissions.RegisterDetention)]
public sealed class RegisterModel(
    RegisterDetention handler, CommandRunner runner, AigaqDb db, LocalClock clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    // Which form slot each item of the request's lists came from, to put an error next to it.
    private readonly List<int> _officerSlots = [];
    private readonly List<int> _contactSlots = [];

    [BindProperty]
    public RegisterForm Form { get; set; } = new();

    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var officer = await OfficerAsync(ct);
        Form = new RegisterForm
        {
            FormKey = Guid.NewGuid().ToString("N"),
            DetainedAt = clock.InputValue(now),
            RightsExplainedAt = clock.InputValue(now),
            Region = User.RegionScope(),
            Agency = officer.Agency,
            Officer1Badge = officer.Badge,
            Officer1Name = officer.Name,
            Contact1Role = nameof(ContactRole.Relative),
            Contact2Role = nameof(ContactRole.Defender),
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = ToRequest(Form);
        if (!ModelState.IsValid)
        {
            // A field that did not parse must not hide the others' errors until the next send: all of them at once.
            if (await handler.CheckAsync(request, User, ct) is { } problem)
            {
                var parsed = new ModelStateDictionary();
                FormErrors.AddTo(parsed, problem, FieldOf, t);
                foreach (var (key, entry) in parsed)
                {
                    if (ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid)
                    {
                        foreach (var error in entry.Errors)
                        {
                            ModelState.AddModelError(key, error.ErrorMessage);
                        }
                    }
                }
            }

            await LoadAsync(ct);
            return Page();
        }

        var run = await runner.RunFormAsync(
            User.RequiredUserId(), Form.FormKey, "detentions.register", d => $"/detentions/{d.Id}",
            c => handler.HandleAsync(request, User, c), ct, HashOf(request));
        if (run.Problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { ProblemDetails.Type: ProblemTypes.IdempotencyKeyReused })
        {
            // The form was sent before with other details (a draft restored on the device and changed): it was not
            // registered again, and not answered with the earlier record either. A new key lets the officer send it.
            Form.FormKey = Guid.NewGuid().ToString("N");
            ModelState.AddModelError("", t["This form had already been sent with other details, so it was not registered. Check the details and send it again to register this person."]);
            await LoadAsync(ct);
            return Page();
        }

        if (run.Problem is not null)
        {
            FormErrors.AddTo(ModelState, run.Problem, FieldOf, t);
            await LoadAsync(ct);
            return Page();
        }

        return LocalRedirect(run.Location!);
    }

    /// <summary>
    /// The signed-in officer's name from the account, and the badge and unit they gave on their last registration:
    /// the officer who registers is nearly always the one who detained.
    /// </summary>
    private async Task<(string? Name, string? Badge, string? Agency)> OfficerAsync(CancellationToken ct)
    {
        var id = User.RequiredUserId();
        var name = await db.Set<AppUser>().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var last = await db.Set<Detention>().AsNoTracking()
            .Where(d => d.RecordedBy == id)
            .OrderByDescending(d => d.Seq)
            .Select(d => new { d.Agency, d.Officers })
            .FirstOrDefaultAsync(ct);
        var badge = last?.Officers.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))?.Badge;
        return (name, badge, last?.Agency);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.Set<Facility>().AsNoTracking().OrderBy(f => f.Region).ThenBy(f => f.Name).ToListAsync(ct);
        // The officer's own region first: the destination is nearly always there.
        var region = User.RegionScope();
        Facilities = [.. rows.OrderBy(f => f.Region == region ? 0 : 1).Select(FacilityView.From)];
    }

    private RegisterDetentionRequest ToRequest(RegisterForm f)
    {
        var detainedAt = LocalInstant(nameof(f.DetainedAt), f.DetainedAt, required: true);
        var rightsAt = f.RightsExplained ? LocalInstant(nameof(f.RightsExplainedAt), f.RightsExplainedAt, required: true) : null;
        var expected = LocalInstant(nameof(f.ExpectedArrival), f.ExpectedArrival, required: false);
        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(f.BirthDate))
        {
            if (DateOnly.TryParseExact(f.BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b))
            {
                born = b;
            }
            else
            {
                Add(nameof(f.BirthDate), t["Enter the date as YYYY-MM-DD."]);
            }
        }

        Guid? facility = null;
        if (Guid.TryParse(f.FacilityId, out var fid))
        {
            facility = fid;
        }

        var officers = new List<OfficerInput>();
        if (Filled(f.Officer1Badge, f.Officer1Name) || !Filled(f.Officer2Badge, f.Officer2Name))
        {
            officers.Add(new OfficerInput(f.Officer1Badge, f.Officer1Name));
            _officerSlots.Add(1);
        }

        if (Filled(f.Officer2Badge, f.Officer2Name))
        {
            officers.Add(new OfficerInput(f.Officer2Badge, f.Officer2Name));
            _officerSlots.Add(2);
        }

        var contacts = new List<ContactInput>();
        foreach (var (slot, role, name, phone, email, language) in new[]
        {
            (1, f.Contact1Role, f.Contact1Name, f.Contact1Phone, f.Contact1Email, f.Contact1Language),
            (2, f.Contact2Role, f.Contact2Name, f.Contact2Phone, f.Contact2Email, f.Contact2Language),
        })
        {
            if (Filled(name, phone) || Filled(email, null))
            {
                _contactSlots.Add(slot);
                contacts.Add(new ContactInput(Enum.TryParse<ContactRole>(role, out var r) ? r : null, name, phone, email, Blank(language)));
            }
        }

        return new RegisterDetentionRequest(
            new PersonInput(f.LastName, f.FirstName, Blank(f.Patronymic), born, Blank(f.Iin), Blank(f.Sex), Blank(f.Citizenship), Blank(f.Language)),
            detainedAt,
            new PlaceInput(f.PlaceAddress, Number(nameof(f.Latitude), f.Latitude), Number(nameof(f.Longitude), f.Longitude)),
            f.Region,
            f.Agency,
            officers,
            new GroundsInput(Enum.TryParse<GroundsKind>(f.GroundsKind, out var g) ? g : null, Blank(f.GroundsArticle), Blank(f.GroundsDescription)),
            rightsAt,
            f.RightsExplained ? Blank(f.RightsLanguage) : null,
            new DestinationInput(facility, Blank(f.Route), expected),
            contacts);
    }

    private DateTimeOffset? LocalInstant(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, t["Error: is required"]);
            }

            return null;
        }

        var parsed = clock.ParseInput(value);
        if (parsed is null)
        {
            Add(field, t["Enter a date and time."]);
        }

        return parsed;
    }

    private double? Number(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Add(field, t["Enter a number."]);
        return null;
    }

    /// <summary>A hash of what the form asks, stored with its key.</summary>
    private static string HashOf(RegisterDetentionRequest request) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request)));

    /// <summary>Whether a date or date-time picker can hold the value; one it cannot is shown as text.</summary>
    public static bool IsPickerValue(string type, string value) => type == "date"
        ? DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        : DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private void Add(string field, string message) => ModelState.AddModelError("Form." + field, message);

    private static bool Filled(string? a, string? b) => !string.IsNullOrWhiteSpace(a) || !string.IsNullOrWhiteSpace(b);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The form field that shows an error reported under a JSON path of the request.</summary>
    public string FieldOf(string path)
    {
        var field = path switch
        {
            "person" => "LastName",
            "person.lastName" => "LastName",
            "person.firstName" => "FirstName",
            "person.patronymic" => "Patronymic",
            "person.birthDate" => "BirthDate",
            "person.iin" => "Iin",
            "person.sex" => "Sex",
            "person.citizenship" => "Citizenship",
            "person.language" => "Language",
            "detainedAt" => "DetainedAt",
            "place" or "place.address" => "PlaceAddress",
            "place.latitude" => "Latitude",
            "place.longitude" => "Longitude",
            "region" => "Region",
            "agency" => "Agency",
            "officers" => "Officer1Name",
            _ when path.StartsWith("officers[", StringComparison.Ordinal) => ListField(path, "Officer", _officerSlots, n => n == "badge" ? "Badge" : "Name"),
            "grounds" or "grounds.kind" => "GroundsKind",
            "grounds.article" => "GroundsArticle",
            "grounds.description" => "GroundsDescription",
            "rightsExplainedAt" => "RightsExplainedAt",
            "rightsLanguage" => "RightsLanguage",
            "destination" or "destination.facilityId" => "FacilityId",
            "destination.route" => "Route",
            "destination.expectedArrival" => "ExpectedArrival",
            _ when path.StartsWith("contacts[", StringComparison.Ordinal) => ListField(path, "Contact", _contactSlots, n => n switch
            {
                "" or "phone" => "Phone",
                "email" => "Email",
                "role" => "Role",
                "language" => "Language",
                _ => "Name",
            }),
            _ => null,
        };
        return field is null ? "" : "Form." + field;
    }

    /// <summary>contacts[i].name and the like: the form slot item i came from, and the field in it.</summary>
    private static string ListField(string path, string prefix, List<int> slots, Func<string, string> fieldOf)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        var close = path.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(path[(open + 1)..close], CultureInfo.InvariantCulture);
        var slot = index < slots.Count ? slots[index] : 1;
        return prefix + slot.ToString(CultureInfo.InvariantCulture) + fieldOf(path[(close + 1)..].TrimStart('.'));
    }
}
