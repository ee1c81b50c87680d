using System.Buffers;
using System.Buffers.Binary;

namespace Aigaq.Examinations;

/// <summary>
/// The copy of a photograph that may be shared: the same compressed pixels, byte for byte, without the blocks that say
/// where, when and with what it was taken (EXIF with GPS, XMP, IPTC, comments, maker notes, embedded thumbnails,
/// whatever a phone appends after the image). What is kept is a list of what the pixels need, not a list of what to drop,
/// so that a block nobody here knows is dropped too. Colour profiles are kept: the colour of a bruise is evidence
/// (ADR 0027). Nothing is decoded, so nothing is re-compressed.
/// </summary>
public static class StripPhotoMetadata
{
    /// <summary>The stripped copy, or null when the bytes are not a whole image of <paramref name="format"/>.</summary>
    public static byte[]? Strip(PhotoFormat format, ReadOnlySpan<byte> original)
    {
        try
        {
            return format switch
            {
                PhotoFormat.Jpeg => Jpeg(original),
                PhotoFormat.Png => Png(original),
                _ => WebP(original),
            };
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            // A structure the walk above did not foresee is not a whole image: refused, never a 500.
            return null;
        }
    }

    private static byte[]? Jpeg(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8)
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(b.Length);
        output.Write(b[..2]);
        var i = 2;
        var frame = false;
        var scan = false;
        while (true)
        {
            if (i >= b.Length || b[i] != 0xFF)
            {
                return null;
            }

            // A marker may be preceded by any number of 0xFF fill bytes.
            while (i < b.Length && b[i] == 0xFF)
            {
                i++;
            }

            if (i >= b.Length)
            {
                return null;
            }

            var marker = b[i++];
            if (marker == 0xD9)
            {
                // The end of the image; anything after it (a phone's trailer) is not the image.
                output.Write([(byte)0xFF, marker]);
                return frame && scan ? output.WrittenSpan.ToArray() : null;
            }

            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                output.Write([(byte)0xFF, marker]);
                continue;
            }

            if (marker is 0x00 or 0xD8 || i + 2 > b.Length)
            {
                return null;
            }

            var length = (b[i] << 8) | b[i + 1];
            if (length < 2 || i + length > b.Length)
            {
                return null;
            }

            var payload = b.Slice(i + 2, length - 2);
            if (marker == 0xE0 && payload.Length > JfifWithoutThumbnail && KeepJpegSegment(marker, payload))
            {
                // JFIF with its thumbnail (L1): the header kept, the thumbnail's size set to none and its pixels left out.
                output.Write<byte>([0xFF, marker, 0, JfifWithoutThumbnail + 2]);
                output.Write(payload[..(JfifWithoutThumbnail - 2)]);
                output.Write([(byte)0, (byte)0]);
            }
            else if (KeepJpegSegment(marker, payload))
            {
                output.Write([(byte)0xFF, marker]);
                output.Write(b.Slice(i, length));
            }

            i += length;
            frame |= marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (marker == 0xDA)
            {
                if (!frame)
                {
                    return null;
                }

                // Entropy-coded data runs to the next marker that is neither a stuffed zero nor a restart.
                scan = true;
                var start = i;
                while (i + 1 < b.Length && !(b[i] == 0xFF && b[i + 1] != 0x00 && b[i + 1] is < 0xD0 or > 0xD7))
                {
                    i++;
                }

                if (i + 1 >= b.Length)
                {
                    return null;
                }

                output.Write(b[start..i]);
            }
        }
    }

    /// <summary>A JFIF segment's payload up to its thumbnail: identifier, version, units, densities, thumbnail size.</summary>
    private const int JfifWithoutThumbnail = 14;

    /// <summary>
    /// The segments a shared copy keeps: the frame, tables, scans and restart interval (C0-DF but the reserved C8), JFIF,
    /// ICC and Adobe's colour transform. Every other application segment, the comment, the JPEG extensions (F0-FD) and the
    /// reserved markers (02-BF) go (L1): they carry no pixels, and may carry anything.
    /// </summary>
    private static bool KeepJpegSegment(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        0xE0 => payload.StartsWith("JFIF\0"u8),
        0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
        0xEE => payload.StartsWith("Adobe"u8),
        >= 0xC0 and <= 0xDF => marker != 0xC8,
        _ => false,
    };

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Ancillary chunks that say how to show the pixels; every other ancillary chunk (text, eXIf, tIME ...) goes.</summary>
    private static readonly HashSet<string> PngDisplayChunks =
        new(["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "cICP", "mDCV", "cLLI"], StringComparer.Ordinal);

    private static byte[]? Png(ReadOnlySpan<byte> b)
    {
        if (!b.StartsWith(PngSignature))
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(b.Length);
        output.Write(PngSignature);
        var i = PngSignature.Length;
        var first = true;
        var data = false;
        while (i + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[i..]);
            if (length > int.MaxValue || i + 12 + (long)length > b.Length)
            {
                return null;
            }

            var type = b.Slice(i + 4, 4);
            foreach (var c in type)
            {
                if (!char.IsAsciiLetter((char)c))
                {
                    return null;
                }
            }

            var crc = BinaryPrimitives.ReadUInt32BigEndian(b[(i + 8 + (int)length)..]);
            if (Crc32(b.Slice(i + 4, 4 + (int)length)) != crc)
            {
                return null;
            }

            var name = System.Text.Encoding.ASCII.GetString(type);
            if (first != (name == "IHDR"))
            {
                return null;
            }

            first = false;
            data |= name == "IDAT";
            var critical = char.IsAsciiLetterUpper(name[0]);
            if (critical || PngDisplayChunks.Contains(name))
            {
                output.Write(b.Slice(i, 12 + (int)length));
            }

            i += 12 + (int)length;
            if (name == "IEND")
            {
                return data ? output.WrittenSpan.ToArray() : null;
            }
        }

        return null;
    }

    private static byte[]? WebP(ReadOnlySpan<byte> b)
    {
        if (b.Length < 20)
        {
            return null;
        }

        var riff = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        if (riff < 4 || riff > b.Length - 8)
        {
            return null;
        }

        var end = 8 + (int)riff;
        var output = new ArrayBufferWriter<byte>(b.Length);
        output.Write(b[..12]);
        var i = 12;
        var image = false;
        while (i < end)
        {
            if (i + 8 > end)
            {
                return null;
            }

            var fourCc = System.Text.Encoding.ASCII.GetString(b.Slice(i, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b[(i + 4)..]);
            var padded = size + (size & 1);
            // The extended header is 10 bytes (flags, reserved, canvas size), and an image chunk is never empty.
            if (size > int.MaxValue - 9 || i + 8 + (long)padded > end || (i == 12 && fourCc is not ("VP8 " or "VP8L" or "VP8X"))
                || (fourCc == "VP8X" && size != 10) || (fourCc is "VP8 " or "VP8L" && size == 0))
            {
                return null;
            }

            image |= fourCc is "VP8 " or "VP8L" or "ANMF";
            if (fourCc is "VP8 " or "VP8L" or "VP8X" or "ALPH" or "ANIM" or "ANMF" or "ICCP")
            {
                var chunk = b.Slice(i, 8 + (int)padded).ToArray();
                if (fourCc == "VP8X")
                {
                    // The extended header's flags say EXIF (0x08) and XMP (0x04) follow; they no longer do.
                    chunk[8] &= unchecked((byte)~0x0C);
                }

                output.Write(chunk);
            }

            i += 8 + (int)padded;
        }

        if (!image)
        {
            return null;
        }

        var copy = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(4), (uint)(copy.Length - 8));
        return copy;
    }

    private static readonly uint[] CrcTable = MakeCrcTable();

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, as the PNG specification gives it).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var x in bytes)
        {
            c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
