using System.Buffers;
using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;

namespace Aigaq.Examinations;

/// <summary>
/// What a photograph's own metadata says, kept with the record (issue 16, item 5): when the camera thinks it was taken
/// (its clock, and the offset if it wrote one: a camera's clock is a claim, not a fact), the device, whether it carries a
/// location (yes or no only: the place stays in the original), how it is turned, and the software that last wrote it (an
/// editor's name is worth knowing). <see cref="Metadata"/> says whether EXIF, XMP or IPTC was there at all.
/// </summary>
public sealed record PhotoExif(
    DateTime? CameraTime, string? CameraOffset, string? Device, bool GpsPresent, int? Orientation, string? Software, bool Metadata)
{
    public static readonly PhotoExif None = new(null, null, null, false, null, null, false);

    /// <summary>The camera's time as it wrote it, ISO 8601, with its offset when it gave one.</summary>
    public string? CameraTimeText => CameraTime?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + CameraOffset;
}

public static class ReadPhotoExif
{
    private const int OffsetTimeOriginal = 0x9011;
    private const int MaxText = 100;

    /// <summary>
    /// The metadata of an image; <see cref="PhotoExif.None"/> when it has none or none that can be read. MetadataExtractor
    /// reads only what is bounded by the file's own size (L2): of a PNG, its chunks without the pixels and without the
    /// compressed ones (<see cref="PngMetadataView"/>), which it would inflate whole, however large they unpack.
    /// </summary>
    public static PhotoExif Read(byte[] image)
    {
        var compressedText = false;
        if (PhotoFormats.Sniff(image) == PhotoFormat.Png)
        {
            image = PngMetadataView(image, out compressedText);
        }

        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
#pragma warning disable CA1031 // A malformed block in a photograph from anywhere must not refuse the photograph.
        catch (Exception)
#pragma warning restore CA1031
        {
            return PhotoExif.None;
        }

        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        DateTime? taken = sub is not null && sub.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var original) ? original
            : ifd0 is not null && ifd0.TryGetDateTime(ExifDirectoryBase.TagDateTime, out var changed) ? changed
            : null;
        var offset = Clean(sub?.GetString(OffsetTimeOriginal));
        var device = Clean(string.Join(' ', new[] { ifd0?.GetString(ExifDirectoryBase.TagMake), ifd0?.GetString(ExifDirectoryBase.TagModel) }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim())));
        int? orientation = ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var o) && o is >= 1 and <= 8 ? o : null;
        var metadata = compressedText || directories.Any(d => d is ExifDirectoryBase or GpsDirectory or XmpDirectory or IptcDirectory);
        return new PhotoExif(
            taken, offset is not null && offset.Length <= 6 ? offset : null, device, gps?.GetGeoLocation() is not null,
            orientation, Clean(ifd0?.GetString(ExifDirectoryBase.TagSoftware)), metadata);
    }

    /// <summary>
    /// A PNG as MetadataExtractor may read it: the signature and every chunk but the pixels (<c>IDAT</c>) and those it would
    /// inflate (<c>zTXt</c>, <c>iCCP</c>, a compressed <c>iTXt</c>): a few kilobytes of deflate can unpack to gigabytes.
    /// <paramref name="compressedText"/>: a compressed text chunk was left out, so metadata was there (it may hold XMP or
    /// a raw EXIF profile, unread). A chunk that does not fit the file ends the view.
    /// </summary>
    internal static byte[] PngMetadataView(ReadOnlySpan<byte> png, out bool compressedText)
    {
        compressedText = false;
        const int Signature = 8;
        var view = new ArrayBufferWriter<byte>();
        view.Write(png[..Signature]);
        var i = Signature;
        while (i + 12 <= png.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png[i..]);
            if (length > int.MaxValue - 12 || i + 12 + (long)length > png.Length)
            {
                break;
            }

            var type = png.Slice(i + 4, 4);
            var data = png.Slice(i + 8, (int)length);
            var compressedInternational = type.SequenceEqual("iTXt"u8) && data.IndexOf((byte)0) is var k and >= 0 && k + 1 < data.Length && data[k + 1] != 0;
            var text = type.SequenceEqual("zTXt"u8) || compressedInternational;
            compressedText |= text;
            if (!text && !type.SequenceEqual("IDAT"u8) && !type.SequenceEqual("iCCP"u8))
            {
                view.Write(png.Slice(i, 12 + (int)length));
            }

            i += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
        }

        return view.WrittenSpan.ToArray();
    }

    /// <summary>Camera text as a record may hold it: printable, trimmed, at most <see cref="MaxText"/> characters.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var clean = new string([.. text.Where(c => !char.IsControl(c) && c != '\uFFFD')]).Trim();
        return clean.Length == 0 ? null : clean.Length > MaxText ? clean[..MaxText] : clean;
    }
}
