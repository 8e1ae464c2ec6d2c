using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Protocol;

/// <summary>
/// The v2 (Classic) wire: <c>{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"}</c>; the private
/// account channel names its scope <c>coin</c>. Internal topics are v2 topics, so this dialect maps nothing.
/// </summary>
internal sealed class ClassicWireDialect : WireDialect
{
    private static readonly Uri s_public = new("wss://ws.bitget.com/v2/ws/public");
    private static readonly Uri s_demoPublic = new("wss://wspap.bitget.com/v2/ws/public");
    private static readonly Uri s_private = new("wss://ws.bitget.com/v2/ws/private");
    private static readonly Uri s_demoPrivate = new("wss://wspap.bitget.com/v2/ws/private");

    public override BitgetApi Api => BitgetApi.Classic;

    // v2 takes as many as fit in 4096 bytes (60 observed); the session's own setting (30 by default) decides.
    public override int MaxArgsPerRequest => 1000;

    public override Uri PublicEndpoint(bool demo) => demo ? s_demoPublic : s_public;

    public override Uri PrivateEndpoint(bool demo) => demo ? s_demoPrivate : s_private;

    public override void WriteArg(Utf8JsonWriter writer, BitgetTopic topic)
    {
        writer.WriteStartObject();
        writer.WriteString("instType"u8, topic.InstType);
        writer.WriteString("channel"u8, topic.Channel);
        writer.WriteString(topic.Channel == BitgetChannelNames.Account ? "coin"u8 : "instId"u8, topic.InstId);
        writer.WriteEndObject();
    }

    internal override void ReadArg(ref Utf8JsonReader reader, ref BitgetFrame frame, SymbolTable symbols)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!NextString(ref reader, out var name, out var value))
                continue;
            if (name.SequenceEqual("instType"u8))
                frame.InstType = InstTypeFromWire(value, symbols);
            else if (name.SequenceEqual("channel"u8))
                frame.Channel = ChannelFromWire(value, symbols);
            else if (name.SequenceEqual("instId"u8) || name.SequenceEqual("coin"u8))
                frame.InstId = symbols.Get(value); // private "coin" channels (account) name their scope with coin
        }
    }

    // The channels parsed most get their shared constant without a symbol table lookup; candle channels and others go
    // through the table (still one shared string each).
    private static string ChannelFromWire(ReadOnlySpan<byte> value, SymbolTable symbols)
    {
        if (value.SequenceEqual("ticker"u8)) return BitgetChannelNames.Ticker;
        if (value.StartsWith("books"u8))
        {
            if (value.Length == 5) return BitgetChannelNames.Books;
            if (value.SequenceEqual("books15"u8)) return BitgetChannelNames.Books15;
            if (value.SequenceEqual("books5"u8)) return BitgetChannelNames.Books5;
            if (value.SequenceEqual("books1"u8)) return BitgetChannelNames.Books1;
        }
        return symbols.Get(value);
    }

    // The wire spelling is kept as sent: an error event must name exactly the topic that was refused (a refused "mc" is
    // not the valid USDT-FUTURES topic).
    private static string InstTypeFromWire(ReadOnlySpan<byte> value, SymbolTable symbols)
    {
        if (value.SequenceEqual("USDT-FUTURES"u8)) return BitgetInstTypes.UsdtFutures;
        if (value.SequenceEqual("SPOT"u8)) return BitgetInstTypes.Spot;
        if (value.SequenceEqual("COIN-FUTURES"u8)) return BitgetInstTypes.CoinFutures;
        if (value.SequenceEqual("USDC-FUTURES"u8)) return BitgetInstTypes.UsdcFutures;
        return symbols.Get(value);
    }
}
