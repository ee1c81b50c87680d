using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Examinations;

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/examinations/{id}/findings</c>), with the injury's size if measured.</summary>
public sealed record RecordFindingRequest(
    string? BodyRegion, string? View, double? X, double? Y, string? Description, string? Consistency, string? Rationale, string? Size = null);

public sealed record FindingRecorded(Guid Id, Guid ExaminationId);

/// <summary>
/// A finding on the body diagram (issue 16, item 5), checked against the examination's form version: the view and its
/// region, the point as fractions of the view's drawing (0,0 top-left), and one of the form's levels of consistency with
/// its reasoning. Only with the person's consent to be examined.
/// </summary>
public sealed class RecordFinding(AigaqDb db, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public const int MaxText = ExaminationRecordsConfiguration.MaxText;

    public async Task<Outcome<FindingRecorded>> HandleAsync(Guid id, RecordFindingRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "findings", ct);
        if (open is null)
        {
            return problem;
        }

        var v = new Validation();
        var (view, region) = Place(v, open.Form, request.View, request.BodyRegion);
        var x = Fraction(v, "x", request.X);
        var y = Fraction(v, "y", request.Y);
        if (v.IsValid && BodyDiagramShapes.Covers(view, region, x, y) == false)
        {
            // A region the diagram does not draw (a newer form version's) is exempt: see BodyDiagramShapes.Covers.
            v.Add("x", $"the point ({x.ToString(CultureInfo.InvariantCulture)}, {y.ToString(CultureInfo.InvariantCulture)}) lies outside the {region} of the {view} view: mark the place on the region itself");
        }

        var description = v.Required("description", request.Description, MaxText);
        var consistency = Level(v, open.Form, "consistency", request.Consistency);
        var rationale = v.Required("rationale", request.Rationale, MaxText);
        var size = v.Optional("size", request.Size, 100);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await ExaminationWrites.WithoutConsentAsync(db, open.Exam, ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var finding = new ExaminationFinding
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            View = view,
            BodyRegion = region,
            X = x,
            Y = y,
            Size = size,
            Description = description,
            Consistency = consistency,
            Rationale = rationale,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(finding);
        LedgerWriter.Append(db, ExaminationLedger.FindingRecorded, finding.Id, now, ExaminationLedger.Content(finding));
        log.Add(user, "examination.finding", id.ToString(), "allowed");
        return Outcome<FindingRecorded>.Created(() => new FindingRecorded(finding.Id, id), $"/api/v1/examinations/{id}");
    }

    internal static (string View, string Region) Place(Validation v, ExaminationForm form, string? view, string? region)
    {
        if (string.IsNullOrWhiteSpace(view) || !form.BodyRegions.TryGetValue(view, out var regions))
        {
            v.Add("view", "must be one of " + string.Join(", ", form.BodyRegions.Keys));
            if (string.IsNullOrWhiteSpace(region))
            {
                v.Add("bodyRegion", "is required");
            }

            return ("", "");
        }

        if (string.IsNullOrWhiteSpace(region) || !regions.Contains(region, StringComparer.Ordinal))
        {
            v.Add("bodyRegion", $"is not a region of the {view} view: one of " + string.Join(", ", regions));
            return (view, "");
        }

        return (view, region);
    }

    internal static string Level(Validation v, ExaminationForm form, string field, string? level)
    {
        if (form.Rank(level) < 0)
        {
            v.Add(field, "must be one of " + string.Join(", ", form.Consistency));
            return "";
        }

        return level!;
    }

    private static double Fraction(Validation v, string field, double? value)
    {
        if (value is not { } f)
        {
            v.Add(field, "is required");
            return 0;
        }

        if (!double.IsFinite(f) || f is < 0 or > 1)
        {
            v.Add(field, "must lie from 0 to 1: a fraction of the view's drawing, 0 at the top left");
            return 0;
        }

        return f;
    }
}
