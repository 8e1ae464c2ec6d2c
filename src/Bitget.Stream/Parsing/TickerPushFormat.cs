using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>The <c>ticker</c> channel's data.</summary>
internal readonly struct TickerPushFormat : IPushFormat<BitgetTicker>
{
    public static bool Handles(string? channel) => ReferenceEquals(channel, BitgetChannelNames.Ticker);

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetTicker> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedTickerParser.ParseArray(ref reader, frame.InstType, frame.InstId, receivedAt, output, malformed)
        : TickerParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType), frame.InstId, receivedAt, symbols, output, malformed);

    // A ticker without its own ts takes the envelope's; with neither it is malformed.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetTicker> output, int first)
    {
        for (var i = first; i < output.Count; i++)
        {
            if (output[i].Timestamp != default)
                continue;
            if (frame.Timestamp is not { } envelopeTs)
                return "ticker without ts";
            output[i].Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(envelopeTs);
        }
        return null;
    }
}
