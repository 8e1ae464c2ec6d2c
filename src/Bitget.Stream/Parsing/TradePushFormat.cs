using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>The <c>trade</c> channel's data.</summary>
internal readonly struct TradePushFormat : IPushFormat<BitgetTrade>
{
    public static bool Handles(string? channel) => channel == BitgetChannelNames.Trade;

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetTrade> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedTradeParser.ParseArray(ref reader, frame.InstType, frame.InstId, receivedAt, output, malformed)
        : TradeParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType), frame.InstId, receivedAt, output, malformed);

    // A trade without its own ts takes the envelope's; with neither it is malformed.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetTrade> output, int first)
    {
        for (var i = first; i < output.Count; i++)
        {
            if (output[i].Timestamp != default)
                continue;
            if (frame.Timestamp is not { } envelopeTs)
                return "trade without ts";
            output[i].Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(envelopeTs);
        }
        return null;
    }
}
