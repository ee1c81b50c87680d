namespace Aigaq.Examinations;

/// <summary>The image formats a photograph is taken in, told by its first bytes, never by its name or declared type.</summary>
public enum PhotoFormat
{
    Jpeg,
    Png,
    WebP,
}

public static class PhotoFormats
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The format the bytes begin as, or null. HEIC is not taken: its metadata cannot be dropped without rewriting the
    /// file's offsets, and a phone's browser sends a JPEG when a page asks for an image (ADR 0027).
    /// </summary>
    public static PhotoFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return PhotoFormat.Jpeg;
        }

        if (bytes.StartsWith(PngSignature))
        {
            return PhotoFormat.Png;
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return PhotoFormat.WebP;
        }

        return null;
    }

    public static string MediaType(this PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "image/jpeg",
        PhotoFormat.Png => "image/png",
        _ => "image/webp",
    };
}
