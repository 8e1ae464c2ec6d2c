using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// The deterministic ticker formula (documented on <see cref="MockBitgetExchange.TickerFields"/>) and the byte-level
/// frame builder used by the push loop. Both the public helper and the pushes go through <see cref="WriteValue"/>.
/// </summary>
internal static class TickerGenerator
{
    internal enum Field
    {
        InstId, LastPr, BidPr, AskPr, BidSz, AskSz, Open24h, High24h, Low24h, Change24h, FundingRate, NextFundingTime,
        MarkPrice, IndexPrice, HoldingAmount, BaseVolume, QuoteVolume, OpenUtc, SymbolType, Symbol, DeliveryPrice, Ts, ChangeUtc24h,

        // v3 only: empty on perpetuals, as in the captured futures ticker.
        DeliveryTime, DeliveryStartTime, DeliveryStatus,
    }

    internal const int FieldCount = (int)Field.DeliveryStatus + 1;

    /// <summary>Field order of the futures ticker (as in the doc sample futures-ticker-snapshot.json).</summary>
    internal static readonly Field[] FuturesOrder =
    [
        Field.InstId, Field.LastPr, Field.BidPr, Field.AskPr, Field.BidSz, Field.AskSz, Field.Open24h, Field.High24h, Field.Low24h,
        Field.Change24h, Field.FundingRate, Field.NextFundingTime, Field.MarkPrice, Field.IndexPrice, Field.HoldingAmount,
        Field.BaseVolume, Field.QuoteVolume, Field.OpenUtc, Field.SymbolType, Field.Symbol, Field.DeliveryPrice, Field.Ts,
    ];

    /// <summary>Field order of the spot ticker (as in the doc sample spot-ticker.json).</summary>
    internal static readonly Field[] SpotOrder =
    [
        Field.InstId, Field.LastPr, Field.Open24h, Field.High24h, Field.Low24h, Field.Change24h, Field.BidPr, Field.AskPr,
        Field.BidSz, Field.AskSz, Field.BaseVolume, Field.QuoteVolume, Field.OpenUtc, Field.ChangeUtc24h, Field.Ts,
    ];

    /// <summary>Field order of the v3 futures ticker (as in the captured frame v3-ticker-futures.json): no symbol, no ts.</summary>
    internal static readonly Field[] V3FuturesOrder =
    [
        Field.High24h, Field.Low24h, Field.Open24h, Field.LastPr, Field.QuoteVolume, Field.BaseVolume, Field.BidPr, Field.AskPr,
        Field.BidSz, Field.AskSz, Field.Change24h, Field.IndexPrice, Field.MarkPrice, Field.FundingRate, Field.HoldingAmount,
        Field.DeliveryTime, Field.DeliveryStartTime, Field.DeliveryStatus, Field.NextFundingTime,
    ];

    /// <summary>Field order of the v3 spot ticker (as in the captured frame v3-ticker-spot.json).</summary>
    internal static readonly Field[] V3SpotOrder =
    [
        Field.High24h, Field.Low24h, Field.Open24h, Field.LastPr, Field.QuoteVolume, Field.BaseVolume, Field.BidPr, Field.AskPr,
        Field.BidSz, Field.AskSz, Field.Change24h,
    ];

    /// <summary>The v2 names: the enum's, camel-cased.</summary>
    internal static readonly string[] Names = Enumerable.Range(0, FieldCount)
        .Select(i => ((Field)i).ToString())
        .Select(n => char.ToLowerInvariant(n[0]) + n[1..])
        .ToArray();

    /// <summary>The v3 name of each field that v3 has (same value, v3 spelling); null for v2-only fields.</summary>
    internal static readonly string?[] V3Names = Enumerable.Range(0, FieldCount).Select(i => (Field)i switch
    {
        Field.LastPr => "lastPrice",
        Field.BidPr => "bid1Price",
        Field.AskPr => "ask1Price",
        Field.BidSz => "bid1Size",
        Field.AskSz => "ask1Size",
        Field.Open24h => "openPrice24h",
        Field.High24h => "highPrice24h",
        Field.Low24h => "lowPrice24h",
        Field.Change24h => "price24hPcnt",
        Field.BaseVolume => "volume24h",
        Field.QuoteVolume => "turnover24h",
        Field.HoldingAmount => "openInterest",
        Field.FundingRate or Field.NextFundingTime or Field.MarkPrice or Field.IndexPrice
            or Field.DeliveryTime or Field.DeliveryStartTime or Field.DeliveryStatus => Names[i],
        _ => null,
    }).ToArray();

    /// <summary><c>,"name":</c> per field and API, pre-encoded (the first field of an object skips the leading comma).</summary>
    private static readonly byte[]?[] V2NamePrefixes = Names.Select(NamePrefix).ToArray();

    private static readonly byte[]?[] V3NamePrefixes = V3Names.Select(n => n is null ? null : NamePrefix(n)).ToArray();

    // Both spellings name the same field, so a SetTicker override pins the value on both APIs.
    private static readonly Dictionary<string, Field> ByName = Enumerable.Range(0, FieldCount)
        .Select(i => (Name: Names[i], Field: (Field)i))
        .Concat(Enumerable.Range(0, FieldCount).Where(i => V3Names[i] is not null).Select(i => (Name: V3Names[i]!, Field: (Field)i)))
        .DistinctBy(p => p.Name)
        .ToDictionary(p => p.Name, p => p.Field, StringComparer.Ordinal);

    private static byte[] NamePrefix(string name) => Encoding.UTF8.GetBytes(",\"" + name + "\":");

    private const long FundingPeriodMs = 8 * 3600 * 1000;

    internal static bool TryGetField(string name, out Field field) => ByName.TryGetValue(name, out field);

    internal static long Pow10(int d)
    {
        long r = 1;
        for (var i = 0; i < d; i++)
        {
            r *= 10;
        }

        return r;
    }

    /// <summary>Per-topic constants of the formula, and the topic's frame prefix and field names (v2 or v3).</summary>
    internal sealed class Topic
    {
        public Topic(TopicArg arg)
        {
            Arg = arg;
            Futures = arg.IsFutures;
            Market = MarketProfile.Of(arg.MarketSymbol);
            Prefix = Encoding.UTF8.GetBytes(arg.EnvelopeStart("snapshot") + "{");
            var w = new ByteWriter(64);
            w.WriteEscaped(arg.Symbol ?? "");
            EscapedInstId = w.ToArray();
            var v3 = arg.Version == ProtocolVersion.V3;
            Order = (v3, Futures) switch
            {
                (false, true) => FuturesOrder,
                (false, false) => SpotOrder,
                (true, true) => V3FuturesOrder,
                (true, false) => V3SpotOrder,
            };
            NamePrefixes = v3 ? V3NamePrefixes : V2NamePrefixes;
            OverrideKey = arg.MarketInstType + "/" + arg.MarketSymbol;
        }

        public TopicArg Arg { get; }

        public bool Futures { get; }

        /// <summary>The symbol's market: price level, decimals, volumes, moves.</summary>
        public MarketProfile Market { get; }

        /// <summary>Everything up to the opening brace of the data object.</summary>
        public byte[] Prefix { get; }

        public byte[] EscapedInstId { get; }

        public Field[] Order { get; }

        /// <summary><c>,"name":</c> per field in this topic's API.</summary>
        public byte[]?[] NamePrefixes { get; }

        /// <summary><c>INSTTYPE/instId</c> in v2 spelling, the key of SetTicker overrides: one override pins both APIs.</summary>
        public string OverrideKey { get; }
    }

    /// <summary>
    /// Pre-encoded SetTicker overrides: per known field its JSON value (written after the name in the topic's API), plus
    /// unknown fields as complete <c>,"name":value</c> members.
    /// </summary>
    internal sealed class Overrides
    {
        public Overrides(IReadOnlyDictionary<string, string> fields)
        {
            var w = new ByteWriter(128);
            foreach (var (name, value) in fields)
            {
                ArgumentNullException.ThrowIfNull(name);
                ArgumentNullException.ThrowIfNull(value);
                var isKnown = TryGetField(name, out var f);
                w.Clear();
                if (!isKnown)
                {
                    w.WriteRaw(",");
                    w.WriteJsonString(name);
                    w.WriteRaw(":");
                }

                if (isKnown && f == Field.SymbolType && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    w.WriteRaw(value); // a JSON number, as the real futures ticker sends it
                }
                else
                {
                    w.WriteJsonString(value);
                }

                if (isKnown)
                {
                    ByField[(int)f] = w.ToArray();
                }
                else
                {
                    Extra.Add(w.ToArray());
                }
            }
        }

        /// <summary>The JSON value (quoted string, or number) per overridden field.</summary>
        public byte[]?[] ByField { get; } = new byte[FieldCount][];

        public List<byte[]> Extra { get; } = [];
    }

    /// <summary>
    /// Appends one complete push frame for push number <paramref name="n"/> of a topic: data <c>ts</c> (and the funding time)
    /// from <paramref name="dataMs"/>, envelope <c>ts</c> = <paramref name="envelopeMs"/>.
    /// </summary>
    internal static void WriteFrame(ByteWriter w, Topic topic, long n, long dataMs, long envelopeMs, Overrides? overrides)
    {
        w.Write(topic.Prefix);
        var first = true;
        foreach (var f in topic.Order)
        {
            var o = overrides?.ByField[(int)f];
            var start = w.Length;
            w.Write(topic.NamePrefixes[(int)f]!);
            if (o is not null)
            {
                w.Write(o);
            }
            else
            {
                if (f == Field.SymbolType)
                {
                    w.WriteByte((byte)'1');
                }
                else
                {
                    w.WriteByte((byte)'"');
                    WriteValue(w, f, topic, n, dataMs);
                    w.WriteByte((byte)'"');
                }
            }

            if (first)
            {
                // Drop the leading comma of the first member.
                w.Buffer.AsSpan(start + 1, w.Length - start - 1).CopyTo(w.Buffer.AsSpan(start));
                w.Length--;
                first = false;
            }
        }

        if (overrides is not null)
        {
            foreach (var e in overrides.Extra)
            {
                w.Write(e);
            }
        }

        w.WriteRaw("}],\"ts\":");
        w.WriteLong(envelopeMs);
        w.WriteByte((byte)'}');
    }

    /// <summary>Writes the generated value of one field (string content without quotes; symbolType as digits).</summary>
    internal static void WriteValue(ByteWriter w, Field f, Topic t, long n, long nowMs)
    {
        var m = t.Market;
        var dec = m.Decimals;
        var last = m.PriceAtPush(n);
        switch (f)
        {
            case Field.InstId:
            case Field.Symbol:
                w.Write(t.EscapedInstId);
                break;
            case Field.LastPr:
            case Field.MarkPrice:
                w.WriteFixed(last, dec);
                break;
            case Field.BidPr:
                w.WriteFixed(last - 1, dec);
                break;
            case Field.AskPr:
                w.WriteFixed(last + 1, dec);
                break;
            case Field.IndexPrice:
                w.WriteFixed(last - 5, dec);
                break;
            case Field.BidSz:
                w.WriteFixed((1000 + (n % 1000)) * m.SizeScale, 3);
                break;
            case Field.AskSz:
                w.WriteFixed((2000 + (n % 1000)) * m.SizeScale, 3);
                break;
            case Field.Open24h:
            case Field.OpenUtc:
                w.WriteFixed(m.Open24hUnits, dec);
                break;
            case Field.High24h:
                w.WriteFixed(m.High24hUnits, dec);
                break;
            case Field.Low24h:
                w.WriteFixed(m.Low24hUnits, dec);
                break;
            case Field.Change24h:
            case Field.ChangeUtc24h:
                w.WriteFixed((long)((Int128)(last - m.Open24hUnits) * 100_000 / m.Open24hUnits), 5);
                break;
            case Field.FundingRate:
                w.WriteFixed(m.FundingRateUnits, 6);
                break;
            case Field.NextFundingTime:
                w.WriteLong(((nowMs / FundingPeriodMs) + 1) * FundingPeriodMs);
                break;
            case Field.HoldingAmount:
                w.WriteFixed((m.Volume / 3 * 1000) + n, 3);
                break;
            case Field.BaseVolume:
                if (t.Futures)
                {
                    w.WriteFixed((m.Volume * 1000) + n, 3);
                }
                else
                {
                    w.WriteFixed(((m.Volume * 1000) + n) * 10, 4);
                }

                break;
            case Field.QuoteVolume:
                {
                    // baseVolume (3 decimals) * lastPr (dec decimals), truncated to 3 (futures) or 4 (spot) decimals.
                    var product = (Int128)((m.Volume * 1000) + n) * last;
                    var qd = t.Futures ? 3 : 4;
                    w.WriteFixed((long)(product / Pow10(3 + dec - qd)), qd);
                    break;
                }

            case Field.SymbolType:
                w.WriteByte((byte)'1');
                break;
            case Field.DeliveryPrice:
                w.WriteByte((byte)'0');
                break;
            case Field.Ts:
                w.WriteLong(nowMs);
                break;
            case Field.DeliveryTime:
            case Field.DeliveryStartTime:
            case Field.DeliveryStatus:
                break; // "" on perpetuals
            default:
                throw new ArgumentOutOfRangeException(nameof(f));
        }
    }

    /// <summary>The generated fields of push <paramref name="n"/> as strings, in wire order, with the names of the topic's API.</summary>
    internal static IReadOnlyDictionary<string, string> Fields(TopicArg arg, long n, long nowMs)
    {
        var topic = new Topic(arg);
        var names = arg.Version == ProtocolVersion.V3 ? V3Names : Names;
        var w = new ByteWriter(64);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in topic.Order)
        {
            w.Clear();
            if (f is Field.InstId or Field.Symbol)
            {
                result[names[(int)f]!] = arg.Symbol ?? "";
                continue;
            }

            WriteValue(w, f, topic, n, nowMs);
            result[names[(int)f]!] = Encoding.UTF8.GetString(w.WrittenSpan);
        }

        return result;
    }
}
