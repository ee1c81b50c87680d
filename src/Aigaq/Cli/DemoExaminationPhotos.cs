using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Claims;
using Aigaq.Examinations;
using Aigaq.Web;

namespace Aigaq.Cli;

/// <summary>
/// Demo photographs of an examination's findings (issue 16, item 5), drawn here at seed time so that the repository holds
/// no image files: a small PNG of skin with a bruise-coloured oval and a black and white scale bar, taken in through
/// <see cref="PhotoIntake"/> as an upload is, and added by the examiner through <see cref="AddExaminationPhoto"/>.
/// </summary>
internal static class DemoExaminationPhotos
{
    internal const int Width = 96;
    internal const int Height = 72;

    /// <summary>One photograph per finding (the first identifies the person), each with its scale and colour chart.</summary>
    public static async Task AddAsync(
        IServiceProvider sp, Guid id, IReadOnlyList<Guid> findings, ClaimsPrincipal expert,
        Func<Func<Task<Data.Outcome<PhotoAdded>>>, Task<PhotoAdded>> run, CancellationToken ct)
    {
        var intake = sp.GetRequiredService<PhotoIntake>();
        for (var i = 0; i < findings.Count; i++)
        {
            var errors = new Validation();
            using var file = new MemoryStream(Png(i));
            var photo = await intake.TakeAsync(file, $"finding-{i + 1}.png", "image/png", errors, ct)
                ?? throw new InvalidOperationException("A demo photograph was not taken in.");
            var upload = new PhotoUpload(photo, findings[i], ScaleShown: true, ColourChartShown: true, Intimate: false, IdentifiesPerson: null);
            var handler = sp.GetRequiredService<AddExaminationPhoto>();
            if ((await handler.StoreAsync(photo, ct)).Problem is not null)
            {
                throw new InvalidOperationException("A demo photograph's original could not be stored.");
            }

            await run(() => handler.HandleAsync(id, upload, expert, ct));
        }
    }

    /// <summary>An RGB PNG; <paramref name="variant"/> moves the oval, so that each finding's photograph differs.</summary>
    internal static byte[] Png(int variant)
    {
        var raw = new byte[Height * (1 + (Width * 3))];
        double cx = 30 + (variant % 3 * 18), cy = 28 + (variant % 2 * 8);
        for (var y = 0; y < Height; y++)
        {
            var row = y * (1 + (Width * 3));
            raw[row] = 0; // no filter
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = ((byte)224, (byte)182, (byte)152);
                var dx = (x - cx) / 20;
                var dy = (y - cy) / 12;
                if ((dx * dx) + (dy * dy) <= 1)
                {
                    (r, g, b) = ((byte)118, (byte)62, (byte)112);
                }

                if (y >= Height - 8)
                {
                    (r, g, b) = x / 8 % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255);
                }

                var at = row + 1 + (x * 3);
                (raw[at], raw[at + 1], raw[at + 2]) = (r, g, b);
            }
        }

        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, Width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", deflated.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var b = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(b, 4);
        data.CopyTo(b, 8);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8 + data.Length), StripPhotoMetadata.Crc32(b.AsSpan(4, 4 + data.Length)));
        return b;
    }
}
