using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Protocol;

/// <summary>
/// The v3 (Unified) wire: <c>{"instType":"usdt-futures","topic":"kline","symbol":"BTCUSDT","interval":"1m"}</c>,
/// private topics under <c>instType UTA</c> without a symbol (spec §1.4, §3.2). Maps the module's topics onto it:
/// <c>candle1m</c> ↔ <c>kline</c> + <c>1m</c>, <c>trade</c> ↔ <c>publicTrade</c>, <c>orders</c> ↔ <c>order</c>,
/// <c>positions</c> ↔ <c>position</c>, <c>orders-algo</c> ↔ <c>strategy-order</c>, upper-case instTypes ↔ lower-case;
/// every other topic (<c>rpi-books5</c>, <c>adl-notification</c>, …) keeps its name.
/// </summary>
internal sealed class UnifiedWireDialect : WireDialect
{
    private static readonly Uri s_public = new("wss://ws.bitget.com/v3/ws/public");
    private static readonly Uri s_demoPublic = new("wss://wspap.bitget.com/v3/ws/public");
    private static readonly Uri s_private = new("wss://ws.bitget.com/v3/ws/private");
    private static readonly Uri s_demoPrivate = new("wss://wspap.bitget.com/v3/ws/private");

    private const string Kline = "kline";
    private const string PublicTrade = "publicTrade";
    private const string Order = "order";
    private const string Position = "position";
    private const string StrategyOrder = "strategy-order";

    public override BitgetApi Api => BitgetApi.Unified;

    // A live probe saw the v3 server close the socket after a subscribe of 25 arguments; 10, 15 and 20 worked (spec §1.3).
    public override int MaxArgsPerRequest => 10;

    public override Uri PublicEndpoint(bool demo) => demo ? s_demoPublic : s_public;

    public override Uri PrivateEndpoint(bool demo) => demo ? s_demoPrivate : s_private;

    public override void WriteArg(Utf8JsonWriter writer, BitgetTopic topic)
    {
        writer.WriteStartObject();
        writer.WriteString("instType"u8, InstTypeToWire(topic.InstType));
        var channel = topic.Channel;
        if (BitgetChannelNames.IsCandle(channel))
        {
            writer.WriteString("topic"u8, Kline);
            writer.WriteString("symbol"u8, topic.InstId);
            writer.WriteString("interval"u8, channel.AsSpan(BitgetChannelNames.CandlePrefix.Length));
        }
        else
        {
            writer.WriteString("topic"u8, TopicToWire(channel));
            // Account-wide topics and liquidations have no symbol; fast-fill and strategy-order spell "all" as default.
            if (topic.InstId != PrivateScope.All || channel is BitgetChannelNames.FastFill or BitgetChannelNames.OrdersAlgo)
                writer.WriteString("symbol"u8, topic.InstId);
        }
        writer.WriteEndObject();
    }

    internal override void ReadArg(ref Utf8JsonReader reader, ref BitgetFrame frame, SymbolTable symbols)
    {
        string? topic = null, symbol = null, interval = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var key = name.SequenceEqual("instType"u8) ? 1 : name.SequenceEqual("topic"u8) ? 2
                : name.SequenceEqual("symbol"u8) ? 3 : name.SequenceEqual("interval"u8) ? 4 : 0;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                reader.Skip();
                continue;
            }
            switch (key)
            {
                case 1: frame.InstType = InstTypeFromWire(reader.ValueSpan, symbols); break;
                case 2: topic = ChannelFromWire(reader.ValueSpan, symbols); break;
                case 3: symbol = symbols.Get(reader.ValueSpan); break;
                case 4: interval = symbols.Get(reader.ValueSpan); break;
            }
        }
        if (topic is null)
            return;
        frame.Channel = topic == Kline && !string.IsNullOrEmpty(interval) ? CandleChannel(interval) : topic;
        frame.InstId = symbol ?? PrivateScope.All;
    }

    // v3 errors carry no arg: the refused argument is JSON at the start of msg, keys sorted, then " doesn't exist"
    // (captured: {"instType":"usdt-futures","symbol":"NOPEUSDT","topic":"books"} doesn't exist).
    internal override bool TryReadRefusedArg(ref BitgetFrame frame, SymbolTable symbols)
    {
        var message = frame.Message;
        if (string.IsNullOrEmpty(message) || message[0] != '{' || message.Length > 4096)
            return false;
        var bytes = Encoding.UTF8.GetBytes(message);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            var refused = frame;
            ReadArg(ref reader, ref refused, symbols);
            if (reader.TokenType != JsonTokenType.EndObject || refused.Channel is null)
                return false;
            frame.InstType = refused.InstType;
            frame.Channel = refused.Channel;
            frame.InstId = refused.InstId;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override string? ChannelOfName(string name) => name switch
    {
        Kline => null,
        PublicTrade => BitgetChannelNames.Trade,
        Order => BitgetChannelNames.Orders,
        Position => BitgetChannelNames.Positions,
        StrategyOrder => BitgetChannelNames.OrdersAlgo,
        _ => name,
    };

    private static string TopicToWire(string channel) => channel switch
    {
        BitgetChannelNames.Trade => PublicTrade,
        BitgetChannelNames.Orders => Order,
        BitgetChannelNames.Positions => Position,
        BitgetChannelNames.OrdersAlgo => StrategyOrder,
        _ => channel,
    };

    private static string ChannelFromWire(ReadOnlySpan<byte> topic, SymbolTable symbols)
    {
        if (topic.SequenceEqual("ticker"u8)) return BitgetChannelNames.Ticker;
        if (topic.SequenceEqual("kline"u8)) return Kline;
        if (topic.StartsWith("books"u8))
        {
            if (topic.Length == 5) return BitgetChannelNames.Books;
            if (topic.SequenceEqual("books1"u8)) return BitgetChannelNames.Books1;
            if (topic.SequenceEqual("books5"u8)) return BitgetChannelNames.Books5;
            if (topic.SequenceEqual("books50"u8)) return BitgetChannelNames.Books50;
        }
        if (topic.SequenceEqual("publicTrade"u8)) return BitgetChannelNames.Trade;
        if (topic.SequenceEqual("order"u8)) return BitgetChannelNames.Orders;
        if (topic.SequenceEqual("position"u8)) return BitgetChannelNames.Positions;
        if (topic.SequenceEqual("strategy-order"u8)) return BitgetChannelNames.OrdersAlgo;
        return symbols.Get(topic);
    }

    // One shared channel string per interval, so a candle push allocates none.
    private static readonly Dictionary<string, string> s_candleChannels =
        CandleIntervals.All.Union(CandleIntervals.Unified).ToDictionary(i => i, i => BitgetChannelNames.CandlePrefix + i, StringComparer.Ordinal);

    private static string CandleChannel(string interval) =>
        s_candleChannels.TryGetValue(interval, out var channel) ? channel : BitgetChannelNames.CandlePrefix + interval;

    /// <summary>The v3 spelling of an instType: lower case, except the private <c>UTA</c>.</summary>
    internal static string InstTypeToWire(string instType) => instType switch
    {
        BitgetInstTypes.UsdtFutures => "usdt-futures",
        BitgetInstTypes.Spot => "spot",
        BitgetInstTypes.CoinFutures => "coin-futures",
        BitgetInstTypes.UsdcFutures => "usdc-futures",
        BitgetInstTypes.Unified => BitgetInstTypes.Unified,
        _ => instType.ToLowerInvariant(),
    };

    // Case-insensitive: a v3 server spells instTypes in lower case, but private data has been seen in upper case.
    // An unknown one is kept as sent, so that an error names exactly what was refused.
    private static string InstTypeFromWire(ReadOnlySpan<byte> value, SymbolTable symbols)
    {
        if (Ascii.EqualsIgnoreCase(value, "usdt-futures"u8)) return BitgetInstTypes.UsdtFutures;
        if (Ascii.EqualsIgnoreCase(value, "spot"u8)) return BitgetInstTypes.Spot;
        if (Ascii.EqualsIgnoreCase(value, "coin-futures"u8)) return BitgetInstTypes.CoinFutures;
        if (Ascii.EqualsIgnoreCase(value, "usdc-futures"u8)) return BitgetInstTypes.UsdcFutures;
        if (Ascii.EqualsIgnoreCase(value, "UTA"u8)) return BitgetInstTypes.Unified;
        return symbols.Get(value);
    }
}
