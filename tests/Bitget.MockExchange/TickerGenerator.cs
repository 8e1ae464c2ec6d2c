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
    }

    internal const int FieldCount = (int)Field.ChangeUtc24h + 1;

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

    internal static readonly string[] Names = Enumerable.Range(0, FieldCount)
        .Select(i => ((Field)i).ToString())
        .Select(n => char.ToLowerInvariant(n[0]) + n[1..])
        .ToArray();

    /// <summary><c>,"name":</c> per field, pre-encoded (the first field of an object skips the leading comma).</summary>
    private static readonly byte[][] NamePrefixes = Names.Select(n => Encoding.UTF8.GetBytes(",\"" + n + "\":")).ToArray();

    private static readonly Dictionary<string, Field> ByName = Enumerable.Range(0, FieldCount)
        .ToDictionary(i => Names[i], i => (Field)i, StringComparer.Ordinal);

    private const long FundingPeriodMs = 8 * 3600 * 1000;

    internal static bool IsFutures(string instType) => !string.Equals(instType, "SPOT", StringComparison.Ordinal);

    internal static bool TryGetField(string name, out Field field) => ByName.TryGetValue(name, out field);

    /// <summary>Base price in units of 10^-decimals and the number of price decimals of a symbol.</summary>
    internal static (long BaseUnits, int Decimals) Profile(string instId)
    {
        if (instId.StartsWith("BTC", StringComparison.Ordinal))
        {
            return (2_700_050, 2); // 27000.50
        }

        if (instId.StartsWith("ETH", StringComparison.Ordinal))
        {
            return (180_025, 2); // 1800.25
        }

        return (12_345, 4); // 1.2345
    }

    internal static long Pow10(int d)
    {
        long r = 1;
        for (var i = 0; i < d; i++)
        {
            r *= 10;
        }

        return r;
    }

    /// <summary>Per-topic constants of the formula.</summary>
    internal sealed class Topic
    {
        public Topic(string instType, string instId)
        {
            InstType = instType;
            InstId = instId;
            Futures = IsFutures(instType);
            (BaseUnits, Decimals) = Profile(instId);
            StepUnits = Pow10(Decimals) / 10;
            var w = new ByteWriter(256);
            w.WriteRaw("{\"action\":\"snapshot\",\"arg\":{\"instType\":");
            w.WriteJsonString(instType);
            w.WriteRaw(",\"channel\":\"ticker\",\"instId\":");
            w.WriteJsonString(instId);
            w.WriteRaw("},\"data\":[{");
            Prefix = w.ToArray();
            w.Clear();
            w.WriteEscaped(instId);
            EscapedInstId = w.ToArray();
            Order = Futures ? FuturesOrder : SpotOrder;
        }

        public string InstType { get; }

        public string InstId { get; }

        public bool Futures { get; }

        public long BaseUnits { get; }

        public int Decimals { get; }

        public long StepUnits { get; }

        /// <summary>Everything up to the opening brace of the data object.</summary>
        public byte[] Prefix { get; }

        public byte[] EscapedInstId { get; }

        public Field[] Order { get; }
    }

    /// <summary>Pre-encoded SetTicker overrides: per field the complete <c>,"name":value</c> bytes, plus extra fields.</summary>
    internal sealed class Overrides
    {
        public Overrides(IReadOnlyDictionary<string, string> fields)
        {
            var w = new ByteWriter(128);
            var extra = new ByteWriter(128);
            foreach (var (name, value) in fields)
            {
                ArgumentNullException.ThrowIfNull(name);
                ArgumentNullException.ThrowIfNull(value);
                var isKnown = TryGetField(name, out var f);
                var target = isKnown ? w : extra;
                target.Clear();
                target.WriteRaw(",");
                target.WriteJsonString(name);
                target.WriteRaw(":");
                if (isKnown && f == Field.SymbolType && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    target.WriteRaw(value); // a JSON number, as the real futures ticker sends it
                }
                else
                {
                    target.WriteJsonString(value);
                }

                if (isKnown)
                {
                    ByField[(int)f] = w.ToArray();
                }
                else
                {
                    Extra.Add(extra.ToArray());
                }
            }
        }

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
            if (o is not null)
            {
                w.Write(o);
            }
            else
            {
                w.Write(NamePrefixes[(int)f]);
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
        var dec = t.Decimals;
        var last = t.BaseUnits + (n * t.StepUnits);
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
                w.WriteFixed(1000 + (n % 1000), 3);
                break;
            case Field.AskSz:
                w.WriteFixed(2000 + (n % 1000), 3);
                break;
            case Field.Open24h:
            case Field.OpenUtc:
                w.WriteFixed(t.BaseUnits, dec);
                break;
            case Field.High24h:
                w.WriteFixed(last + 100, dec);
                break;
            case Field.Low24h:
                w.WriteFixed(t.BaseUnits - 100, dec);
                break;
            case Field.Change24h:
            case Field.ChangeUtc24h:
                w.WriteFixed((long)((Int128)(last - t.BaseUnits) * 100_000 / t.BaseUnits), 5);
                break;
            case Field.FundingRate:
                w.WriteFixed(100, 6); // 0.000100
                break;
            case Field.NextFundingTime:
                w.WriteLong(((nowMs / FundingPeriodMs) + 1) * FundingPeriodMs);
                break;
            case Field.HoldingAmount:
                w.WriteFixed(10_000_000 + n, 3);
                break;
            case Field.BaseVolume:
                if (t.Futures)
                {
                    w.WriteFixed(1_000_000 + n, 3);
                }
                else
                {
                    w.WriteFixed((1_000_000 + n) * 10, 4);
                }

                break;
            case Field.QuoteVolume:
                {
                    // baseVolume (3 decimals) * lastPr (dec decimals), truncated to 3 (futures) or 4 (spot) decimals.
                    var product = (Int128)(1_000_000 + n) * last;
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
            default:
                throw new ArgumentOutOfRangeException(nameof(f));
        }
    }

    /// <summary>The generated fields of push <paramref name="n"/> as strings, in wire order.</summary>
    internal static IReadOnlyDictionary<string, string> Fields(string instType, string instId, long n, long nowMs)
    {
        var topic = new Topic(instType, instId);
        var w = new ByteWriter(64);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in topic.Order)
        {
            w.Clear();
            if (f is Field.InstId or Field.Symbol)
            {
                result[Names[(int)f]] = instId;
                continue;
            }

            WriteValue(w, f, topic, n, nowMs);
            result[Names[(int)f]] = Encoding.UTF8.GetString(w.WrittenSpan);
        }

        return result;
    }
}
