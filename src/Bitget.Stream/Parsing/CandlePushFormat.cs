using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>The <c>candle&lt;interval&gt;</c> channels' data.</summary>
internal readonly struct CandlePushFormat : IPushFormat<BitgetCandle>
{
    public static bool Handles(string? channel) => BitgetChannelNames.IsCandle(channel);

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetCandle> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedCandleParser.ParseArray(ref reader, frame.InstType, frame.InstId, frame.Channel, receivedAt, output, malformed)
        : CandleParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType), frame.InstId, frame.Channel, receivedAt, output, malformed);

    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetCandle> output, int first) => null;
}
