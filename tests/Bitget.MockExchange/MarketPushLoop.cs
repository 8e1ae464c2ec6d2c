using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// The candle and trade pushes of one connection (beside the tickers of <see cref="TickerPushLoop"/>): after a subscribe a
/// snapshot (recent candles, or recent trades), then updates every <see cref="MockExchangeOptions.CandleInterval"/> (the
/// live candle, rolling over every <see cref="MockExchangeOptions.CandlePeriod"/>) or with every new trade. Called from the
/// connection's send loop only.
/// </summary>
internal sealed class MarketPushLoop(MockBitgetExchange exchange, WebSocket ws, PushBudget budget)
{
    private static readonly long IdleTicks = Stopwatch.Frequency / 20;
    private readonly List<Topic> _topics = [];
    private readonly StringBuilder _text = new();

    /// <summary>Whether this loop pushes the channel.</summary>
    public static bool Handles(string channel) => channel == "trade" || channel.StartsWith("candle", StringComparison.Ordinal);

    /// <summary>Starts pushing a topic (after its ack went out): its snapshot goes out with the next pass.</summary>
    public void Activate(string key)
    {
        if (_topics.Exists(t => t.Key == key))
            return;
        var parts = key.Split('/');
        _topics.Add(new Topic(key, parts[0], parts[1], parts[2]));
    }

    /// <summary>Stops pushing a topic.</summary>
    public void Deactivate(string key) => _topics.RemoveAll(t => t.Key == key);

    /// <summary>Sends what is due; returns the ticks until the next push is due (at most 50 ms), or -1 when the connection is being dropped.</summary>
    public async ValueTask<long> PushDueAsync(CancellationToken ct)
    {
        var options = exchange.Options;
        if (!options.SendData || _topics.Count == 0)
            return IdleTicks;
        var now = Stopwatch.GetTimestamp();
        var nextDue = now + IdleTicks;
        foreach (var t in _topics)
        {
            if (options.SilentTopics.Count > 0 && options.SilentTopics.Contains(t.Key))
                continue;
            if (t.Due <= now)
            {
                if (!await PushAsync(t, options, ct).ConfigureAwait(false))
                    return -1;
                var interval = t.Channel == "trade" ? options.TradeInterval : options.CandleInterval;
                t.Due = now + Math.Max(1, (long)(interval.TotalSeconds * Stopwatch.Frequency));
            }
            nextDue = Math.Min(nextDue, t.Due);
        }
        return Math.Max(0, nextDue - Stopwatch.GetTimestamp());
    }

    private async ValueTask<bool> PushAsync(Topic t, MockExchangeOptions options, CancellationToken ct)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)options.ClockOffset.TotalMilliseconds;
        var snapshot = !t.Started;
        t.Started = true;
        if (t.Channel == "trade")
        {
            var intervalMs = Math.Max(1, (long)options.TradeInterval.TotalMilliseconds);
            var latest = nowMs / intervalMs;
            var size = Math.Max(1, options.TradeSnapshotSize);
            if (snapshot)
            {
                t.LastTrade = latest;
                return await SendTradesAsync(t, "snapshot", latest - size + 1, latest, intervalMs, nowMs, ct).ConfigureAwait(false);
            }
            if (latest <= t.LastTrade)
                return true;
            var first = t.LastTrade + 1;
            t.LastTrade = latest;
            if (!await SendTradesAsync(t, "update", first, latest, intervalMs, nowMs, ct).ConfigureAwait(false))
                return false;
            return !options.RepeatTradeSnapshots
                || await SendTradesAsync(t, "snapshot", latest - size + 1, latest, intervalMs, nowMs, ct).ConfigureAwait(false);
        }

        var periodMs = Math.Max(1, (long)(options.CandlePeriod ?? MarketGenerator.IntervalOf(t.Channel)).TotalMilliseconds);
        var p = nowMs / periodMs;
        _text.Clear();
        MarketGenerator.BeginPush(_text, snapshot ? "snapshot" : "update", t.InstType, t.Channel, t.InstId);
        var from = snapshot ? p - Math.Max(0, options.CandleHistory) : p;
        for (var q = from; q <= p; q++)
        {
            if (q != from)
                _text.Append(',');
            MarketGenerator.WriteCandleRow(_text, t.InstId, q, periodMs, nowMs);
        }
        MarketGenerator.EndPush(_text, nowMs);
        return await SendAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask<bool> SendTradesAsync(Topic t, string action, long first, long last, long intervalMs, long nowMs, CancellationToken ct)
    {
        _text.Clear();
        MarketGenerator.BeginPush(_text, action, t.InstType, t.Channel, t.InstId);
        MarketGenerator.WriteTrades(_text, first, last, intervalMs);
        MarketGenerator.EndPush(_text, nowMs);
        return await SendAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask<bool> SendAsync(CancellationToken ct)
    {
        if (budget.Take(1) == 0)
            return false;
        await ws.SendAsync(Encoding.UTF8.GetBytes(_text.ToString()), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        budget.Count(1);
        return true;
    }

    private sealed class Topic(string key, string instType, string channel, string instId)
    {
        public string Key { get; } = key;
        public string InstType { get; } = instType;
        public string Channel { get; } = channel;
        public string InstId { get; } = instId;
        public bool Started { get; set; }
        public long LastTrade { get; set; }
        public long Due { get; set; }
    }
}
