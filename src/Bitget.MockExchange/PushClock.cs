namespace Bitget.MockExchange;

/// <summary>
/// The timestamps of one topic's pushes on one connection: the envelope <c>ts</c> of each push (with
/// <see cref="EnvelopeTimestampMode.SendTime"/> later than the data's <c>ts</c> and than the topic's previous envelope, so
/// that it differs on every push, repeats included) and the pushes already sent, for a replay of an old one.
/// </summary>
internal sealed class PushClock
{
    private long _lastEnvelopeMs = long.MinValue;
    private TimeSpan _lastOffset;

    /// <summary>The mock's clock: Unix ms now, plus <see cref="MockExchangeOptions.ClockOffset"/>.</summary>
    public static long NowMs(TimeSpan offset) => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)offset.TotalMilliseconds;

    /// <summary>The envelope ts of a push sent now whose data ts is <paramref name="dataMs"/>.</summary>
    public long Envelope(EnvelopeTimestampMode mode, TimeSpan offset, long dataMs)
    {
        if (mode == EnvelopeTimestampMode.SameAsData)
        {
            return dataMs;
        }

        var ms = Math.Max(NowMs(offset), dataMs + 1);
        if (offset == _lastOffset && _lastEnvelopeMs != long.MinValue)
        {
            // Pushes of one topic within one ms (repeats, a replay) still get distinct envelopes; a clock step (a new offset)
            // may go back, which is the point of it.
            ms = Math.Max(ms, _lastEnvelopeMs + 1);
        }

        _lastEnvelopeMs = ms;
        _lastOffset = offset;
        return ms;
    }

    /// <summary>What a push carried apart from its envelope: push number, data ts and the SetTicker overrides in force.</summary>
    public sealed record Sent(long N, long DataMs, TickerGenerator.Overrides? Overrides);

    /// <summary>The last three pushes of a topic, oldest first.</summary>
    public sealed class History
    {
        private readonly Sent?[] _ring = new Sent?[3];
        private int _count;

        public void Add(Sent sent)
        {
            _ring[_count % _ring.Length] = sent;
            _count++;
        }

        /// <summary>The push sent <paramref name="back"/> pushes before the latest one (0 = the latest); null when there was none.</summary>
        public Sent? Back(int back) =>
            back < 0 || back >= _ring.Length || back >= _count ? null : _ring[(_count - 1 - back) % _ring.Length];
    }
}
