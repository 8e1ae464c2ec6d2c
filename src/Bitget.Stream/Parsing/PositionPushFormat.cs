using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// The private <c>positions</c> and <c>positions-history</c> channel's data: v2's fields, or on a Unified session those of
/// v3's <c>position</c> topic (<see cref="Unified.UnifiedPositionParser"/>).
/// </summary>
internal readonly struct PositionPushFormat : IPushFormat<BitgetPosition>
{
    public static bool Handles(string? channel) => channel is BitgetChannelNames.Positions or BitgetChannelNames.PositionsHistory;

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetPosition> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedPositionParser.ParseArray(ref reader, frame.InstType ?? BitgetInstTypes.Unified, frame.Channel!, receivedAt, output, malformed)
        : PositionParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType) ?? "", frame.Channel!, receivedAt, output, malformed);

    // The action may follow the data in the envelope.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetPosition> output, int first)
    {
        var action = frame.Action ?? "";
        for (var i = first; i < output.Count; i++)
            output[i].Action = action;
        return null;
    }
}
