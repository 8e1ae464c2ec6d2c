using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>The <c>books</c>, <c>books1</c>, <c>books5</c> and <c>books15</c> channels' data.</summary>
internal readonly struct OrderBookPushFormat : IPushFormat<BitgetOrderBook>
{
    public static bool Handles(string? channel) => BitgetChannelNames.IsOrderBook(channel);

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetOrderBook> output, MalformedFields malformed) =>
        OrderBookParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType), frame.InstId, frame.Channel,
            frame.Action, receivedAt, output, malformed);

    // action may follow data on the wire (v3 and some private pushes put it last); ts may only be on the envelope.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetOrderBook> output, int first)
    {
        for (var i = first; i < output.Count; i++)
        {
            var book = output[i];
            if (book.Action.Length == 0 && frame.Action is not null)
                book.Action = frame.Action;
            if (book.Timestamp != default)
                continue;
            if (frame.Timestamp is not { } envelopeTs)
                return "order book without ts";
            book.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(envelopeTs);
        }
        return null;
    }
}
