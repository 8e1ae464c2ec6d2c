namespace Bitget.Stream.Channels;

/// <summary>
/// CRC-32 (IEEE 802.3 / zlib, reflected polynomial 0xEDB88320): what Bitget's order book checksum is computed with.
/// </summary>
/// <remarks>
/// System.IO.Hashing's, which is not part of the shared framework: the module ships its own copy in deps/, loaded into
/// the module's own AssemblyLoadContext, so another module's version of it (Azure SDK based modules bring one) cannot
/// clash with it.
/// </remarks>
internal static class Crc32
{
    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);
}
