using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// What the candle handler remembers of one topic, across its resubscribes: the live candle last delivered and the
/// newest candle delivered closed, so that a snapshot after a reconnect adds only what was missed. State of the
/// receive thread of the topic's connection.
/// </summary>
internal sealed class CandleState
{
    /// <summary>Whether any push of the topic was delivered (the first snapshot's past candles are history).</summary>
    public bool Started;

    /// <summary>The subscription generation of the last push (a new one starts with a snapshot that overlaps).</summary>
    public int Generation = -1;

    /// <summary>The live candle last delivered (never changed: a closed copy is made when it closes).</summary>
    public BitgetCandle? Current;

    /// <summary>Open time (ms) of the newest candle delivered closed; long.MinValue before any.</summary>
    public long LastClosedMs = long.MinValue;
}
