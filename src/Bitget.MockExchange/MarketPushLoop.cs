using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// The candle, trade and liquidation pushes of one connection (beside the tickers of <see cref="TickerPushLoop"/>), on either
/// API: after a subscribe a snapshot (recent candles, or recent trades), then updates every
/// <see cref="MockExchangeOptions.CandleInterval"/> (the live candle, rolling over every <see cref="MockExchangeOptions.CandlePeriod"/>)
/// or with every new trade or liquidation (v3 <c>liquidation</c>: updates only). Called from the connection's send loop only.
/// </summary>
internal sealed class MarketPushLoop(MockBitgetExchange exchange, WebSocket ws, PushBudget budget)
{
    private static readonly long IdleTicks = Stopwatch.Frequency / 20;
    private readonly List<Topic> _topics = [];
    private readonly StringBuilder _text = new();

    /// <summary>Starts pushing a topic (after its ack went out): its snapshot goes out with the next pass.</summary>
    public void Activate(TopicArg arg)
    {
        if (_topics.Exists(t => t.Key == arg.Key))
            return;
        _topics.Add(new Topic(arg));
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
                var interval = t.Kind switch
                {
                    EventKind.Trade => options.TradeInterval,
                    EventKind.Liquidation => options.LiquidationInterval,
                    _ => options.CandleInterval,
                };
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
        if (t.Kind != EventKind.Candle)
        {
            var trades = t.Kind == EventKind.Trade;
            var intervalMs = Math.Max(1, (long)(trades ? options.TradeInterval : options.LiquidationInterval).TotalMilliseconds);
            var latest = nowMs / intervalMs;
            var size = Math.Max(1, options.TradeSnapshotSize);
            if (snapshot)
            {
                // Liquidations have no snapshot: the first push is the next one that happens.
                t.LastEvent = latest;
                return !trades || await SendEventsAsync(t, "snapshot", latest - size + 1, latest, intervalMs, nowMs, ct).ConfigureAwait(false);
            }
            if (latest <= t.LastEvent)
                return true;
            var first = t.LastEvent + 1;
            t.LastEvent = latest;
            if (!await SendEventsAsync(t, "update", first, latest, intervalMs, nowMs, ct).ConfigureAwait(false))
                return false;
            return !trades || !options.RepeatTradeSnapshots
                || await SendEventsAsync(t, "snapshot", latest - size + 1, latest, intervalMs, nowMs, ct).ConfigureAwait(false);
        }

        var calendar = CandleCalendar.For(t.Arg, options.CandlePeriod);
        var p = calendar.IndexAt(nowMs);
        _text.Clear();
        _text.Append(snapshot ? t.SnapshotStart : t.UpdateStart);
        var from = snapshot ? p - Math.Max(0, options.CandleHistory) : p;
        for (var q = from; q <= p; q++)
        {
            if (q != from)
                _text.Append(',');
            MarketGenerator.WriteCandleRow(_text, t.Arg, calendar.StartMs(q), calendar.StartMs(q + 1), nowMs);
        }
        MarketGenerator.EndPush(_text, nowMs);
        return await SendAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask<bool> SendEventsAsync(Topic t, string action, long first, long last, long intervalMs, long nowMs, CancellationToken ct)
    {
        _text.Clear();
        _text.Append(action == "snapshot" ? t.SnapshotStart : t.UpdateStart);
        if (t.Kind == EventKind.Trade)
            MarketGenerator.WriteTrades(_text, t.Arg, first, last, intervalMs);
        else
            MarketGenerator.WriteLiquidations(_text, t.Arg.InstType, first, last, intervalMs);
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

    private enum EventKind
    {
        Candle,
        Trade,
        Liquidation,
    }

    private sealed class Topic(TopicArg arg)
    {
        public TopicArg Arg { get; } = arg;
        public string Key => Arg.Key;
        public EventKind Kind { get; } = arg.Channel switch
        {
            "trade" or "publicTrade" => EventKind.Trade,
            "liquidation" => EventKind.Liquidation,
            _ => EventKind.Candle,
        };
        public string SnapshotStart { get; } = arg.EnvelopeStart("snapshot");
        public string UpdateStart { get; } = arg.EnvelopeStart("update");
        public bool Started { get; set; }
        public long LastEvent { get; set; }
        public long Due { get; set; }
    }
}
