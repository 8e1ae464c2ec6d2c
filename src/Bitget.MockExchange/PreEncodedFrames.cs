using System.Buffers.Binary;

namespace Bitget.MockExchange;

/// <summary>
/// A ring of complete server-to-client WebSocket text frames (header included) for the benchmark push modes: pushes
/// 0..n-1 of every topic (n = <see cref="MaxPushesPerTopic"/>, fewer when many topics would make the ring larger than
/// about 4 MB), interleaved round-robin, encoded once so that pushing costs one socket write per batch and nothing per
/// frame. Values repeat every n pushes of a topic; <c>ts</c> is the time the ring was built; SetTicker overrides in force
/// at that time are applied.
/// </summary>
internal sealed class PreEncodedFrames
{
    public const int MaxPushesPerTopic = 64;
    private const int MaxRingBytes = 4 << 20;
    private const int TypicalFrameBytes = 640;

    private readonly byte[] _bytes;
    private readonly int[] _offsets; // frame i is _bytes[_offsets[i].._offsets[i + 1]]

    private PreEncodedFrames(byte[] bytes, int[] offsets)
    {
        _bytes = bytes;
        _offsets = offsets;
    }

    /// <summary>Number of frames in the ring.</summary>
    public int Count => _offsets.Length - 1;

    public static PreEncodedFrames Build(
        IReadOnlyList<(TickerGenerator.Topic Topic, TickerGenerator.Overrides? Overrides)> topics, long dataMs, long envelopeMs)
    {
        var pushesPerTopic = Math.Clamp(MaxRingBytes / (Math.Max(1, topics.Count) * TypicalFrameBytes), 1, MaxPushesPerTopic);
        var all = new ByteWriter(topics.Count * pushesPerTopic * TypicalFrameBytes);
        var payload = new ByteWriter(1024);
        var offsets = new int[(topics.Count * pushesPerTopic) + 1];
        var i = 0;
        for (var n = 0; n < pushesPerTopic; n++)
        {
            foreach (var (topic, overrides) in topics)
            {
                payload.Clear();
                TickerGenerator.WriteFrame(payload, topic, n, dataMs, envelopeMs, overrides);
                WriteHeader(all, payload.Length);
                all.Write(payload.WrittenSpan);
                offsets[++i] = all.Length;
            }
        }

        return new PreEncodedFrames(all.ToArray(), offsets);
    }

    /// <summary>
    /// How many consecutive frames from <paramref name="start"/> (not wrapping) fit in <paramref name="maxBytes"/>;
    /// at least one, at most <paramref name="maxFrames"/>.
    /// </summary>
    public int FramesFitting(int start, int maxBytes, long maxFrames)
    {
        var limit = (int)Math.Min(Count, start + Math.Max(1, maxFrames));
        var lo = start + 1;
        var hi = limit;
        while (lo < hi)
        {
            // Largest end in [start+1, limit] with _offsets[end] - _offsets[start] <= maxBytes.
            var mid = (lo + hi + 1) / 2;
            if (_offsets[mid] - _offsets[start] <= maxBytes)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo - start;
    }

    /// <summary>The bytes of frames [start, start + count), which must not wrap.</summary>
    public ReadOnlyMemory<byte> Slice(int start, int count) =>
        _bytes.AsMemory(_offsets[start], _offsets[start + count] - _offsets[start]);

    private static void WriteHeader(ByteWriter w, int length)
    {
        w.WriteByte(0x81); // FIN + text; server frames are not masked
        Span<byte> ext = stackalloc byte[8];
        if (length < 126)
        {
            w.WriteByte((byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            w.WriteByte(126);
            BinaryPrimitives.WriteUInt16BigEndian(ext, (ushort)length);
            w.Write(ext[..2]);
        }
        else
        {
            w.WriteByte(127);
            BinaryPrimitives.WriteUInt64BigEndian(ext, (ulong)length);
            w.Write(ext);
        }
    }
}
