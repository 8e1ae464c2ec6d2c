using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Notices = System.Collections.Generic.List<(System.Collections.Generic.IReadOnlyCollection<Bitget.Stream.Models.BitgetTopic> Topics, Bitget.Stream.Models.BitgetNotice Notice)>;

namespace Bitget.Stream.Session;

/// <summary>
/// Takes topics in and out (owners in the registry, shards from the pool), sends the requests through each
/// connection's pacer, and watches every topic: a request that could not be queued is sent again, an
/// unacknowledged one once more and then reported, a silent topic is resubscribed and then reported as stale.
/// Server error events end up here. <see cref="Resync"/> asks the server for a fresh snapshot of a topic.
/// </summary>
internal sealed class SubscriptionMonitor(BitgetSessionOptions options, SubscriptionRegistry registry, FeedHub hub)
{
    // Decisions about what the server should carry (the registry's) and the requests that carry them out are made under
    // this one lock: two threads never queue a topic's subscribe and unsubscribe in the opposite order of their decisions.
    private readonly object _order = new();
    private ShardPool _pool = null!;
    private Func<int, IRequestQueue?> _queueOf = null!;

    /// <summary>
    /// Connects the monitor to the pool (they refer to each other); requests go to each shard's live connection, or to
    /// <paramref name="queues"/> (a test's recorder).
    /// </summary>
    public void Attach(ShardPool pool, Func<int, IRequestQueue?>? queues = null)
    {
        _pool = pool;
        _queueOf = queues ?? pool.ConnectionOf;
    }

    /// <summary>Adds an owner to the topics and subscribes those that were not wanted yet.</summary>
    /// <exception cref="BitgetConnectionLimitException">
    /// The new connections would exceed the process's limit: nothing was added (what the owner held before it still holds)
    /// and no connection was opened.
    /// </exception>
    public void Acquire(IReadOnlyCollection<BitgetTopic> topics, object owner, CancellationToken sessionStop)
    {
        Notices? notices = null;
        lock (_order)
        {
            var added = new List<BitgetTopic>();
            var toSend = registry.Acquire(topics, owner, added);
            if (toSend.Count == 0)
                return;
            List<(ConnectionShard Shard, List<BitgetTopic> Topics)> groups;
            try
            {
                groups = _pool.Assign(toSend, sessionStop);
            }
            catch (BitgetConnectionLimitException)
            {
                // Only what this request added: topics the owner held before stay held.
                registry.Release(added, owner);
                throw;
            }
            foreach (var (shard, group) in groups)
                Send(shard.Index, OutboundMessageKind.Subscribe, group, ref notices, pendingOnly: true);
        }
        Tell(notices);
    }

    /// <summary>Removes an owner from the topics; unsubscribes those nobody wants any more.</summary>
    public void Release(IEnumerable<BitgetTopic> topics, object owner)
    {
        Notices? notices = null;
        lock (_order)
        {
            var toDrop = registry.Release(topics, owner);
            if (toDrop.Count == 0)
                return;
            foreach (var group in toDrop.GroupBy(d => d.Shard))
                Send(group.Key, OutboundMessageKind.Unsubscribe, group.Select(d => d.Topic).ToList(), ref notices);
        }
        // Stopping a shard runs its supervisor's continuations: not under the lock.
        _pool.StopIdleShards();
    }

    /// <summary>A new connection of the shard: every topic it carries is subscribed again, paced.</summary>
    public int Replay(int shard)
    {
        Notices? notices = null;
        int count;
        lock (_order)
        {
            var replay = registry.ResetForShard(shard);
            count = replay.Count;
            if (count > 0)
                Send(shard, OutboundMessageKind.Subscribe, replay, ref notices, pendingOnly: true);
        }
        Tell(notices);
        return count;
    }

    /// <summary>Unsubscribes and subscribes the topic again (through the pacer, in that order): a fresh snapshot.</summary>
    public void Resync(BitgetTopic topic)
    {
        Notices? notices = null;
        lock (_order)
        {
            var shard = registry.ShardOf(topic);
            if (shard < 0)
                return;
            Send(shard, OutboundMessageKind.Unsubscribe, [topic], ref notices);
            Send(shard, OutboundMessageKind.Subscribe, [topic], ref notices);
        }
        Tell(notices);
    }

    /// <summary>
    /// A push for a topic nobody holds, on <paramref name="connection"/>: asks the server to stop sending it, unless
    /// the topic is wanted again by now (its subscribe may already be queued behind). False when nothing was sent.
    /// </summary>
    public bool UnsubscribeUnowned(IRequestQueue connection, BitgetTopic topic)
    {
        lock (_order)
        {
            if (registry.Find(topic) is not null)
                return false;
            foreach (var request in SubscriptionRequestBuilder.BuildMessages(OutboundMessageKind.Unsubscribe, [topic], options.MaxArgsPerRequest, dialect: options.Dialect))
                connection.Enqueue(request);
            return true;
        }
    }

    // Requests on the shard's connection, in order; under _order, so that requests leave in the order they were decided
    // (queuing never blocks). Not connected: subscriptions stay pending and go out with the replay on the shard's next
    // connection. A full send queue: they stay pending and the sweep sends them again. Pending topics are claimed
    // (pending -> requested) before they go, so a topic is never subscribed twice by the replay and the sweep racing; a
    // resend or a resubscribe sends topics that are no longer pending.
    private void Send(int shard, OutboundMessageKind kind, List<BitgetTopic> topics, ref Notices? notices, bool pendingOnly = false)
    {
        var connection = _queueOf(shard);
        if (connection is null)
            return;
        if (pendingOnly)
        {
            topics = registry.ClaimPending(topics);
            if (topics.Count == 0)
                return;
        }
        else if (kind == OutboundMessageKind.Subscribe)
            registry.MarkRequested(topics);
        var requests = SubscriptionRequestBuilder.BuildMessages(kind, topics, options.MaxArgsPerRequest, dialect: options.Dialect);
        for (var i = 0; i < requests.Count; i++)
        {
            if (connection.Enqueue(requests[i]))
                continue;
            if (kind == OutboundMessageKind.Subscribe)
            {
                for (var j = i; j < requests.Count; j++)
                    registry.MarkSendFailed(requests[j].Topics);
                (notices ??= []).Add((topics, new BitgetNotice(BitgetNoticeKind.Verbose,
                    $"The send queue of {options.Endpoint} is full; {topics.Count} subscription(s) will be sent again shortly.")));
            }
            return;
        }
    }

    // Notices are posted after _order is released: a consumer's feed is no part of the ordering.
    private void Tell(Notices? notices)
    {
        if (notices is null)
            return;
        foreach (var (topics, notice) in notices)
            hub.Notify(topics, notice);
    }

    public void OnSubscribeBudgetExhausted(int perHour) =>
        hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning,
            $"A connection to {options.Endpoint} has sent {perHour} subscribe requests within an hour (Bitget's limit); further ones wait for the budget."));

    /// <summary>A server error event: the topic it names is refused or the connection is acted on.</summary>
    public void OnServerError(BitgetConnection? connection, in BitgetFrame frame)
    {
        var code = frame.Code ?? 0;
        var error = new BitgetServerException(code, frame.Message, frame.InstType, frame.Channel, frame.InstId, frame.Op);
        BitgetTopic? topic = frame.Channel is null ? null : new BitgetTopic(frame.InstType ?? "", frame.Channel, frame.InstId ?? "");
        if (topic is { } t && (code is BitgetErrorCodes.ChannelDoesNotExist or BitgetErrorCodes.ParamError))
        {
            registry.MarkFailed(t, error.Message);
            // A shard whose every topic was refused holds a connection for nothing. Not on the receive thread: stopping a
            // shard runs its supervisor's continuations.
            _ = Task.Run(_pool.StopIdleShards);
        }

        // A service upgrade is the server's notice of a planned restart: the session replaces the connection at once and
        // nothing is lost, so the user is told in verbose output only (either API).
        var notice = code == BitgetErrorCodes.ServiceUpgrade
            ? new BitgetNotice(BitgetNoticeKind.Verbose, error.Message, error, topic?.ToString())
            : new BitgetNotice(BitgetNoticeKind.Error, error.Message, error, topic?.ToString());
        if (topic is { } refused)
            hub.Notify([refused], notice);
        else
            hub.Broadcast(notice);

        switch (code)
        {
            // The server will cut this connection in about a minute: replace it now, while nothing is lost.
            case BitgetErrorCodes.ServiceUpgrade:
                connection?.ClosePlanned("replaced after the server announced a service upgrade (30033)");
                break;
            // Over the message limit: the server closes the connection; the replacement replays paced.
            case BitgetErrorCodes.OverLimit:
                connection?.Close($"closed after server error {code}");
                break;
            // Too many requests: hold requests back; the sweep resends what was not acknowledged.
            case BitgetErrorCodes.TooManyRequests:
                connection?.PauseRequests(TimeSpan.FromSeconds(1));
                break;
        }
    }

    /// <summary>Checks acks and silence a few times per timeout until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var ackMs = (long)options.SubscribeAckTimeout.TotalMilliseconds;
        var staleMs = (long)options.StaleTopicTimeout.TotalMilliseconds;
        // At most every 2.5 s (a quarter of the default ack timeout): each timer fire costs an idle session CPU.
        var period = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(ackMs, staleMs > 0 ? staleMs : ackMs) / 4, 50, 2500));
        // A request that could not be queued is tried again about every sweep.
        var retryMs = (long)period.TotalMilliseconds;
        try
        {
            using var timer = new PeriodicTimer(period);
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    Sweep(ackMs, staleMs, retryMs);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, $"Subscription check failed: {ex.GetBaseException().Message}", ex));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Sweep(long ackMs, long staleMs, long retryMs)
    {
        Notices? notices = null;
        lock (_order)
            Sweep(ackMs, staleMs, retryMs, ref notices);
        Tell(notices);
    }

    private void Sweep(long ackMs, long staleMs, long retryMs, ref Notices? notices)
    {
        var actions = registry.Sweep(Environment.TickCount64, ackMs, staleMs, retryMs);
        if (actions.Count == 0)
            return;
        foreach (var group in actions.GroupBy(a => (a.Shard, a.Kind)))
        {
            var shard = group.Key.Shard;
            var topics = group.Select(a => a.Topic).ToList();
            var names = string.Join(", ", topics.Take(10)) + (topics.Count > 10 ? $" and {topics.Count - 10} more" : "");
            switch (group.Key.Kind)
            {
                case SweepActionKind.Send:
                    Send(shard, OutboundMessageKind.Subscribe, topics, ref notices, pendingOnly: true);
                    break;
                case SweepActionKind.Resend:
                    Send(shard, OutboundMessageKind.Subscribe, topics, ref notices);
                    break;
                case SweepActionKind.NoAcknowledgement:
                    (notices ??= []).Add((topics, new BitgetNotice(BitgetNoticeKind.Warning,
                        $"No acknowledgement from {options.Endpoint} for {names} after {(topics.Count == 1 ? "two requests" : "two requests each")}; still waiting for data.")));
                    break;
                case SweepActionKind.Resubscribe:
                    // Unsubscribe then subscribe: the server forgets a topic it may have lost and sends a fresh snapshot.
                    Send(shard, OutboundMessageKind.Unsubscribe, topics, ref notices);
                    Send(shard, OutboundMessageKind.Subscribe, topics, ref notices);
                    (notices ??= []).Add((topics, new BitgetNotice(BitgetNoticeKind.Verbose,
                        $"No data for {names} in {options.StaleTopicTimeout.TotalSeconds:0.#} s; resubscribed.")));
                    break;
                case SweepActionKind.Stale:
                    (notices ??= []).Add((topics, new BitgetNotice(BitgetNoticeKind.Warning,
                        $"Still no data for {names} after a resubscribe; the server acknowledges the subscription but sends nothing (a symbol under the wrong instType does that). Watching it.")));
                    break;
            }
        }
    }
}
