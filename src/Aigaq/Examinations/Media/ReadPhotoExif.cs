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

    /// <summary>The metadata of an image; <see cref="PhotoExif.None"/> when it has none or none that can be read.</summary>
    public static PhotoExif Read(byte[] image)
    {
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
        var metadata = directories.Any(d => d is ExifDirectoryBase or GpsDirectory or XmpDirectory or IptcDirectory);
        return new PhotoExif(
            taken, offset is not null && offset.Length <= 6 ? offset : null, device, gps?.GetGeoLocation() is not null,
            orientation, Clean(ifd0?.GetString(ExifDirectoryBase.TagSoftware)), metadata);
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
