using System.Globalization;
using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// The <c>price:size</c> UTF-8 text of a book level as Bitget's checksum covers it: each decimal as its invariant
/// rendering, which keeps the scale that was sent (<c>0.00003530</c>, <c>1.50</c>), so it is the original string.
/// </summary>
internal static class LevelText
{
    /// <summary>The level's text, <c>price:size</c>.</summary>
    public static byte[] Format(BitgetBookLevel level)
    {
        Span<byte> buffer = stackalloc byte[64]; // a decimal renders in at most 31 bytes
        var p = Write(level.Price, buffer);
        buffer[p] = (byte)':';
        var s = Write(level.Size, buffer[(p + 1)..]);
        return buffer[..(p + 1 + s)].ToArray();
    }

    /// <summary>Writes the invariant rendering of <paramref name="value"/>; returns the bytes written.</summary>
    /// <remarks>
    /// Bitget's values are non-negative with a mantissa under 2^64: those are written digit by digit (a few ns). Anything
    /// else goes to <see cref="decimal.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>; tests
    /// compare both.
    /// </remarks>
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0 || bits[3] < 0)
        {
            value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
            return written;
        }
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        var scale = (bits[3] >> 16) & 0xFF;
        Span<byte> digits = stackalloc byte[32];
        mantissa.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
        if (scale == 0)
        {
            digits[..n].CopyTo(destination);
            return n;
        }
        // At least one digit before the point: 0.0035 has mantissa 35 and scale 4.
        var intDigits = n - scale;
        var pos = 0;
        if (intDigits <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            destination.Slice(pos, -intDigits).Fill((byte)'0');
            pos += -intDigits;
            digits[..n].CopyTo(destination[pos..]);
            return pos + n;
        }
        digits[..intDigits].CopyTo(destination);
        pos = intDigits;
        destination[pos++] = (byte)'.';
        digits[intDigits..n].CopyTo(destination[pos..]);
        return pos + scale;
    }
}
