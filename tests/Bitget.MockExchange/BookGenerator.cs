using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// One order book topic's evolving book and its frames. <c>books</c>: a snapshot first, then updates of a few levels
/// (a size changed, a level deleted with size "0", a level inserted), each with <c>seq</c> (past 2^53, never via double),
/// <c>pseq</c> = the previous push's <c>seq</c> and Bitget's CRC-32 checksum of the top 25 levels a side.
/// <c>books1/5/15</c>: a snapshot of that many levels every push (checksum 0, as documented). Prices have two decimals,
/// sizes four, so the checksum text keeps trailing zeros ("27000.50:1.2500").
/// </summary>
internal sealed class BookGenerator
{
    private const int Levels = 40;
    private const long Tick = 50; // 0.50 in price units of 2 decimals
    private readonly List<(long Price, long Size)> _bids = [];
    private readonly List<(long Price, long Size)> _asks = [];
    private readonly Random _random;
    private readonly string _prefixSnapshot;
    private readonly string _prefixUpdate;
    private readonly int _depth;
    private long _seq;
    private bool _snapshotSent;

    public BookGenerator(string instType, string channel, string instId)
    {
        Channel = channel;
        _depth = channel switch { "books1" => 1, "books5" => 5, "books15" => 15, _ => 0 };
        _random = new Random(StringComparer.Ordinal.GetHashCode(instType + "/" + channel + "/" + instId) & 0x7FFFFFFF);
        _seq = 9_007_199_254_740_993L + _random.Next(1000);
        var mid = 2_700_000L; // 27000.00
        for (var i = 0; i < Levels; i++)
        {
            _bids.Add((mid - ((i + 1) * Tick), NewSize()));
            _asks.Add((mid + (i * Tick), NewSize()));
        }

        var arg = "\"arg\":{\"instType\":\"" + instType + "\",\"channel\":\"" + channel + "\",\"instId\":\"" + instId + "\"}";
        _prefixSnapshot = "{\"action\":\"snapshot\"," + arg + ",\"data\":[{";
        _prefixUpdate = "{\"action\":\"update\"," + arg + ",\"data\":[{";
    }

    public string Channel { get; }

    /// <summary>True for <c>books</c> (snapshot then updates), false for the snapshot channels.</summary>
    public bool Incremental => _depth == 0;

    /// <summary>Whether the next push is a <c>books</c> update (the snapshot went out): only an update can follow a gap.</summary>
    public bool NextIsUpdate => Incremental && _snapshotSent;

    /// <summary>
    /// Writes the next push. <paramref name="skipOne"/>: an update is made (and its seq spent) but not sent, so this push's
    /// pseq names a seq the client never saw: a gap. <paramref name="badChecksum"/>: the checksum is off by one bit pattern.
    /// <paramref name="withChecksum"/> false leaves the key out, as current v2 frames do.
    /// </summary>
    public void WriteNext(ByteWriter frame, long nowMs, bool skipOne, bool badChecksum, bool withChecksum)
    {
        if (!Incremental)
        {
            Change(_bids, descending: true);
            Change(_asks, descending: false);
            var pseq = _seq;
            _seq += 1 + _random.Next(3);
            Write(frame, _prefixSnapshot, Top(_bids, _depth), Top(_asks, _depth), 0, _seq, pseq, nowMs, withChecksum);
            return;
        }

        if (!_snapshotSent)
        {
            _snapshotSent = true;
            _seq += 1 + _random.Next(3);
            Write(frame, _prefixSnapshot, _bids, _asks, Checksum() ^ (badChecksum ? 0x5A5A : 0), _seq, 0, nowMs, withChecksum);
            return;
        }

        if (skipOne)
        {
            Change(_bids, descending: true);
            _seq += 1 + _random.Next(3);
        }

        var previous = _seq;
        var bidChanges = Change(_bids, descending: true);
        var askChanges = Change(_asks, descending: false);
        _seq += 1 + _random.Next(3);
        Write(frame, _prefixUpdate, bidChanges, askChanges, Checksum() ^ (badChecksum ? 0x5A5A : 0), _seq, previous, nowMs, withChecksum);
    }

    // A few changes to one side, returned as the levels an update carries (size 0 = deleted).
    private List<(long Price, long Size)> Change(List<(long Price, long Size)> side, bool descending)
    {
        var changes = new List<(long Price, long Size)>();
        var n = 1 + _random.Next(3);
        for (var c = 0; c < n; c++)
        {
            switch (_random.Next(3))
            {
                case 0 when side.Count > 0:
                    {
                        var i = _random.Next(Math.Min(10, side.Count));
                        side[i] = (side[i].Price, NewSize());
                        changes.Add(side[i]);
                        break;
                    }

                case 1 when side.Count > Levels / 2:
                    {
                        var i = _random.Next(side.Count);
                        changes.Add((side[i].Price, 0));
                        side.RemoveAt(i);
                        break;
                    }

                default:
                    {
                        // A price on this side's grid (bids below 27000.00, asks from it up) that the side lacks.
                        var k = _random.Next(Levels + 10);
                        var price = descending ? 2_700_000L - ((k + 1) * Tick) : 2_700_000L + (k * Tick);
                        if (side.Exists(l => l.Price == price))
                        {
                            break;
                        }

                        var level = (price, NewSize());
                        var at = side.FindIndex(l => descending ? l.Price < price : l.Price > price);
                        side.Insert(at < 0 ? side.Count : at, level);
                        changes.Add(level);
                        break;
                    }
            }
        }

        return changes;
    }

    private long NewSize() => 1 + _random.Next(2_000_000); // 0.0001 .. 200.0000

    private static List<(long Price, long Size)> Top(List<(long Price, long Size)> side, int n) => side.Take(n).ToList();

    /// <summary>Bitget's recipe: CRC-32 of bid1:size:ask1:size:… over the top 25 levels a side, signed.</summary>
    private int Checksum()
    {
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < _bids.Count)
            {
                parts.Add(Price(_bids[i].Price));
                parts.Add(Size(_bids[i].Size));
            }

            if (i < _asks.Count)
            {
                parts.Add(Price(_asks[i].Price));
                parts.Add(Size(_asks[i].Size));
            }
        }

        return unchecked((int)Crc32(Encoding.ASCII.GetBytes(string.Join(":", parts))));
    }

    // Bit by bit, on purpose unlike the client's table-driven one: the mock is an independent check of it.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static string Price(long units) => (units / 100).ToString(CultureInfo.InvariantCulture) + "." + (units % 100).ToString("00", CultureInfo.InvariantCulture);

    private static string Size(long units) => (units / 10_000).ToString(CultureInfo.InvariantCulture) + "." + (units % 10_000).ToString("0000", CultureInfo.InvariantCulture);

    private static void Write(ByteWriter frame, string prefix, List<(long Price, long Size)> bids, List<(long Price, long Size)> asks,
        int checksum, long seq, long pseq, long nowMs, bool withChecksum)
    {
        var text = new StringBuilder(prefix.Length + ((bids.Count + asks.Count) * 24) + 128);
        text.Append(prefix).Append("\"asks\":");
        AppendLevels(text, asks);
        text.Append(",\"bids\":");
        AppendLevels(text, bids);
        if (withChecksum)
        {
            text.Append(",\"checksum\":").Append(checksum.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(",\"seq\":").Append(seq.ToString(CultureInfo.InvariantCulture))
            .Append(",\"pseq\":").Append(pseq.ToString(CultureInfo.InvariantCulture))
            .Append(",\"ts\":\"").Append(nowMs.ToString(CultureInfo.InvariantCulture)).Append("\"}],\"ts\":")
            .Append(nowMs.ToString(CultureInfo.InvariantCulture)).Append('}');
        frame.WriteRaw(text.ToString());
    }

    private static void AppendLevels(StringBuilder text, List<(long Price, long Size)> levels)
    {
        text.Append('[');
        for (var i = 0; i < levels.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append("[\"").Append(Price(levels[i].Price)).Append("\",\"").Append(levels[i].Size == 0 ? "0" : Size(levels[i].Size)).Append("\"]");
        }

        text.Append(']');
    }
}
