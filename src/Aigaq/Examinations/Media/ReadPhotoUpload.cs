using System.Globalization;
using Aigaq.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Aigaq.Examinations;

/// <summary>
/// Reads the multipart form of <c>POST /api/v1/examinations/{id}/photos</c> (CONTRACT.md: <c>file</c>, <c>findingId</c>?,
/// <c>scaleShown</c>, <c>colourChartShown</c>; and <c>intimate</c>?, <c>identifiesPerson</c>?) as it streams: the photograph
/// goes straight into <see cref="PhotoIntake"/>, which stops reading past the size limit, so no copy of it is buffered to a
/// temporary file on the way. A field missing or not of its kind is named; the photograph's problems are named <c>file</c>.
/// </summary>
public static class ReadPhotoUpload
{
    private const int MaxFieldChars = 64;
    private static readonly string[] Fields = ["findingId", "scaleShown", "colourChartShown", "intimate", "identifiesPerson"];

    public static async Task<(PhotoUpload? Upload, IResult? Problem)> ReadAsync(HttpRequest request, PhotoIntake intake, CancellationToken ct)
    {
        var v = new Validation();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            v.Add(PhotoIntake.Field, "is required, sent as multipart/form-data");
            return (null, v.Problem());
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        TakenPhoto? photo = null;
        var files = 0;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    continue;
                }

                if (name == PhotoIntake.Field)
                {
                    if (++files == 1)
                    {
                        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                        photo = await intake.TakeAsync(section.Body, fileName, section.ContentType, v, ct);
                    }

                    continue;
                }

                if (Array.IndexOf(Fields, name) >= 0)
                {
                    var text = await ReadFieldAsync(section.Body, ct);
                    if (text is null || !values.TryAdd(name, text))
                    {
                        v.Add(name, text is null ? $"must be at most {MaxFieldChars} characters" : "is given more than once");
                    }
                }
            }
        }
        // A malformed form, or one cut off before its closing boundary (a phone that lost its connection mid-upload).
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !ct.IsCancellationRequested))
        {
            v.Add("body", "is not a whole multipart form");
            return (null, v.Problem());
        }

        if (files == 0)
        {
            v.Add(PhotoIntake.Field, "is required");
        }
        else if (files > 1)
        {
            v.Add(PhotoIntake.Field, "is one photograph per request");
        }

        Guid? findingId = null;
        if (values.TryGetValue("findingId", out var finding) && finding.Length > 0)
        {
            findingId = Guid.TryParse(finding, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            if (findingId is null)
            {
                v.Add("findingId", "is not a finding's id");
            }
        }

        var scale = Flag(v, values, "scaleShown", required: true);
        var chart = Flag(v, values, "colourChartShown", required: true);
        var intimate = Flag(v, values, "intimate", required: false);
        var identifies = Flag(v, values, "identifiesPerson", required: false);
        if (!v.IsValid || photo is null)
        {
            return (null, v.Problem());
        }

        return (new PhotoUpload(photo, findingId, scale ?? false, chart ?? false, intimate ?? false, identifies), null);
    }

    private static bool? Flag(Validation v, Dictionary<string, string> values, string field, bool required)
    {
        if (!values.TryGetValue(field, out var text) || text.Length == 0)
        {
            if (required)
            {
                v.Add(field, "is required: true or false");
            }

            return null;
        }

        if (bool.TryParse(text.Trim(), out var flag))
        {
            return flag;
        }

        v.Add(field, "must be true or false");
        return null;
    }

    /// <summary>A text field's value, or null when it is longer than a flag or an id can be.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var text = new StreamReader(body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxFieldChars + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await text.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        return read > MaxFieldChars ? null : new string(buffer, 0, read);
    }
}
