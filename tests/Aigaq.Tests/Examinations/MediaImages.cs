using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Aigaq.Examinations;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Photographs for the tests, written here byte by byte, so that every block in them is known: a phone's EXIF (camera,
/// clock, orientation, GPS position), XMP, IPTC, a comment, a trailer after the image, around pixels that must come out
/// unchanged.
/// </summary>
internal static class MediaImages
{
    public const string Make = "Apple";
    public const string Model = "iPhone 15";
    public const string Software = "17.1.1";
    public const string Comment = "Taken at IVS-7, cell 3";
    public const string Creator = "Examiner-XMP-Name";
    public const string Caption = "IPTC caption naming the person";

    /// <summary>
    /// The whole image of an 8x8 grey JPEG, after its metadata: quantisation table, baseline frame, one-code Huffman tables
    /// (DC difference 0, end of block), the scan and the end. Every pixel is 128; the bits are "0" (DC) "0" (EOB) padded
    /// with ones: 0x3F.
    /// </summary>
    public static byte[] JpegPixels(bool withStuffingAndRestart = false)
    {
        var b = new List<byte>();
        b.AddRange(Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]));
        b.AddRange(Segment(0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
        b.AddRange(Segment(0xC4, [0x00, 1, .. new byte[15], 0x00]));
        b.AddRange(Segment(0xC4, [0x10, 1, .. new byte[15], 0x00]));
        b.AddRange(Segment(0xDA, [1, 1, 0x00, 0, 63, 0]));
        // Entropy-coded data; the variant holds a stuffed 0xFF (FF 00) and a restart marker (FF D0), which a
        // segment walker must step over, not take for the scan's end.
        b.AddRange(withStuffingAndRestart ? [0x3F, 0xFF, 0x00, 0x12, 0xFF, 0xD0, 0x3F] : [0x3F]);
        b.AddRange([0xFF, 0xD9]);
        return [.. b];
    }

    public static byte[] Jfif => Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

    /// <summary>A phone's JPEG: JFIF, EXIF with GPS, XMP, IPTC, a comment, the pixels, and a trailer after the end.</summary>
    public static byte[] PhoneJpeg(bool withStuffingAndRestart = false) =>
    [
        0xFF, 0xD8, .. Jfif,
        .. Segment(0xE1, [.. "Exif\0\0"u8, .. Tiff()]),
        .. Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(Xmp)]),
        .. Segment(0xED, Iptc()),
        .. Segment(0xFE, Encoding.ASCII.GetBytes(Comment)),
        .. JpegPixels(withStuffingAndRestart),
        .. "SEFT trailer: 43.2567,76.9286"u8,
    ];

    /// <summary>A 2x1 RGB PNG with text, XMP, EXIF and time chunks around its gamma and pixels, and bytes after its end.</summary>
    public static (byte[] Png, byte[] Expected) PhonePng()
    {
        var header = Chunk("IHDR", [0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        var gamma = Chunk("gAMA", [0, 0, 0xB1, 0x8F]);
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write([0, 0xC8, 0x30, 0x28, 0x90, 0x50, 0x40]);
        }

        var pixels = Chunk("IDAT", deflated.ToArray());
        var end = Chunk("IEND", []);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        byte[] png =
        [
            .. signature, .. header, .. gamma,
            .. Chunk("tEXt", [.. "Author\0"u8, .. Encoding.Latin1.GetBytes(Creator)]),
            .. Chunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Encoding.UTF8.GetBytes(Xmp)]),
            .. Chunk("eXIf", Tiff()),
            .. Chunk("tIME", [0x07, 0xEA, 11, 30, 14, 5, 9]),
            .. pixels, .. end, .. "after the end"u8,
        ];
        return (png, [.. signature, .. header, .. gamma, .. pixels, .. end]);
    }

    /// <summary>A WebP in the extended format: its header says EXIF and XMP follow, and they do, after the (lossless) image.</summary>
    public static (byte[] WebP, byte[] Expected) PhoneWebP()
    {
        byte[] image = [.. RiffChunk("VP8L", [0x2F, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0x08, 0x00])];
        byte[] body =
        [
            .. "WEBP"u8, .. RiffChunk("VP8X", [0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]), .. image,
            .. RiffChunk("EXIF", Tiff()), .. RiffChunk("XMP ", Encoding.UTF8.GetBytes(Xmp)),
        ];
        byte[] expectedBody = [.. "WEBP"u8, .. RiffChunk("VP8X", [0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0]), .. image];
        return (Riff(body), Riff(expectedBody));
    }

    private const string Xmp =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator><rdf:Seq><rdf:li>" + Creator
        + "</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>";

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var b = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(b, 4);
        data.CopyTo(b, 8);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8 + data.Length), StripPhotoMetadata.Crc32(b.AsSpan(4, 4 + data.Length)));
        return b;
    }

    private static byte[] RiffChunk(string fourCc, byte[] data)
    {
        var b = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)data.Length);
        data.CopyTo(b, 8);
        return b;
    }

    private static byte[] Riff(byte[] body)
    {
        var b = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)body.Length);
        body.CopyTo(b, 8);
        return b;
    }

    /// <summary>Photoshop's resource block holding IPTC: record 2, dataset 120 (caption).</summary>
    private static byte[] Iptc()
    {
        var caption = Encoding.ASCII.GetBytes(Caption);
        byte[] iptc = [0x1C, 0x02, 0x78, (byte)(caption.Length >> 8), (byte)caption.Length, .. caption];
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)iptc.Length);
        return [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, .. size, .. iptc, .. (iptc.Length % 2 == 1 ? new byte[] { 0 } : [])];
    }

    /// <summary>A big-endian TIFF as EXIF is: IFD0 (make, model, orientation 6, software, time), the EXIF IFD (original time and offset), GPS.</summary>
    public static byte[] Tiff()
    {
        var tiff = new TiffWriter();
        var ifd0 = tiff.Ifd(
        [
            Ascii(0x010F, Make), Ascii(0x0110, Model), (0x0112, 3, 1, [0, 6]), Ascii(0x0131, Software),
            Ascii(0x0132, "2026:11:30 15:00:00"), (0x8769, 4, 1, [0, 0, 0, 0]), (0x8825, 4, 1, [0, 0, 0, 0]),
        ]);
        var exif = tiff.Ifd([Ascii(0x9003, "2026:11:30 14:05:09"), Ascii(0x9011, "+05:00")]);
        tiff.Point(ifd0, 5, exif);
        var gps = tiff.Ifd(
        [
            (0x0000, 1, 4, [2, 3, 0, 0]), Ascii(0x0001, "N"), (0x0002, 5, 3, Rationals(43, 15, 24)),
            Ascii(0x0003, "E"), (0x0004, 5, 3, Rationals(76, 55, 43)),
        ]);
        tiff.Point(ifd0, 6, gps);
        return tiff.Bytes;
    }

    private static (ushort, ushort, uint, byte[]) Ascii(ushort tag, string text)
    {
        byte[] value = [.. Encoding.ASCII.GetBytes(text), 0];
        return (tag, 2, (uint)value.Length, value);
    }

    private static byte[] Rationals(params uint[] numerators)
    {
        var b = new byte[8 * numerators.Length];
        for (var i = 0; i < numerators.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8 * i), numerators[i]);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan((8 * i) + 4), 1);
        }

        return b;
    }

    private sealed class TiffWriter
    {
        private readonly List<byte> _b = [.. "MM"u8, 0, 42, 0, 0, 0, 8];

        public byte[] Bytes => [.. _b];

        /// <summary>Writes an IFD (entries in tag order), its out-of-line values after it; returns where it starts.</summary>
        public int Ifd(IReadOnlyList<(ushort Tag, ushort Type, uint Count, byte[] Value)> entries)
        {
            var start = _b.Count;
            var dataAt = start + 2 + (12 * entries.Count) + 4;
            var data = new List<byte>();
            U16((ushort)entries.Count);
            foreach (var (tag, type, count, value) in entries)
            {
                U16(tag);
                U16(type);
                U32(count);
                if (value.Length <= 4)
                {
                    _b.AddRange([.. value, .. new byte[4 - value.Length]]);
                }
                else
                {
                    U32((uint)(dataAt + data.Count));
                    data.AddRange(value);
                    if (data.Count % 2 == 1)
                    {
                        data.Add(0);
                    }
                }
            }

            U32(0);
            _b.AddRange(data);
            return start;
        }

        /// <summary>Sets entry <paramref name="entry"/> of the IFD at <paramref name="ifd"/> to point at <paramref name="target"/>.</summary>
        public void Point(int ifd, int entry, int target)
        {
            var at = ifd + 2 + (12 * entry) + 8;
            var value = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, (uint)target);
            for (var i = 0; i < 4; i++)
            {
                _b[at + i] = value[i];
            }
        }

        private void U16(ushort v) => _b.AddRange([(byte)(v >> 8), (byte)v]);

        private void U32(uint v) => _b.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
    }
}
