using System.Buffers;
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
/// was sent), formatted the first time a checksum covers it and kept until the level changes: the checksum then mostly
/// feeds stored bytes through the CRC instead of formatting a hundred decimals every time, and levels deep in the book
/// are never formatted at all.
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
        _bids.Apply(push.Bids);
        _asks.Apply(push.Asks);
        Sequence = push.Sequence;
        IsSynced = true;
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
        // The text is gathered first and hashed in one pass: the CRC runs many bytes a step only over long input, and
        // fifty pieces of about twenty bytes each would spend much of their time in its tail loop.
        var text = _checksumText.AsSpan();
        var length = 0;
        for (var i = 0; i < ChecksumDepth; i++)
        {
            if (i < _bids.Count)
                length = Append(text, length, _bids.TextAt(i));
            if (i < _asks.Count)
                length = Append(text, length, _asks.TextAt(i));
            if (i >= _bids.Count && i >= _asks.Count)
                break;
        }
        return unchecked((int)Crc32.Compute(text[..length]));
    }

    // 50 levels of at most 63 bytes ("price:size", each decimal at most 31) and the separators between them.
    private const int ChecksumTextBytes = 2 * ChecksumDepth * 64;

    // Reused: a stack buffer of this size would be cleared on every call.
    private readonly byte[] _checksumText = new byte[ChecksumTextBytes];

    private static int Append(Span<byte> text, int length, ReadOnlySpan<byte> level)
    {
        if (length > 0)
            text[length++] = (byte)':';
        level.CopyTo(text[length..]);
        return length + level.Length;
    }

    /// <summary>A new array of the bids, best (highest) first; at most <paramref name="depth"/> of them.</summary>
    public BitgetBookLevel[] CopyBids(int depth = int.MaxValue) => _bids.Copy(depth);

    /// <summary>A new array of the asks, best (lowest) first; at most <paramref name="depth"/> of them.</summary>
    public BitgetBookLevel[] CopyAsks(int depth = int.MaxValue) => _asks.Copy(depth);

    /// <summary>One side: levels sorted best first, each with its checksum text.</summary>
    /// <remarks>
    /// Prices are looked up by binary search. While every price of the side has the same scale and a mantissa under
    /// 2^64 (a book's prices share its tick size, so this is the normal case), the search runs on a parallel array of
    /// the mantissas as integers, which compare in one instruction where decimals take several nanoseconds; a price of
    /// another scale switches the side to comparing decimals until its next snapshot.
    /// </remarks>
    private sealed class BookSide(bool descending)
    {
        // Below this many changes a push is applied level by level; from it on, in one merge pass.
        private const int MergeFrom = 8;
        private Entry[] _levels = new Entry[64];
        private ulong[] _keys = new ulong[64];
        private Entry[] _spareLevels = new Entry[64];
        private ulong[] _spareKeys = new ulong[64];
        private bool _integerKeys = true;
        private int _scale = -1;

        public int Count { get; private set; }

        public long Trimmed { get; private set; }

        // Formatted on first use: only the top levels are ever checksummed, and most updates change deeper ones.
        public ReadOnlySpan<byte> TextAt(int index) => _levels[index].Text ??= LevelText.Format(_levels[index].Level);

        public void Clear()
        {
            Array.Clear(_levels, 0, Count);
            Count = 0;
            _integerKeys = true;
            _scale = -1;
        }

        /// <summary>
        /// Applies a push's levels of this side. Many changes sorted best first, as Bitget sends them, are merged in one
        /// pass (each inserted or deleted level would otherwise shift the rest of the side: for the 30 such changes of a
        /// typical real update of a 150-level book, that shifting was half the update's time); otherwise level by level.
        /// </summary>
        public void Apply(BitgetBookLevel[] changes)
        {
            if (changes.Length < MergeFrom || !TryMerge(changes))
            {
                foreach (var level in changes)
                    Set(level);
            }
        }

        // One pass over the side and the changes into the spare arrays, then a swap. False, with nothing changed, when the
        // changes are not strictly in best-first order, a price cannot be compared as an integer key, or the side could
        // outgrow its bound (the level-by-level path handles those).
        private bool TryMerge(BitgetBookLevel[] changes)
        {
            if (!_integerKeys || Count + changes.Length > MaxLevelsPerSide)
                return false;
            var rented = changes.Length > 256 ? ArrayPool<ulong>.Shared.Rent(changes.Length) : null;
            Span<ulong> keys = rented ?? stackalloc ulong[256];
            try
            {
                Span<int> bits = stackalloc int[4];
                var scale = _scale;
                for (var j = 0; j < changes.Length; j++)
                {
                    decimal.GetBits(changes[j].Price, bits);
                    var s = (bits[3] >> 16) & 0xFF;
                    if (bits[2] != 0 || bits[3] < 0 || (scale >= 0 && s != scale))
                        return false;
                    scale = s;
                    keys[j] = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
                    if (j > 0 && (descending ? keys[j] >= keys[j - 1] : keys[j] <= keys[j - 1]))
                        return false;
                }
                var needed = Count + changes.Length;
                if (_spareLevels.Length < needed)
                {
                    var size = Math.Min(Math.Max(needed, _spareLevels.Length * 2), MaxLevelsPerSide);
                    _spareLevels = new Entry[size];
                    _spareKeys = new ulong[size];
                }
                var levels = _levels;
                var oldKeys = _keys;
                var outLevels = _spareLevels;
                var outKeys = _spareKeys;
                int i = 0, n = 0, count = Count;
                for (var j = 0; j < changes.Length; j++)
                {
                    var key = keys[j];
                    // The side's levels before this change's price stay as they are (copied in one run).
                    var run = i;
                    while (i < count && (descending ? oldKeys[i] > key : oldKeys[i] < key))
                        i++;
                    if (i > run)
                    {
                        Array.Copy(levels, run, outLevels, n, i - run);
                        Array.Copy(oldKeys, run, outKeys, n, i - run);
                        n += i - run;
                    }
                    if (i < count && oldKeys[i] == key)
                        i++; // replaced or deleted
                    if (changes[j].Size != 0)
                    {
                        outLevels[n] = new Entry(changes[j]);
                        outKeys[n++] = key;
                    }
                }
                if (i < count)
                {
                    Array.Copy(levels, i, outLevels, n, count - i);
                    Array.Copy(oldKeys, i, outKeys, n, count - i);
                    n += count - i;
                }
                // Swap; the old array keeps no texts alive.
                Array.Clear(levels, 0, count);
                _levels = outLevels;
                _keys = outKeys;
                _spareLevels = levels;
                _spareKeys = oldKeys;
                _scale = scale;
                Count = n;
                return true;
            }
            finally
            {
                if (rented is not null)
                    ArrayPool<ulong>.Shared.Return(rented);
            }
        }

        /// <summary>Size 0 deletes the price's level; otherwise the level is replaced or inserted.</summary>
        public void Set(BitgetBookLevel level)
        {
            var key = KeyOf(level.Price);
            var index = Find(level.Price, key);
            if (index >= 0)
            {
                if (level.Size == 0)
                {
                    Array.Copy(_levels, index + 1, _levels, index, Count - index - 1);
                    Array.Copy(_keys, index + 1, _keys, index, Count - index - 1);
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
            {
                var size = Math.Min(_levels.Length * 2, MaxLevelsPerSide);
                Array.Resize(ref _levels, size);
                Array.Resize(ref _keys, size);
            }
            Array.Copy(_levels, index, _levels, index + 1, Count - index);
            Array.Copy(_keys, index, _keys, index + 1, Count - index);
            _levels[index] = new Entry(level);
            _keys[index] = key;
            Count++;
        }

        // The price's mantissa when the side can keep comparing integers with it; else the side stops doing so.
        private ulong KeyOf(decimal price)
        {
            if (!_integerKeys)
                return 0;
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(price, bits);
            var scale = (bits[3] >> 16) & 0xFF;
            if (bits[2] == 0 && bits[3] >= 0 && (scale == _scale || Count == 0))
            {
                _scale = scale;
                return (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
            }
            _integerKeys = false;
            return 0;
        }

        // Binary search in best-first order: the index of the price, or the complement of where it belongs.
        private int Find(decimal price, ulong key)
        {
            int lo = 0, hi = Count - 1;
            var keys = _keys;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = _integerKeys ? keys[mid].CompareTo(key) : _levels[mid].Level.Price.CompareTo(price);
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

    /// <summary>A level and, once the checksum needed it, its <c>price:size</c> text.</summary>
    private struct Entry(BitgetBookLevel level)
    {
        public readonly BitgetBookLevel Level = level;

        public byte[]? Text;
    }
}
