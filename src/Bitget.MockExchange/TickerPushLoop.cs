using System.Diagnostics;
using System.Net.WebSockets;

namespace Bitget.MockExchange;

/// <summary>
/// The push side of one connection: which ticker topics it pushes, what each push carries (generated values, timestamps,
/// repeats, replays) and when (every <see cref="MockExchangeOptions.TickerInterval"/>). Benchmark modes are handed to a
/// <see cref="BenchmarkPushLoop"/>. Called from the connection's send loop only, between its control replies.
/// </summary>
internal sealed class TickerPushLoop(MockBitgetExchange exchange, WebSocket ws, PushBudget budget, BenchmarkPushLoop? benchmark)
{
    private static readonly long IdleTicks = Stopwatch.Frequency / 20; // 50 ms: re-read options while idle
    private static readonly long SlackTicks = Stopwatch.Frequency / 1000; // pushes due within 1 ms go in the same pass

    private readonly List<PushTopic> _topics = [];
    private readonly ByteWriter _frame = new(2048);
    private int _version;

    /// <summary>Starts pushing a ticker topic (after its ack went out); a second subscribe of it changes nothing.</summary>
    public void Activate(string key, TickerGenerator.Topic topic)
    {
        if (!_topics.Exists(t => t.Key == key))
        {
            _topics.Add(new PushTopic(key, topic) { Due = Stopwatch.GetTimestamp() });
            _version++;
        }
    }

    /// <summary>Stops pushing a topic.</summary>
    public void Deactivate(string key)
    {
        if (_topics.RemoveAll(t => t.Key == key) > 0)
        {
            _version++;
        }
    }

    /// <summary>
    /// Sends again the push of a topic from two pushes before its latest, with a new envelope ts. False when the topic is not
    /// pushed here, has had fewer than three pushes, or the push limit is reached.
    /// </summary>
    public async ValueTask<bool> ReplayStaleAsync(string key, CancellationToken ct)
    {
        var topic = _topics.Find(t => t.Key == key);
        var old = topic?.History.Back(2);
        if (topic is null || old is null)
        {
            return false;
        }

        var options = exchange.Options;
        return await SendAsync(topic, old, options.EnvelopeTimestamp, options.ClockOffset, ct).ConfigureAwait(false);
    }

    /// <summary>Stops what runs beside the send loop (the even-rate thread).</summary>
    public Task StopAsync() => benchmark?.StopAsync() ?? Task.CompletedTask;

    /// <summary>
    /// Sends the pushes due now. Returns the ticks until the next is due (0 = go on at once, at most 50 ms so that option
    /// changes take effect), or -1 when the connection is being dropped (DropAfterPushes).
    /// </summary>
    public async ValueTask<long> PushDueAsync(CancellationToken ct)
    {
        var options = exchange.Options;
        if (!options.SendData || _topics.Count == 0)
        {
            await StopAsync().ConfigureAwait(false);
            return IdleTicks;
        }

        if (benchmark is not null)
        {
            if (BenchmarkPushLoop.IsOn(options))
            {
                return await benchmark.PushAsync(options, _topics, _version, ct).ConfigureAwait(false);
            }

            await benchmark.StopAsync().ConfigureAwait(false);
        }

        var interval = options.TickerInterval;
        var intervalTicks = interval <= TimeSpan.Zero ? 0 : (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var now = Stopwatch.GetTimestamp();
        var nextDue = long.MaxValue;
        var overrides = exchange.OverridesSnapshot;
        foreach (var t in _topics)
        {
            if (t.Due <= now + SlackTicks)
            {
                if (options.SilentTopics.Count > 0 && options.SilentTopics.Contains(t.Key))
                {
                    // Acknowledged but silent, like a real symbol under the wrong instType on the real server.
                    t.Due = now + Math.Max(intervalTicks, SlackTicks);
                }
                else
                {
                    TickerGenerator.Overrides? o = null;
                    overrides?.TryGetValue(t.OverrideKey, out o);
                    if (!await PushAsync(t, options, o, ct).ConfigureAwait(false))
                    {
                        return -1;
                    }

                    t.Due = intervalTicks == 0 ? now : Math.Max(t.Due, now - intervalTicks) + intervalTicks;
                }
            }

            nextDue = Math.Min(nextDue, t.Due);
        }

        if (intervalTicks == 0)
        {
            return 0;
        }

        var wait = Math.Min(IdleTicks, nextDue - Stopwatch.GetTimestamp());
        return wait <= SlackTicks ? 0 : wait;
    }

    /// <summary>
    /// Sends push number N of a topic, then <see cref="MockExchangeOptions.RepeatPushes"/> identical copies with new envelope
    /// timestamps, and remembers it for a replay. False when the push limit is reached.
    /// </summary>
    private async ValueTask<bool> PushAsync(PushTopic t, MockExchangeOptions options, TickerGenerator.Overrides? o, CancellationToken ct)
    {
        var offset = options.ClockOffset;
        var mode = options.EnvelopeTimestamp;
        var sent = new PushClock.Sent(t.N, PushClock.NowMs(offset) - Math.Max(0, options.DataTimestampLagMs), o);
        var copies = 1 + Math.Max(0, options.RepeatPushes);
        for (var i = 0; i < copies; i++)
        {
            if (!await SendAsync(t, sent, mode, offset, ct).ConfigureAwait(false))
            {
                return false;
            }
        }

        t.History.Add(sent);
        t.N++;
        return true;
    }

    /// <summary>Writes one push of <paramref name="sent"/>'s data with a fresh envelope ts; false when the push limit is reached.</summary>
    private async ValueTask<bool> SendAsync(PushTopic t, PushClock.Sent sent, EnvelopeTimestampMode mode, TimeSpan offset, CancellationToken ct)
    {
        if (budget.Take(1) == 0)
        {
            return false;
        }

        _frame.Clear();
        TickerGenerator.WriteFrame(_frame, t.Topic, sent.N, sent.DataMs, t.Clock.Envelope(mode, offset, sent.DataMs), sent.Overrides);
        await ws.SendAsync(_frame.WrittenMemory, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        budget.Count(1);
        return true;
    }
}
