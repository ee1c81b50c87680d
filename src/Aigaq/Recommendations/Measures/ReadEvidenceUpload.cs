using System.Security.Cryptography;
using Aigaq.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Aigaq.Recommendations;

/// <summary>An evidence file as taken in: its bytes, SHA-256, the media type its content shows, and its bare name.</summary>
public sealed record EvidenceUpload(byte[] Bytes, string Sha256, string MediaType, string? FileName)
{
    /// <summary>What the idempotency record hashes: the file's digest and name, never its bytes.</summary>
    public object Digest(Guid id, Guid measureId) => new { id, measureId, Sha256, MediaType, FileName };
}

/// <summary>
/// Reads the multipart form of <c>POST .../measures/{measureId}/evidence</c>: one part <c>file</c>, read as it streams
/// and refused past the size limit. The file must be what its declared type says (PDF, DOCX, XLSX, JPEG, PNG or plain
/// UTF-8 text), checked on its first bytes; every problem names <c>file</c>.
/// </summary>
public static class ReadEvidenceUpload
{
    public const string Field = "file";

    private static readonly Dictionary<string, byte[]?> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "%PDF-"u8.ToArray(),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = [0x50, 0x4B, 0x03, 0x04],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [0x50, 0x4B, 0x03, 0x04],
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ["text/plain"] = null,
    };

    public static async Task<(EvidenceUpload? Upload, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var v = new Validation();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            v.Add(Field, "is required, sent as multipart/form-data");
            return (null, v.Problem());
        }

        byte[]? bytes = null;
        string? declared = null;
        string? fileName = null;
        var files = 0;
        var tooLarge = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value != Field || ++files > 1)
                {
                    continue;
                }

                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                declared = section.ContentType?.Split(';')[0].Trim();
                bytes = await ReadAtMostAsync(section.Body, maxBytes, ct);
                tooLarge = bytes is null;
            }
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !ct.IsCancellationRequested))
        {
            v.Add("body", "is not a whole multipart form");
            return (null, v.Problem());
        }

        if (files != 1 || tooLarge || bytes is not { Length: > 0 })
        {
            v.Add(Field, files > 1 ? "is one file per request" : tooLarge ? $"must be at most {maxBytes} bytes" : "is required");
            return (null, v.Problem());
        }

        if (declared is null || !Types.TryGetValue(declared, out var magic) || !Shows(bytes, magic))
        {
            v.Add(Field, "must be a PDF, DOCX, XLSX, JPEG, PNG or plain text file, sent with its type");
            return (null, v.Problem());
        }

        return (new EvidenceUpload(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), declared.ToLowerInvariant(), CleanName(fileName)), null);
    }

    private static bool Shows(byte[] bytes, byte[]? magic)
    {
        if (magic is not null)
        {
            return bytes.AsSpan().StartsWith(magic);
        }

        // Plain text: valid UTF-8 with no NUL.
        return Array.IndexOf(bytes, (byte)0) < 0 && System.Text.Unicode.Utf8.IsValid(bytes);
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, long max, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > max)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var bare = name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        return bare.Length == 0 || bare.Length > AddMeasureEvidence.MaxFileName || Text.Problem(bare) is not null ? null : bare;
    }
}
