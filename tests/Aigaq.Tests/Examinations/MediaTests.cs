using System.Security.Cryptography;
using System.Text;
using Aigaq.Data;
using Aigaq.Examinations;
using Aigaq.Web;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Photographs of an examination (issue 16, item 5): taken by what their bytes are, never by their name; the original
/// kept byte for byte and hashed; its EXIF read for the record; and a copy for sharing with no metadata at all and the
/// same compressed pixels. Pure: no host, no database.
/// </summary>
public sealed class MediaTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "aigaq-media-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_dataDir))
        {
            System.IO.Directory.Delete(_dataDir, recursive: true);
        }
    }

    private PhotoIntake Intake(long max = 20 * 1024 * 1024) =>
        new(Options.Create(new AigaqOptions { DataDir = _dataDir, Examinations = { MaxPhotoBytes = max } }));

    [Fact]
    public async Task A_phones_jpeg_is_kept_as_it_is_its_exif_read_and_its_shared_copy_has_the_same_pixels_and_no_metadata()
    {
        var original = MediaImages.PhoneJpeg();
        var sent = original.ToArray();
        var errors = new Validation();

        // Sent under a misleading name and type: what it is comes from its bytes.
        var photo = await Intake().TakeAsync(new MemoryStream(sent), @"C:\Users\doc\Ivanov back.png", "image/png", errors, default);

        Assert.True(errors.IsValid);
        Assert.NotNull(photo);
        Assert.Equal(PhotoFormat.Jpeg, photo.Format);
        Assert.Equal("image/jpeg", photo.MediaType);
        Assert.True(photo.DeclaredTypeDiffers);
        Assert.Equal("Ivanov back.png", photo.FileName);
        Assert.Equal(original, photo.Original);
        Assert.Equal(original, sent);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original)), photo.Sha256);

        Assert.Equal(new DateTime(2026, 11, 30, 14, 5, 9), photo.Exif.CameraTime);
        Assert.Equal("+05:00", photo.Exif.CameraOffset);
        Assert.Equal("2026-11-30T14:05:09+05:00", photo.Exif.CameraTimeText);
        Assert.Equal("Apple iPhone 15", photo.Exif.Device);
        Assert.True(photo.Exif.GpsPresent);
        Assert.Equal(6, photo.Exif.Orientation);
        Assert.Equal(MediaImages.Software, photo.Exif.Software);
        Assert.True(photo.Exif.Metadata);

        // The original holds every block MetadataExtractor knows; the copy none of them, and no trace of their text.
        var before = ImageMetadataReader.ReadMetadata(new MemoryStream(original));
        Assert.Contains(before, d => d is GpsDirectory);
        Assert.Contains(before, d => d is XmpDirectory);
        Assert.Contains(before, d => d is IptcDirectory);
        Assert.Contains(before, d => d is JpegCommentDirectory);
        AssertNoMetadata(photo.SharedCopy);
        Assert.Equal(PhotoExif.None, ReadPhotoExif.Read(photo.SharedCopy));

        // Exactly the start of image, JFIF and the image's own segments and scan, as they were.
        Assert.Equal([0xFF, 0xD8, .. MediaImages.Jfif, .. MediaImages.JpegPixels()], photo.SharedCopy);
    }

    [Fact]
    public async Task A_jfif_thumbnail_reserved_markers_and_jpeg_extensions_are_left_out_of_the_shared_copy()
    {
        // JFIF with a 1x1 RGB thumbnail, a reserved marker (0x30) and a JPEG extension (0xF1), each carrying text (L1).
        byte[] jpeg =
        [
            0xFF, 0xD8, .. MediaImages.Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0xAA, 0xBB, 0xCC]),
            .. MediaImages.Segment(0x30, "Ахметов"u8.ToArray()), .. MediaImages.Segment(0xF1, "Ахметов"u8.ToArray()),
            .. MediaImages.JpegPixels(),
        ];
        var photo = await Intake().TakeAsync(new MemoryStream(jpeg), "t.jpg", "image/jpeg", new Validation(), default);
        Assert.NotNull(photo);
        Assert.Equal(jpeg, photo.Original);
        Assert.Equal([0xFF, 0xD8, .. MediaImages.Jfif, .. MediaImages.JpegPixels()], photo.SharedCopy);
    }

    [Fact]
    public async Task A_scans_stuffed_bytes_and_restart_markers_are_copied_as_pixels_not_taken_for_the_end()
    {
        var photo = await Intake().TakeAsync(new MemoryStream(MediaImages.PhoneJpeg(withStuffingAndRestart: true)), "a.jpg", "image/jpeg", new Validation(), default);

        Assert.NotNull(photo);
        Assert.False(photo.DeclaredTypeDiffers);
        Assert.Equal([0xFF, 0xD8, .. MediaImages.Jfif, .. MediaImages.JpegPixels(withStuffingAndRestart: true)], photo.SharedCopy);
    }

    [Fact]
    public async Task A_png_and_a_webp_lose_their_text_exif_xmp_and_time_and_keep_their_pixels()
    {
        // The CRC the PNG chunks are written with (and checked by) is PNG's: the IEND chunk's is well known.
        Assert.Equal(0xAE426082u, StripPhotoMetadata.Crc32("IEND"u8));

        var (png, expectedPng) = MediaImages.PhonePng();
        var taken = await Intake().TakeAsync(new MemoryStream(png), "p.png", null, new Validation(), default);
        Assert.NotNull(taken);
        Assert.Equal(PhotoFormat.Png, taken.Format);
        Assert.Equal(png, taken.Original);
        Assert.Equal("Apple iPhone 15", taken.Exif.Device);
        Assert.Equal(expectedPng, taken.SharedCopy);
        AssertNoMetadata(taken.SharedCopy);

        var (webp, expectedWebP) = MediaImages.PhoneWebP();
        taken = await Intake().TakeAsync(new MemoryStream(webp), "w.webp", "image/webp", new Validation(), default);
        Assert.NotNull(taken);
        Assert.Equal(PhotoFormat.WebP, taken.Format);
        Assert.Equal(webp, taken.Original);
        Assert.Equal(expectedWebP, taken.SharedCopy);
        AssertNoMetadata(taken.SharedCopy);
    }

    [Fact]
    public void A_png_whose_compressed_text_unpacks_to_a_quarter_gigabyte_has_its_metadata_read_without_unpacking_it()
    {
        // A crafted photograph (L2): a comment of 256 MB of zeros, deflated to a few hundred kilobytes, beside its EXIF.
        using var deflated = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(deflated, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                z.Write(zeros);
            }
        }

        var (png, _) = MediaImages.PhonePng();
        const int AfterHeader = 8 + 12 + 13;
        byte[] bomb = [.. png[..AfterHeader], .. MediaImages.Chunk("zTXt", [.. "Comment\0"u8, 0, .. deflated.ToArray()]), .. png[AfterHeader..]];

        // MetadataExtractor would inflate the comment whole; it is never given it, and the camera's EXIF is still read.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var exif = ReadPhotoExif.Read(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"{allocated} bytes allocated to read the metadata");
        Assert.Equal("Apple iPhone 15", exif.Device);
        Assert.True(exif.Metadata);
    }

    [Theory]
    [InlineData("pdf", "must be a JPEG, PNG or WebP image")]
    [InlineData("heic", "must be a JPEG, PNG or WebP image")]
    [InlineData("truncatedJpeg", "is not a whole image")]
    [InlineData("scanWithoutFrame", "is not a whole image")]
    [InlineData("pngBadCrc", "is not a whole image")]
    [InlineData("pngWithoutEnd", "is not a whole image")]
    [InlineData("empty", "is required")]
    [InlineData("tooLarge", "must be at most 1000 bytes")]
    public async Task What_is_not_a_whole_image_within_the_limit_is_refused_on_the_field_file(string what, string message)
    {
        var jpeg = MediaImages.PhoneJpeg();
        var (png, _) = MediaImages.PhonePng();
        var bytes = what switch
        {
            "pdf" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
            "heic" => [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8],
            "truncatedJpeg" => jpeg[..^40],
            "scanWithoutFrame" => [0xFF, 0xD8, .. MediaImages.Segment(0xDA, [1, 1, 0, 0, 63, 0]), 0x3F, 0xFF, 0xD9],
            "pngBadCrc" => Flip(png, 8 + 12 + 2),
            "pngWithoutEnd" => png[..^(12 + 13)],
            "empty" => [],
            _ => [.. jpeg, .. new byte[1000]],
        };

        var errors = new Validation();
        var photo = await Intake(max: what == "tooLarge" ? 1000 : 20 * 1024 * 1024)
            .TakeAsync(new MemoryStream(bytes), "photo.jpg", "image/jpeg", errors, default);

        Assert.Null(photo);
        Assert.Equal([message], errors.Errors[PhotoIntake.Field]);
        Assert.Single(errors.Errors);
    }

    [Fact]
    public void The_size_limit_is_read_from_Aigaq_Examinations_MaxPhotoBytes_and_defaults_to_20_MB()
    {
        var configured = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Aigaq:Examinations:MaxPhotoBytes"] = "12345" }).Build()
            .GetSection(AigaqOptions.Section).Get<AigaqOptions>()!;

        Assert.Equal(12345, new PhotoIntake(Options.Create(configured)).MaxBytes);
        Assert.Equal(20 * 1024 * 1024, new AigaqOptions().Examinations.MaxPhotoBytes);
    }

    [Fact]
    public async Task The_store_keeps_an_original_under_its_hash_once_and_whole_and_names_one_that_was_changed()
    {
        var store = new PhotoStore(Options.Create(new AigaqOptions { DataDir = _dataDir }));
        var original = MediaImages.PhoneJpeg();

        var (sha, written) = await store.SaveAsync(original, default);
        Assert.True(written);
        Assert.Equal((sha, false), await store.SaveAsync(original, default));

        var path = Path.Combine(_dataDir, "examinations", "photos", sha);
        Assert.Equal(path, store.PathOf(sha));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original)), sha);
        Assert.Equal(original, await File.ReadAllBytesAsync(path));
        Assert.Equal([sha], System.IO.Directory.GetFiles(store.Root).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var read = await store.ReadAsync(sha, default);
        Assert.Equal(StoredFileStatus.Intact, read.Status);
        Assert.Equal(original, read.Bytes);
        Assert.Equal(StoredFileStatus.Missing, (await store.ReadAsync(new string('0', 64), default)).Status);

        // One changed byte: read back, it is named, and its bytes are not given out as the photograph.
        await File.WriteAllBytesAsync(path, Flip(original, original.Length / 2));
        Assert.Equal(new StoredFileRead(StoredFileStatus.Altered, null), await store.ReadAsync(sha, default));

        // Saving the true bytes again puts them back, and keeps what was found beside them.
        await store.SaveAsync(original, default);
        Assert.Equal(StoredFileStatus.Intact, (await store.ReadAsync(sha, default)).Status);
        Assert.Single(System.IO.Directory.GetFiles(store.Root, sha + ".altered-*"));

        Assert.Throws<ArgumentException>(() => store.PathOf("../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => store.PathOf(sha.ToUpperInvariant()));
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    private static void AssertNoMetadata(byte[] copy)
    {
        var found = ImageMetadataReader.ReadMetadata(new MemoryStream(copy));
        Assert.DoesNotContain(found, d => d is ExifDirectoryBase or GpsDirectory or XmpDirectory or IptcDirectory or JpegCommentDirectory);
        foreach (var text in new[] { MediaImages.Make, MediaImages.Model, MediaImages.Comment, MediaImages.Creator, MediaImages.Caption, "SEFT", "2026:11:30" })
        {
            Assert.False(copy.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0, $"The shared copy still holds \"{text}\".");
        }
    }
    [Fact]
    public void A_broken_or_truncated_image_is_refused_by_the_stripper_and_never_throws()
    {
        // A WebP whose extended header is empty: once an index past the chunk's end.
        byte[] emptyHeader = [.. "RIFF"u8, 20, 0, 0, 0, .. "WEBP"u8, .. "VP8X"u8, 0, 0, 0, 0, .. "VP8L"u8, 0, 0, 0, 0];
        Assert.Null(StripPhotoMetadata.Strip(PhotoFormat.WebP, emptyHeader));

        var random = new Random(16);
        foreach (var (format, image) in new[]
        {
            (PhotoFormat.Jpeg, MediaImages.PhoneJpeg(withStuffingAndRestart: true)),
            (PhotoFormat.Png, MediaImages.PhonePng().Png),
            (PhotoFormat.WebP, MediaImages.PhoneWebP().WebP),
        })
        {
            Assert.NotNull(StripPhotoMetadata.Strip(format, image));
            for (var length = 0; length < image.Length; length++)
            {
                _ = StripPhotoMetadata.Strip(format, image.AsSpan(0, length));
            }

            for (var round = 0; round < 2000; round++)
            {
                var broken = (byte[])image.Clone();
                broken[random.Next(broken.Length)] = (byte)random.Next(256);
                _ = StripPhotoMetadata.Strip(format, broken);
            }
        }
    }
}
