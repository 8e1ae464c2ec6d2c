using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Bitget.Stream.Recording;

/// <summary>The header of a gzip member (RFC 1952, section 2.3): where one starts, and where its deflate data begins.</summary>
internal static class GzipHeader
{
    /// <summary>What is at an offset.</summary>
    public enum Kind
    {
        /// <summary>The end of the file.</summary>
        End,
        /// <summary>Bytes that do not start a gzip member.</summary>
        NotGzip,
        /// <summary>A gzip member's header.</summary>
        Member,
    }

    private const byte FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, Reserved = 0xE0;
    private const int MaxText = 64 * 1024;

    /// <summary>The magic bytes and compression method (deflate) that begin every member .NET and gzip write.</summary>
    public static ReadOnlySpan<byte> Magic => [0x1f, 0x8b, 0x08];

    /// <summary>Reads the header at <paramref name="at"/>; for a member, <paramref name="dataStart"/> is where its deflate data begins.</summary>
    public static Kind Read(SafeFileHandle file, long at, out long dataStart)
    {
        dataStart = 0;
        Span<byte> head = stackalloc byte[10];
        var read = ReadFully(file, head, at);
        if (read == 0)
            return Kind.End;
        if (read < head.Length || !head.StartsWith(Magic) || (head[3] & Reserved) != 0)
            return Kind.NotGzip;
        var flags = head[3];
        var position = at + head.Length;
        if ((flags & FEXTRA) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            if (ReadFully(file, length, position) < 2)
                return Kind.NotGzip;
            position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(length);
        }
        if ((flags & FNAME) != 0 && !SkipText(file, ref position))
            return Kind.NotGzip;
        if ((flags & FCOMMENT) != 0 && !SkipText(file, ref position))
            return Kind.NotGzip;
        if ((flags & FHCRC) != 0)
            position += 2;
        if (position >= RandomAccess.GetLength(file))
            return Kind.NotGzip;
        dataStart = position;
        return Kind.Member;
    }

    // A zero-terminated name or comment (bounded: a header is never that long).
    private static bool SkipText(SafeFileHandle file, ref long position)
    {
        Span<byte> piece = stackalloc byte[256];
        for (var seen = 0; seen < MaxText; seen += piece.Length)
        {
            var read = RandomAccess.Read(file, piece, position + seen);
            if (read == 0)
                return false;
            var zero = piece[..read].IndexOf((byte)0);
            if (zero >= 0)
            {
                position += seen + zero + 1;
                return true;
            }
            if (read < piece.Length)
                return false;
        }
        return false;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; the count read.</summary>
    public static int ReadFully(SafeFileHandle file, Span<byte> buffer, long at)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[total..], at + total);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }
}
