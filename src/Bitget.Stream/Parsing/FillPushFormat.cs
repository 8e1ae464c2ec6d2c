using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// The private <c>fill</c> channel's data: v2's fields, or on a Unified session those of v3's <c>fill</c> and
/// <c>fast-fill</c> topics (<see cref="Unified.UnifiedFillParser"/>; a fast fill's data may be one object).
/// </summary>
internal readonly struct FillPushFormat : IPushFormat<BitgetFill>
{
    public static bool Handles(string? channel) => channel is BitgetChannelNames.Fill or BitgetChannelNames.FastFill;

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetFill> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedFillParser.Parse(ref reader, frame.InstType ?? BitgetInstTypes.Unified, ChannelOf(in frame), receivedAt, output, malformed)
        : FillParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType) ?? "", receivedAt, output, malformed);

    // The action may follow the data in the envelope. The v2 parser leaves the channel to this.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetFill> output, int first)
    {
        var action = frame.Action ?? "";
        var channel = ChannelOf(in frame);
        for (var i = first; i < output.Count; i++)
        {
            output[i].Action = action;
            if (output[i].Channel.Length == 0)
                output[i].Channel = channel;
        }
        return null;
    }

    // The shared constant rather than the frame's own string for the same name.
    private static string ChannelOf(ref readonly BitgetFrame frame) =>
        frame.Channel == BitgetChannelNames.FastFill ? BitgetChannelNames.FastFill : BitgetChannelNames.Fill;
}
