using System.Buffers.Binary;

namespace Bitget.Stream.Channels;

/// <summary>
/// CRC-32 (IEEE 802.3 / zlib, reflected polynomial 0xEDB88320), slice-by-8, fed in pieces: what Bitget's order book
/// checksum is computed with.
/// </summary>
/// <remarks>
/// Why not System.IO.Hashing: it is not part of the shared framework, so the module would ship its own copy, and other
/// modules loaded into the same pwsh process (Azure SDK based ones, for one) bring their own version of it; two versions
/// of one assembly name cannot both load there, and whichever module comes second fails. Forty lines avoid that.
/// </remarks>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] s_table = BuildTable();

    /// <summary>The value to start a CRC with (the register preset to all ones).</summary>
    public const uint Initial = 0xFFFFFFFFu;

    /// <summary>The finished CRC of a state built from <see cref="Initial"/> with the Append methods.</summary>
    public static uint Finish(uint state) => ~state;

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Initial, data));

    /// <summary>Feeds one more byte.</summary>
    public static uint Append(uint state, byte value) => s_table[(byte)(state ^ value)] ^ (state >> 8);

    /// <summary>Feeds more bytes to a running state.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ state;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            state = table[(7 * 256) + (one & 0xFF)] ^ table[(6 * 256) + ((one >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((one >> 16) & 0xFF)] ^ table[(4 * 256) + (one >> 24)]
                ^ table[(3 * 256) + (two & 0xFF)] ^ table[(2 * 256) + ((two >> 8) & 0xFF)]
                ^ table[256 + ((two >> 16) & 0xFF)] ^ table[two >> 24];
            data = data[8..];
        }
        foreach (var b in data)
            state = table[(byte)(state ^ b)] ^ (state >> 8);
        return state;
    }

    // Table k holds the CRC of a byte followed by k zero bytes: eight lookups advance the register by eight bytes.
    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            table[i] = crc;
        }
        for (var i = 0; i < 256; i++)
        {
            for (var k = 1; k < 8; k++)
                table[(k * 256) + i] = (table[((k - 1) * 256) + i] >> 8) ^ table[(byte)table[((k - 1) * 256) + i]];
        }
        return table;
    }
}
