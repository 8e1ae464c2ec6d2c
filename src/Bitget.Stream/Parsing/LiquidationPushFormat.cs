using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing;

/// <summary>The v3 <c>liquidation</c> channel's data (Unified API only).</summary>
internal readonly struct LiquidationPushFormat : IPushFormat<BitgetLiquidation>
{
    public static bool Handles(string? channel) => channel == BitgetChannelNames.Liquidation;

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetLiquidation> output, MalformedFields malformed) =>
        Unified.UnifiedLiquidationParser.ParseArray(ref reader, frame.InstType, receivedAt, symbols, output, malformed);

    // An item without its own ts takes the envelope's; with neither it is malformed.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetLiquidation> output, int first)
    {
        for (var i = first; i < output.Count; i++)
        {
            if (output[i].Timestamp != default)
                continue;
            if (frame.Timestamp is not { } envelopeTs)
                return "liquidation without ts";
            output[i].Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(envelopeTs);
        }
        return null;
    }
}
