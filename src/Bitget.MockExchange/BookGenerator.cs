using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// One order book topic's evolving book and its frames, on either API. <c>books</c>: a snapshot first, then updates of a
/// few levels (a size changed, a level deleted with size "0", a level inserted), each with <c>seq</c> (a bare JSON number,
/// never via double: past 2^53 on v2 and on v3 Coin-M, near 10^12 on other v3 books, as live), <c>pseq</c> = the previous
/// push's <c>seq</c> and, on v2, Bitget's CRC-32 checksum of the top 25 levels a side. The snapshot topics (v2
/// <c>books1/5/15</c>, v3 <c>books1/5/50</c>): a snapshot of that many levels every push (v2: checksum 0, pseq the previous
/// seq; v3: pseq 0, as captured). v2 writes <c>asks</c>/<c>bids</c>, v3 <c>a</c>/<c>b</c>, no checksum and, on updates,
/// <c>"maxdepth":"1000"</c>; v3 <c>rpi-books*</c> levels are <c>[price, nonRpiQty, rpiQty]</c>. The book sits around the
/// symbol's price level (<see cref="MarketProfile"/>: its decimals, its tick between levels, its order sizes); sizes have four
/// decimals, so the checksum text keeps trailing zeros ("91240.00:1.2500").
/// </summary>
internal sealed class BookGenerator
{
    private readonly List<(long Price, long Size)> _bids = [];
    private readonly List<(long Price, long Size)> _asks = [];
    private readonly Random _random;
    private readonly MarketProfile _market;
    private readonly long _tick;
    private readonly long _mid;
    private readonly string _prefixSnapshot;
    private readonly string _prefixUpdate;
    private readonly int _depth;
    private readonly int _levels;
    private readonly bool _v3;
    private readonly bool _rpi;
    private long _seq;
    private bool _snapshotSent;
    private bool _earlyUpdateSent;

    public BookGenerator(TopicArg arg)
    {
        _v3 = arg.Version == ProtocolVersion.V3;
        _rpi = arg.Channel.StartsWith("rpi-", StringComparison.Ordinal);
        _depth = arg.Channel.Replace("rpi-", "", StringComparison.Ordinal) switch
        {
            "books1" => 1, "books5" => 5, "books15" => 15, "books50" => 50, _ => 0,
        };
        _levels = Math.Max(40, _depth + 10);
        _random = new Random(StringComparer.Ordinal.GetHashCode(arg.Key) & 0x7FFFFFFF);
        _seq = (_v3 ? (arg.InstType == "coin-futures" ? 1_483_653_649_791_156_272L : 427_583_480_559L) : 9_007_199_254_740_993L)
            + _random.Next(1000);
        _market = MarketProfile.Of(arg.MarketSymbol);
        _tick = _market.BookTick;
        _mid = _market.Units / _tick * _tick; // asks from it up, bids below it
        for (var i = 0; i < _levels; i++)
        {
            _bids.Add((_mid - ((i + 1) * _tick), NewSize()));
            _asks.Add((_mid + (i * _tick), NewSize()));
        }

        _prefixSnapshot = arg.EnvelopeStart("snapshot") + "{";
        _prefixUpdate = arg.EnvelopeStart("update") + "{";
    }

    /// <summary>True for <c>books</c> (snapshot then updates), false for the snapshot channels.</summary>
    public bool Incremental => _depth == 0;

    /// <summary>Whether the pushes carry a checksum that can be made wrong (v2 <c>books</c>).</summary>
    public bool Checksummed => Incremental && !_v3;

    /// <summary>Whether the next push is a <c>books</c> update (the snapshot went out): only an update can follow a gap.</summary>
    public bool NextIsUpdate => Incremental && _snapshotSent;

    /// <summary>Whether the next push would be a subscription's first (a snapshot): only it can be preceded by an early update.</summary>
    public bool NextIsFirst => Incremental && !_snapshotSent && !_earlyUpdateSent;

    /// <summary>
    /// The whole book as the pushes sent so far build it (for a snapshot topic: every level, of which a push shows the top),
    /// with the last seq sent. Send loop only, like <see cref="WriteNext"/>.
    /// </summary>
    public MockOrderBook State(string key) => new(key, _snapshotSent || !Incremental ? _seq : 0, Levels(_bids), Levels(_asks));

    private static (decimal Price, decimal Size)[] Levels(List<(long Price, long Size)> side) =>
        [.. side.Select(l => (l.Price / 100m, l.Size / 10_000m))];

    /// <summary>
    /// Writes the next push with the <paramref name="faults"/> taken for it. <paramref name="withChecksum"/> false leaves the
    /// key out, as current v2 frames do (v3 never writes it).
    /// </summary>
    public void WriteNext(ByteWriter frame, long nowMs, BookFaults faults, bool withChecksum)
    {
        withChecksum &= !_v3;
        var badChecksum = (faults & BookFaults.BadChecksum) != 0;
        if (!Incremental)
        {
            Change(_bids, descending: true);
            Change(_asks, descending: false);
            var pseq = _v3 ? 0 : _seq;
            _seq += 1 + _random.Next(3);
            Write(frame, _prefixSnapshot, Top(_bids, _depth), Top(_asks, _depth), 0, _seq, pseq, nowMs, withChecksum, update: false);
            return;
        }

        if (!_snapshotSent && (faults & BookFaults.EarlyUpdate) != 0 && !_earlyUpdateSent)
        {
            // An update before any snapshot: the client cannot apply it and must resync.
            _earlyUpdateSent = true;
            WriteUpdate(frame, nowMs, badChecksum, withChecksum, zeroPseq: false);
            return;
        }

        if (!_snapshotSent)
        {
            _snapshotSent = true;
            _seq += 1 + _random.Next(3);
            Write(frame, _prefixSnapshot, _bids, _asks, Checksum() ^ (badChecksum ? 0x5A5A : 0), _seq, 0, nowMs, withChecksum, update: false);
            return;
        }

        if ((faults & BookFaults.Gap) != 0)
        {
            Change(_bids, descending: true);
            _seq += 1 + _random.Next(3);
        }

        WriteUpdate(frame, nowMs, badChecksum, withChecksum, (faults & BookFaults.ZeroPseq) != 0);
    }

    private void WriteUpdate(ByteWriter frame, long nowMs, bool badChecksum, bool withChecksum, bool zeroPseq)
    {
        var previous = zeroPseq ? 0 : _seq;
        var bidChanges = Change(_bids, descending: true);
        var askChanges = Change(_asks, descending: false);
        _seq += 1 + _random.Next(3);
        Write(frame, _prefixUpdate, bidChanges, askChanges, Checksum() ^ (badChecksum ? 0x5A5A : 0), _seq, previous, nowMs, withChecksum, update: true);
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

                // Deletes only near the starting depth, so that the book keeps it (inserts fill the grid's gaps more
                // slowly than deletes empty it): a snapshot topic always has its levels, and a books book stays deeper
                // than the 25 levels its checksum covers (it drifted to about 20 when deletes ran down to half).
                case 1 when side.Count > _levels - 5:
                    {
                        var i = _random.Next(side.Count);
                        changes.Add((side[i].Price, 0));
                        side.RemoveAt(i);
                        break;
                    }

                default:
                    {
                        // A price on this side's grid (bids below the mid, asks from it up) that the side lacks.
                        var k = _random.Next(_levels + 10);
                        var price = descending ? _mid - ((k + 1) * _tick) : _mid + (k * _tick);
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

    private long NewSize() => (1 + _random.Next(2_000_000)) * _market.SizeScale; // BTC 0.0001 .. 200.0000

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

    private string Price(long units) => MarketProfile.Fixed(units, _market.Decimals);

    private static string SizeText(long units) => units == 0 ? "0" : Size(units);

    private static string Size(long units) => (units / 10_000).ToString(CultureInfo.InvariantCulture) + "." + (units % 10_000).ToString("0000", CultureInfo.InvariantCulture);

    private void Write(ByteWriter frame, string prefix, List<(long Price, long Size)> bids, List<(long Price, long Size)> asks,
        int checksum, long seq, long pseq, long nowMs, bool withChecksum, bool update)
    {
        var text = new StringBuilder(prefix.Length + ((bids.Count + asks.Count) * 24) + 128);
        text.Append(prefix).Append(_v3 ? "\"a\":" : "\"asks\":");
        AppendLevels(text, asks);
        text.Append(_v3 ? ",\"b\":" : ",\"bids\":");
        AppendLevels(text, bids);
        if (withChecksum)
        {
            text.Append(",\"checksum\":").Append(checksum.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(",\"seq\":").Append(seq.ToString(CultureInfo.InvariantCulture))
            .Append(",\"pseq\":").Append(pseq.ToString(CultureInfo.InvariantCulture))
            .Append(",\"ts\":\"").Append(nowMs.ToString(CultureInfo.InvariantCulture)).Append('"');
        if (_v3 && update)
        {
            text.Append(",\"maxdepth\":\"1000\""); // lowercase on the wire, as captured
        }

        text.Append("}],\"ts\":").Append(nowMs.ToString(CultureInfo.InvariantCulture)).Append('}');
        frame.WriteRaw(text.ToString());
    }

    private void AppendLevels(StringBuilder text, List<(long Price, long Size)> levels)
    {
        text.Append('[');
        for (var i = 0; i < levels.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            // An RPI level splits its size: a third RPI, the rest not ("0" each for a deleted level).
            var size = levels[i].Size;
            var rpi = _rpi ? size / 3 : 0;
            text.Append("[\"").Append(Price(levels[i].Price)).Append("\",\"").Append(SizeText(size - rpi)).Append('"');
            if (_rpi)
            {
                text.Append(",\"").Append(SizeText(rpi)).Append('"');
            }

            text.Append(']');
        }

        text.Append(']');
    }
}
