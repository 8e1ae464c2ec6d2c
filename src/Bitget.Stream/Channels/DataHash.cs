using System.Runtime.InteropServices;

namespace Bitget.Stream.Channels;

/// <summary>A cheap 64-bit hash of a push's data bytes, to tell a repeated push from a new one with the same time.</summary>
internal static class DataHash
{
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a over 8-byte words, then the tail.
        ulong hash = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
            hash = (hash ^ word) * 1099511628211UL;
        for (var i = words.Length * 8; i < bytes.Length; i++)
            hash = (hash ^ bytes[i]) * 1099511628211UL;
        return hash;
    }
}
