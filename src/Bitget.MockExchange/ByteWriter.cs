using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>A growable UTF-8 byte buffer with the few JSON-ish writes the frame builder needs (no allocation per write).</summary>
internal sealed class ByteWriter
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public ByteWriter(int capacity = 1024) => Buffer = new byte[capacity];

    public byte[] Buffer { get; private set; }

    public int Length { get; set; }

    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, Length);

    public ReadOnlySpan<byte> WrittenSpan => Buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(Buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteByte(byte b)
    {
        Ensure(1);
        Buffer[Length++] = b;
    }

    /// <summary>Writes a string's characters as JSON string content (escaped, no quotes).</summary>
    public void WriteEscaped(string value)
    {
        Write(JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes);
    }

    /// <summary>Writes a string as a JSON string (quoted, escaped).</summary>
    public void WriteJsonString(string value)
    {
        WriteByte((byte)'"');
        WriteEscaped(value);
        WriteByte((byte)'"');
    }

    /// <summary>Writes raw text as UTF-8 (no escaping).</summary>
    public void WriteRaw(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, Buffer.AsSpan(Length));
    }

    public void WriteLong(long value)
    {
        WriteFixed(value, 0);
    }

    /// <summary>Writes <paramref name="units"/> / 10^<paramref name="decimals"/> with exactly that many decimals ("27000.50").</summary>
    public void WriteFixed(long units, int decimals)
    {
        Ensure(24 + decimals);
        var span = Buffer.AsSpan(Length);
        var pos = 0;
        ulong abs;
        if (units < 0)
        {
            span[pos++] = (byte)'-';
            abs = (ulong)(-(units + 1)) + 1UL;
        }
        else
        {
            abs = (ulong)units;
        }

        // Digits in reverse into a scratch area, then copied in order with the decimal point inserted.
        Span<byte> tmp = stackalloc byte[24];
        var count = 0;
        do
        {
            tmp[count++] = (byte)('0' + (int)(abs % 10));
            abs /= 10;
        }
        while (abs != 0);

        while (count <= decimals)
        {
            tmp[count++] = (byte)'0';
        }

        for (var i = count - 1; i >= 0; i--)
        {
            if (i == decimals - 1)
            {
                span[pos++] = (byte)'.';
            }

            span[pos++] = tmp[i];
        }

        Length += pos;
    }

    private void Ensure(int extra)
    {
        if (Length + extra <= Buffer.Length)
        {
            return;
        }

        var size = Math.Max(Buffer.Length * 2, Length + extra);
        var bigger = new byte[size];
        Buffer.AsSpan(0, Length).CopyTo(bigger);
        Buffer = bigger;
    }
}
