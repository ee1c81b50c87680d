using System.Security.Cryptography;
using Aigaq.Web;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>
/// A photograph taken in: the original exactly as it came (it is the evidence), its SHA-256, what it is by its bytes,
/// its metadata for the record, and the copy that may be shared (<see cref="StripPhotoMetadata"/>).
/// </summary>
/// <remarks><c>FileName</c>: The name it was sent under, without any folder; for the examiner's eyes only, as it may name the person.</remarks>
/// <remarks><c>DeclaredTypeDiffers</c>: Whether the sender called it something else than it is (a renamed file, say).</remarks>
public sealed record TakenPhoto(
    byte[] Original, string Sha256, PhotoFormat Format, PhotoExif Exif, byte[] SharedCopy, string? FileName, bool DeclaredTypeDiffers)
{
    public string MediaType => Format.MediaType();
}

/// <summary>
/// Takes in a photograph of an examination (issue 16, item 5). Only a whole JPEG, PNG or WebP is taken, told by its bytes,
/// never by its name or declared type, and no larger than <c>Aigaq:Examinations:MaxPhotoBytes</c>; anything else is an
/// error on the field <c>file</c> and nothing comes back. The caller stores the original (<see cref="PhotoStore"/>) and
/// logs the hash.
/// </summary>
public sealed class PhotoIntake(IOptions<AigaqOptions> options)
{
    public const string Field = "file";
    private const int MaxFileName = 255;

    public long MaxBytes => options.Value.Examinations.MaxPhotoBytes;

    /// <summary>The photograph, or null with the reason added to <paramref name="errors"/> under <see cref="Field"/>.</summary>
    public async Task<TakenPhoto?> TakeAsync(Stream? file, string? fileName, string? contentType, Validation errors, CancellationToken ct)
    {
        if (file is null)
        {
            errors.Add(Field, "is required");
            return null;
        }

        var original = await ReadAtMostAsync(file, MaxBytes, ct);
        if (original is null)
        {
            errors.Add(Field, $"must be at most {MaxBytes} bytes");
            return null;
        }

        if (original.Length == 0)
        {
            errors.Add(Field, "is required");
            return null;
        }

        if (PhotoFormats.Sniff(original) is not { } format)
        {
            errors.Add(Field, "must be a JPEG, PNG or WebP image");
            return null;
        }

        if (StripPhotoMetadata.Strip(format, original) is not { } shared)
        {
            errors.Add(Field, "is not a whole image");
            return null;
        }

        var declared = contentType?.Split(';')[0].Trim();
        return new TakenPhoto(
            original,
            Convert.ToHexStringLower(SHA256.HashData(original)),
            format,
            ReadPhotoExif.Read(original),
            shared,
            CleanName(fileName),
            !string.IsNullOrEmpty(declared) && !string.Equals(declared, format.MediaType(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The bytes of the stream, or null when it holds more than <paramref name="max"/>: an over-size file is not read to its end.</summary>
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

        // Browsers send a bare name, old ones a whole path from either system.
        var bare = name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        return bare.Length == 0 || bare.Length > MaxFileName || Text.Problem(bare) is not null ? null : bare;
    }
}
