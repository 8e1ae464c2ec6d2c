using System.Buffers;
using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of an order book push (<c>books</c>, <c>books1</c>, <c>books5</c>, <c>books15</c>, v3's
/// <c>books50</c>) into <see cref="BitgetOrderBook"/> objects, straight from the UTF-8 bytes: <c>asks</c>/<c>bids</c>
/// (v3: <c>a</c>/<c>b</c>) as arrays of
/// <c>[price, size]</c> strings, <c>checksum</c>, <c>seq</c>, <c>pseq</c> (numbers or strings, read as 64-bit
/// integers, never via double) and <c>ts</c>. Levels are gathered in a stack buffer and copied once into an array
/// of exactly the right length, so a push allocates the book and its two level arrays and nothing else. Use
/// <see cref="BitgetFrameParser.ParseOrderBooks"/> for a whole frame.
/// </summary>
public static class OrderBookParser
{
    // books15 has 15 levels a side; full-depth snapshots go past this into a pooled array.
    private const int StackLevels = 32;

    /// <summary>
    /// Parses the array the reader stands on (its <c>StartArray</c> token) and appends one book per item
    /// (Bitget sends one).
    /// </summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="instId">The push's <c>arg.instId</c>: books carry no symbol of their own.</param>
    /// <param name="channel">The push's channel, e.g. <c>books15</c>.</param>
    /// <param name="action">The push's <c>action</c> if already read; the frame parser fills it in otherwise.</param>
    /// <param name="receivedAt">Receipt time stamped on every book.</param>
    /// <param name="output">Receives the books.</param>
    /// <param name="malformed">Notes a malformed <c>ts</c>, left empty (null: not noted).</param>
    /// <returns>Null on success, else why the data is unusable (the caller drops what was appended). What keeps a
    /// local book true is never guessed: a malformed level, <c>seq</c>, <c>pseq</c> or <c>checksum</c> makes the frame
    /// bad, and the book resyncs on the gap. A book without a usable <c>ts</c> is left with a default
    /// <see cref="BitgetOrderBook.Timestamp"/> for the caller to fill from the envelope.</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? instId, string? channel,
        string? action, DateTimeOffset receivedAt, List<BitgetOrderBook> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "order book data is not an array";
        if (string.IsNullOrEmpty(instId))
            return "order book without instId";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "order book data item is not an object";
            var book = new BitgetOrderBook
            {
                Symbol = instId, InstType = instType ?? "", Channel = channel ?? "", Action = action ?? "", ReceivedAt = receivedAt,
            };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                // v3 names the sides a and b (spec §2.3); everything else is the same on both APIs.
                if (name.SequenceEqual("asks"u8) || name.SequenceEqual("a"u8))
                {
                    if (ReadLevels(ref reader, "asks", out var asks) is { } error)
                        return error;
                    book.Asks = asks;
                }
                else if (name.SequenceEqual("bids"u8) || name.SequenceEqual("b"u8))
                {
                    if (ReadLevels(ref reader, "bids", out var bids) is { } error)
                        return error;
                    book.Bids = bids;
                }
                else if (name.SequenceEqual("ts"u8))
                {
                    if (!TickerParser.TryReadTime(ref reader, out var ts))
                        TickerParser.Malformed(ref reader, malformed, "ts");
                    book.Timestamp = ts ?? default;
                }
                else if (name.SequenceEqual("seq"u8))
                {
                    long? seq = null;
                    if (reader.TokenType != JsonTokenType.Null && !TickerParser.TryReadMillis(ref reader, out seq))
                        return "malformed seq";
                    book.Sequence = seq;
                }
                else if (name.SequenceEqual("pseq"u8))
                {
                    long? pseq = null;
                    if (reader.TokenType != JsonTokenType.Null && !TickerParser.TryReadMillis(ref reader, out pseq))
                        return "malformed pseq";
                    book.PreviousSequence = pseq;
                }
                else if (name.SequenceEqual("checksum"u8))
                {
                    if (reader.TokenType == JsonTokenType.Null)
                        continue;
                    // A CRC-32 compared as signed 32 bits; an unsigned rendering of the same CRC is accepted and wrapped.
                    if (!TickerParser.TryReadMillis(ref reader, out var checksum) || checksum is < int.MinValue or > uint.MaxValue)
                        return "malformed checksum";
                    book.Checksum = checksum is null ? null : unchecked((int)checksum.Value);
                }
                else
                    reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated order book item";
            output.Add(book);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated order book data";
    }

    private static string? ReadLevels(ref Utf8JsonReader reader, string side, out BitgetBookLevel[] levels)
    {
        levels = [];
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartArray)
            return $"{side} is not an array";
        Span<BitgetBookLevel> buffer = stackalloc BitgetBookLevel[StackLevels];
        BitgetBookLevel[]? rented = null;
        try
        {
            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                    return $"malformed {side} level";
                if (!reader.Read() || !TryReadLevelValue(ref reader, out var price))
                    return $"malformed {side} price";
                if (!reader.Read() || !TryReadLevelValue(ref reader, out var size))
                    return $"malformed {side} size";
                // Items past [price, size] (some exchanges send order counts) are ignored.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    reader.Skip();
                if (reader.TokenType != JsonTokenType.EndArray)
                    return $"truncated {side} level";
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<BitgetBookLevel>.Shared.Rent(buffer.Length * 2);
                    buffer.CopyTo(larger);
                    if (rented is not null)
                        ArrayPool<BitgetBookLevel>.Shared.Return(rented);
                    rented = larger;
                    buffer = larger;
                }
                buffer[count++] = new BitgetBookLevel(price, size);
            }
            if (reader.TokenType != JsonTokenType.EndArray)
                return $"truncated {side}";
            levels = count == 0 ? [] : buffer[..count].ToArray();
            return null;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<BitgetBookLevel>.Shared.Return(rented);
        }
    }

    // A level without a price or size is meaningless: unlike ticker fields, empty or null is malformed here.
    // Reads the decimal directly (no nullable round trip): a books15 push has 60 of these.
    private static bool TryReadLevelValue(ref Utf8JsonReader reader, out decimal value)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.ValueIsEscaped)
            return Utf8Decimal.TryParse(reader.ValueSpan, out value);
        value = 0;
        if (!TickerParser.TryReadDecimal(ref reader, out var parsed) || parsed is null)
            return false;
        value = parsed.Value;
        return true;
    }
}
