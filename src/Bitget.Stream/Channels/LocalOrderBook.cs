using System.Globalization;
using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// The local copy of one <c>books</c> topic: a snapshot, then updates merged by price (size 0 deletes a level, a known
/// price replaces it, a new one is inserted in order), with <c>seq</c>/<c>pseq</c> continuity and the CRC-32 checksum
/// checked on every push that carries them. A gap or a mismatch leaves the book waiting for the next snapshot rather
/// than wrong. Receive thread of the topic's connection only.
/// </summary>
/// <remarks>
/// Each level keeps its <c>price:size</c> text (the invariant rendering of the exact decimals, which is the text that
/// was sent), formatted once when the level changes: the checksum then only copies bytes through the CRC, which keeps an
/// update with its check at a few µs instead of formatting a hundred decimals every time.
/// </remarks>
internal sealed class LocalOrderBook
{
    /// <summary>Levels the checksum covers on each side.</summary>
    public const int ChecksumDepth = 25;

    /// <summary>Most levels kept a side; levels beyond (the far end of the book) are dropped and counted.</summary>
    public const int MaxLevelsPerSide = 5000;

    private readonly BookSide _bids = new(descending: true);
    private readonly BookSide _asks = new(descending: false);

    /// <summary>Whether the book holds a snapshot and every update since (false at first and after a gap or mismatch).</summary>
    public bool IsSynced { get; private set; }

    /// <summary>The <c>seq</c> of the last push applied, if pushes carry one.</summary>
    public long? Sequence { get; private set; }

    /// <summary>Levels dropped because a side was over <see cref="MaxLevelsPerSide"/>.</summary>
    public long TrimmedLevels => _bids.Trimmed + _asks.Trimmed;

    /// <summary>Bid levels held.</summary>
    public int BidCount => _bids.Count;

    /// <summary>Ask levels held.</summary>
    public int AskCount => _asks.Count;

    /// <summary>The checksum the frame's <c>checksum</c> is compared with, of the last push: null when it carried none.</summary>
    public int? LastChecksum { get; private set; }

    /// <summary>Forgets the book: the next push must be a snapshot (a new subscription, or a resync on its way).</summary>
    public void Invalidate()
    {
        IsSynced = false;
        Sequence = null;
    }

    /// <summary>Applies one push of the topic (snapshot or update) and checks it.</summary>
    public BookUpdateResult Apply(BitgetOrderBook push)
    {
        if (push.IsSnapshot)
        {
            _bids.Clear();
            _asks.Clear();
        }
        else
        {
            if (!IsSynced)
                return BookUpdateResult.AwaitingSnapshot;
            if (push.Sequence is { } seq && Sequence is { } last)
            {
                if (seq <= last)
                    return BookUpdateResult.Stale;
                // Without pseq (v1 frames) continuity cannot be checked; the checksum, if any, still is.
                if (push.PreviousSequence is { } previous && previous != last)
                {
                    Invalidate();
                    return BookUpdateResult.SequenceGap;
                }
            }
        }
        foreach (var level in push.Bids)
            _bids.Set(level);
        foreach (var level in push.Asks)
            _asks.Set(level);
        Sequence = push.Sequence;
        IsSynced = true;
        LastChecksum = push.Checksum;
        // 0 is what books1/5/15 send and what "no checksum" looks like: only a non-zero value is checked.
        if (push.Checksum is { } expected && expected != 0 && Checksum() != expected)
        {
            Invalidate();
            return BookUpdateResult.ChecksumMismatch;
        }
        return BookUpdateResult.Applied;
    }

    /// <summary>
    /// Bitget's checksum of the book: CRC-32 of <c>bid1:size1:ask1:size1:bid2:…</c> over the first
    /// <see cref="ChecksumDepth"/> levels a side (a missing level is skipped), as a signed 32-bit value.
    /// </summary>
    public int Checksum()
    {
        var state = Crc32.Initial;
        var first = true;
        for (var i = 0; i < ChecksumDepth; i++)
        {
            if (i < _bids.Count)
                state = Append(state, _bids.TextAt(i), ref first);
            if (i < _asks.Count)
                state = Append(state, _asks.TextAt(i), ref first);
            if (i >= _bids.Count && i >= _asks.Count)
                break;
        }
        return unchecked((int)Crc32.Finish(state));
    }

    private static uint Append(uint state, ReadOnlySpan<byte> text, ref bool first)
    {
        if (!first)
            state = Crc32.Append(state, (byte)':');
        first = false;
        return Crc32.Append(state, text);
    }

    /// <summary>A new array of the bids, best (highest) first; at most <paramref name="depth"/> of them.</summary>
    public BitgetBookLevel[] CopyBids(int depth = int.MaxValue) => _bids.Copy(depth);

    /// <summary>A new array of the asks, best (lowest) first; at most <paramref name="depth"/> of them.</summary>
    public BitgetBookLevel[] CopyAsks(int depth = int.MaxValue) => _asks.Copy(depth);

    /// <summary>One side: levels sorted best first, each with its checksum text.</summary>
    private sealed class BookSide(bool descending)
    {
        private Entry[] _levels = new Entry[64];

        public int Count { get; private set; }

        public long Trimmed { get; private set; }

        public ReadOnlySpan<byte> TextAt(int index) => _levels[index].Text;

        public void Clear()
        {
            Array.Clear(_levels, 0, Count);
            Count = 0;
        }

        /// <summary>Size 0 deletes the price's level; otherwise the level is replaced or inserted.</summary>
        public void Set(BitgetBookLevel level)
        {
            var index = Find(level.Price);
            if (index >= 0)
            {
                if (level.Size == 0)
                {
                    Array.Copy(_levels, index + 1, _levels, index, Count - index - 1);
                    _levels[--Count] = default;
                }
                else
                    _levels[index] = new Entry(level); // even at an equal size: "1.50" and "1.5" hash differently
                return;
            }
            if (level.Size == 0)
                return; // deleting a level the book does not hold: nothing to do
            index = ~index;
            if (index >= MaxLevelsPerSide)
            {
                Trimmed++;
                return;
            }
            if (Count == MaxLevelsPerSide)
            {
                Count--; // the far end makes room
                Trimmed++;
            }
            if (Count == _levels.Length)
                Array.Resize(ref _levels, Math.Min(_levels.Length * 2, MaxLevelsPerSide));
            Array.Copy(_levels, index, _levels, index + 1, Count - index);
            _levels[index] = new Entry(level);
            Count++;
        }

        // Binary search in best-first order: the index of the price, or the complement of where it belongs.
        private int Find(decimal price)
        {
            int lo = 0, hi = Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = _levels[mid].Level.Price.CompareTo(price);
                if (descending)
                    c = -c;
                if (c == 0)
                    return mid;
                if (c < 0)
                    lo = mid + 1;
                else
                    hi = mid - 1;
            }
            return ~lo;
        }

        public BitgetBookLevel[] Copy(int depth)
        {
            var n = Math.Min(depth, Count);
            if (n <= 0)
                return [];
            var copy = new BitgetBookLevel[n];
            for (var i = 0; i < n; i++)
                copy[i] = _levels[i].Level;
            return copy;
        }
    }

    /// <summary>A level and its <c>price:size</c> text.</summary>
    private readonly struct Entry(BitgetBookLevel level)
    {
        public BitgetBookLevel Level { get; } = level;

        public byte[] Text { get; } = Format(level);

        private static byte[] Format(BitgetBookLevel level)
        {
            Span<byte> buffer = stackalloc byte[64]; // a decimal renders in at most 31 bytes
            level.Price.TryFormat(buffer, out var p, default, CultureInfo.InvariantCulture);
            buffer[p] = (byte)':';
            level.Size.TryFormat(buffer[(p + 1)..], out var s, default, CultureInfo.InvariantCulture);
            return buffer[..(p + 1 + s)].ToArray();
        }
    }
}
