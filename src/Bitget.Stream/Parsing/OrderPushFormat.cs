using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// The private <c>orders</c> and <c>orders-algo</c> channel's data: v2's fields, or on a Unified session those of v3's
/// <c>order</c> and <c>strategy-order</c> topics (<see cref="Unified.UnifiedOrderParser"/>).
/// </summary>
internal readonly struct OrderPushFormat : IPushFormat<BitgetOrder>
{
    public static bool Handles(string? channel) => channel is BitgetChannelNames.Orders or BitgetChannelNames.OrdersAlgo;

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetOrder> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedOrderParser.ParseArray(ref reader, frame.InstType ?? BitgetInstTypes.Unified, frame.Channel!, receivedAt, output, malformed)
        : OrderParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType) ?? "", frame.Channel!, frame.InstId, receivedAt, output, malformed);

    // The action may follow the data in the envelope.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetOrder> output, int first)
    {
        var action = frame.Action ?? "";
        for (var i = first; i < output.Count; i++)
            output[i].Action = action;
        return null;
    }
}
