using System.Diagnostics;
using System.Runtime.InteropServices;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// A live Bitget v2 stream. Its topics are spread over connections of at most
/// <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics; each connection is kept alive with pings and a
/// pong watchdog, replaced with capped exponential backoff when it dies (or before the exchange's daily cut), and
/// has every subscription it carries replayed, paced, on each new connection. Each topic is watched: a request never
/// acknowledged is sent again, a topic that goes silent is resubscribed and then reported as stale. Parsed data goes
/// to bounded per-consumer <see cref="BitgetFeed{T}"/> queues; duplicate and out-of-order pushes are skipped and counted.
/// </summary>
public sealed class BitgetStreamSession : IAsyncDisposable, IDisposable
{
    /// <summary>Frames larger than this are counted as bad and skipped (Bitget's largest pushes are a few KiB).</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    private readonly object _gate = new();
    private readonly SubscriptionRegistry _registry = new();
    private readonly SymbolTable _symbols = new();
    private readonly object _userOwner = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ConnectionShard> _shards = [];
    // 300 connection requests per IP in 5 minutes is Bitget's limit: a minute's worth may go at once.
    private readonly ConnectionAttemptLimiter _attempts = new(burst: 60, TimeSpan.FromSeconds(1));
    // Completed (and replaced) when a connection opens after failures: the server is back, so the other
    // connections waiting out a backoff try again now instead of at the end of their delay.
    private TaskCompletionSource _serverBack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BitgetFeed<BitgetTicker>[] _tickerFeeds = [];
    private Task? _monitor;
    private bool _started;
    private bool _everConnected;
    private volatile BitgetSessionState _state = BitgetSessionState.New;
    private long _messagesReceived;
    private long _badFrames;
    private long _dropped;
    private long _outOfOrder;
    private int _reconnects;
    private long _lastMessageTicks;
    private long _lastBadFrameReport;
    private long _badFramesAtLastReport;
    private string? _endReason;

    /// <summary>Creates a session; nothing is connected until <see cref="ConnectAsync"/>.</summary>
    public BitgetStreamSession(BitgetSessionOptions? options = null) => Options = (options ?? new BitgetSessionOptions()).Validate();

    /// <summary>The settings (a copy owned by the session).</summary>
    public BitgetSessionOptions Options { get; }

    /// <summary>The endpoint.</summary>
    public Uri Endpoint => Options.Endpoint;

    /// <summary>Where the session stands.</summary>
    public BitgetSessionState State => _state;

    /// <summary>Frames received (all kinds), over all connections.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Frames that could not be used: invalid JSON, binary, malformed or missing fields, unknown channels.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <summary>Items dropped over all consumers because a consumer fell behind.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Pushes skipped because they repeated or were older than the last push of their topic.</summary>
    public long OutOfOrderMessages => Interlocked.Read(ref _outOfOrder);

    /// <summary>Connections opened to replace one (over all of the session's connections).</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnects);

    /// <summary>When the last frame arrived.</summary>
    public DateTimeOffset? LastMessageAt => TicksToTime(Interlocked.Read(ref _lastMessageTicks));

    /// <summary>Since when every connection of the session has been open; null while any is down.</summary>
    public DateTimeOffset? ConnectedSince
    {
        get
        {
            lock (_gate)
            {
                long latest = 0;
                foreach (var shard in _shards)
                {
                    if (!shard.IsActive)
                        continue;
                    if (shard.Connection is null)
                        return null;
                    latest = Math.Max(latest, shard.ConnectedSinceTicks);
                }
                return TicksToTime(latest);
            }
        }
    }

    /// <summary>Connections the session holds open (one per <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
                return _shards.Count(s => s.IsActive);
        }
    }

    /// <summary>Topics acknowledged by the server but silent even after a resubscribe.</summary>
    public int StaleSubscriptionCount => _registry.StaleCount;

    /// <summary>Why the session ended, once it has.</summary>
    public string? EndReason => _endReason;

    /// <summary>Completes when the session is closed or has failed.</summary>
    public Task Completion => _ended.Task;

    /// <summary>The subscriptions with their state and counters.</summary>
    public IReadOnlyList<BitgetSubscriptionInfo> Subscriptions => _registry.Snapshot();

    /// <summary>Number of wanted topics.</summary>
    public int SubscriptionCount => _registry.Count;

    /// <summary>
    /// Starts the session (once) and waits for its first connection.
    /// </summary>
    /// <exception cref="BitgetConnectException">The first connection could not be made; the session has failed.</exception>
    /// <exception cref="ObjectDisposedException">The session was closed.</exception>
    public async Task ConnectAsync(CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == BitgetSessionState.Closed, this);
            if (!_started)
            {
                _started = true;
                _state = BitgetSessionState.Connecting;
                if (_shards.Count == 0)
                    _shards.Add(new ConnectionShard(0));
                // Slots that got topics before the start; slot 0 always runs (its first connection is the session's).
                var counts = _registry.CountByConnection();
                foreach (var shard in _shards)
                {
                    if (shard.Index == 0 || counts.ContainsKey(shard.Index))
                        StartShard(shard);
                }
                _monitor = Task.Run(() => MonitorAsync(_stop.Token));
            }
        }
        await _firstConnection.Task.WaitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Registers topics for the session's lifetime (the user's registrations); subscribes those not yet subscribed.</summary>
    public void Subscribe(IEnumerable<BitgetChannel> topics) => Acquire(topics, _userOwner);

    /// <summary>Removes the user's registration of the topics; unsubscribes those no open feed still needs.</summary>
    public void Unsubscribe(IEnumerable<BitgetChannel> topics) => Release(topics, _userOwner);

    /// <summary>Whether the user registered the topic (as opposed to a feed holding it for a while).</summary>
    public bool IsRegistered(BitgetChannel topic) => _registry.IsOwnedBy(topic, _userOwner);

    /// <summary>
    /// Opens a bounded feed of tickers. With <paramref name="topics"/> the feed holds (subscribes) them until it is
    /// disposed and takes only their tickers; with null it takes every ticker of the session.
    /// </summary>
    public BitgetFeed<BitgetTicker> OpenTickerFeed(IReadOnlyCollection<BitgetChannel>? topics, int capacity = 10_000)
    {
        ObjectDisposedException.ThrowIf(_state is BitgetSessionState.Closed, this);
        var set = topics is null ? null : new HashSet<BitgetChannel>(topics);
        var feed = new BitgetFeed<BitgetTicker>(capacity, set, DetachFeed, () => Interlocked.Increment(ref _dropped));
        lock (_gate)
        {
            if (_state is BitgetSessionState.Closed or BitgetSessionState.Failed)
            {
                feed.Complete(new BitgetNotice(BitgetNoticeKind.SessionEnded, EndMessage()));
                return feed;
            }
            _tickerFeeds = [.. _tickerFeeds, feed];
        }
        if (set is not null)
            Acquire(set, feed);
        return feed;
    }

    private void DetachFeed(BitgetFeed<BitgetTicker> feed)
    {
        lock (_gate)
            _tickerFeeds = _tickerFeeds.Where(f => !ReferenceEquals(f, feed)).ToArray();
        if (feed.Topics is not null)
            Release(feed.Topics, feed);
    }

    private void Acquire(IEnumerable<BitgetChannel> topics, object owner)
    {
        var toSend = _registry.Acquire(topics, owner);
        if (toSend.Count == 0)
            return;
        foreach (var (shard, group) in Assign(toSend))
            SendRequests(shard, SubscriptionRequestBuilder.Subscribe, group);
    }

    private void Release(IEnumerable<BitgetChannel> topics, object owner)
    {
        var toDrop = _registry.Release(topics, owner);
        if (toDrop.Count == 0)
            return;
        foreach (var group in toDrop.GroupBy(d => d.Connection))
        {
            var shard = ShardAt(group.Key);
            if (shard is not null)
                SendRequests(shard, SubscriptionRequestBuilder.Unsubscribe, group.Select(d => d.Topic).ToList());
        }
        StopIdleShards();
    }

    // Puts each topic on the first connection with room, opening connections as needed.
    private List<(ConnectionShard Shard, List<BitgetChannel> Topics)> Assign(List<BitgetChannel> topics)
    {
        var groups = new Dictionary<int, List<BitgetChannel>>();
        lock (_gate)
        {
            var counts = _registry.CountByConnection();
            foreach (var topic in topics)
            {
                var index = _registry.ConnectionOf(topic);
                if (index < 0 || index >= _shards.Count)
                {
                    index = 0;
                    while (counts.GetValueOrDefault(index) >= Options.MaxTopicsPerConnection)
                        index++;
                    _registry.Assign(topic, index);
                    counts[index] = counts.GetValueOrDefault(index) + 1;
                }
                while (_shards.Count <= index)
                    _shards.Add(new ConnectionShard(_shards.Count));
                if (!groups.TryGetValue(index, out var list))
                    groups[index] = list = [];
                list.Add(topic);
            }
            foreach (var index in groups.Keys)
            {
                if (_started && !_shards[index].IsRunning && _state is not (BitgetSessionState.Closed or BitgetSessionState.Failed))
                    StartShard(_shards[index]);
            }
            return groups.Select(g => (_shards[g.Key], g.Value)).ToList();
        }
    }

    // Under _gate.
    private void StartShard(ConnectionShard shard)
    {
        shard.Stop?.Dispose();
        shard.Stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var token = shard.Stop.Token;
        shard.Supervisor = Task.Run(() => SuperviseAsync(shard, token));
    }

    // A connection left with no topic is closed (slot 0 stays: it is the session's own).
    private void StopIdleShards()
    {
        List<(CancellationTokenSource Stop, BitgetConnection? Connection)> stopping = [];
        lock (_gate)
        {
            var counts = _registry.CountByConnection();
            foreach (var shard in _shards)
            {
                if (shard.Index == 0 || !shard.IsRunning || counts.ContainsKey(shard.Index) || shard.Stop is null)
                    continue;
                stopping.Add((shard.Stop, shard.Connection));
                shard.Connection = null;
                shard.ConnectedSinceTicks = 0;
            }
        }
        if (stopping.Count == 0)
            return;
        foreach (var (stop, connection) in stopping)
        {
            stop.Cancel();
            if (connection is not null)
                _ = connection.CloseAndDisposeAsync(graceful: true).AsTask();
        }
        lock (_gate)
            UpdateState();
    }

    private ConnectionShard? ShardAt(int index)
    {
        lock (_gate)
            return index >= 0 && index < _shards.Count ? _shards[index] : null;
    }

    private void SendRequests(ConnectionShard shard, string op, List<BitgetChannel> topics)
    {
        BitgetConnection? connection;
        lock (_gate)
            connection = _state is BitgetSessionState.Closed or BitgetSessionState.Failed ? null : shard.Connection;
        // Not connected: the topics are pending and go out with the replay on the slot's next connection.
        if (connection is null)
            return;
        foreach (var request in SubscriptionRequestBuilder.Build(op, topics, Options.MaxArgsPerRequest))
        {
            if (!connection.Enqueue(request))
                return;
        }
        if (op == SubscriptionRequestBuilder.Subscribe)
            _registry.MarkRequested(topics);
    }

    // Under _gate: Connected while every running slot has a connection.
    private void UpdateState()
    {
        if (_state is BitgetSessionState.Closed or BitgetSessionState.Failed || !_everConnected)
            return;
        var allUp = _shards.All(shard => !shard.IsActive || shard.Connection is not null);
        _state = allUp ? BitgetSessionState.Connected : BitgetSessionState.Reconnecting;
    }

    private async Task SuperviseAsync(ConnectionShard shard, CancellationToken stop)
    {
        var failures = 0;
        var label = shard.Index == 0 ? Endpoint.ToString() : $"{Endpoint} (connection {shard.Index + 1})";
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await _attempts.WaitAsync(stop).ConfigureAwait(false);
                var connection = new BitgetConnection(Options, _symbols, OnFrame, OnFault, OnSubscribeBudgetExhausted);
                try
                {
                    await connection.OpenAsync(stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    failures++;
                    if (shard.Index == 0 && !_everConnected)
                    {
                        End(BitgetSessionState.Failed, $"could not connect to {Endpoint}: {ex.GetBaseException().Message}");
                        _firstConnection.TrySetException(new BitgetConnectException(Endpoint, ex));
                        return;
                    }
                    if (Options.MaxReconnectAttempts > 0 && failures >= Options.MaxReconnectAttempts)
                    {
                        End(BitgetSessionState.Failed, $"gave up after {failures} failed reconnect attempts; last: {ex.GetBaseException().Message}");
                        return;
                    }
                    var delay = Options.ReconnectPolicy.NextDelay(failures);
                    Broadcast(new BitgetNotice(BitgetNoticeKind.Warning,
                        $"Reconnect attempt {failures} to {label} failed ({ex.GetBaseException().Message}); retrying in {delay.TotalSeconds:0.0} s."));
                    await BackOffAsync(delay, stop).ConfigureAwait(false);
                    continue;
                }

                List<BitgetChannel> replay;
                bool reconnected;
                lock (_gate)
                {
                    if (stop.IsCancellationRequested)
                    {
                        _ = connection.DisposeAsync().AsTask();
                        return;
                    }
                    shard.Connection = connection;
                    reconnected = shard.EverConnected;
                    shard.EverConnected = true;
                    if (reconnected)
                        Interlocked.Increment(ref _reconnects);
                    shard.ConnectedSinceTicks = DateTimeOffset.UtcNow.UtcTicks;
                    replay = _registry.ResetForConnection(shard.Index);
                    _everConnected = true;
                    UpdateState();
                }
                if (failures > 0)
                    Interlocked.Exchange(ref _serverBack, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                if (reconnected)
                    Broadcast(new BitgetNotice(BitgetNoticeKind.Verbose, $"Reconnected to {label}; resubscribing {replay.Count} topic(s)."));
                _firstConnection.TrySetResult();
                if (replay.Count > 0)
                    SendRequests(shard, SubscriptionRequestBuilder.Subscribe, replay);

                // Bitget cuts every connection after 24 hours: replace it first, at a moment of our choosing.
                var closed = connection.Closed;
                if (Options.MaxConnectionAge > TimeSpan.Zero)
                {
                    using var ageOut = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    var aged = Task.Delay(Options.MaxConnectionAge, ageOut.Token);
                    if (await Task.WhenAny(closed, aged).ConfigureAwait(false) == aged && !stop.IsCancellationRequested)
                        connection.ClosePlanned($"recycled after {FormatAge(Options.MaxConnectionAge)}, before the exchange's daily cut");
                    ageOut.Cancel();
                }
                var reason = await closed.WaitAsync(stop).ConfigureAwait(false);
                var lived = Stopwatch.GetElapsedTime(connection.OpenedAt);
                lock (_gate)
                {
                    if (ReferenceEquals(shard.Connection, connection))
                    {
                        shard.Connection = null;
                        shard.ConnectedSinceTicks = 0;
                    }
                    if (!stop.IsCancellationRequested)
                        UpdateState();
                }
                await connection.DisposeAsync().ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                    return;

                // A connection that died young counts as a failure, so a server that accepts and drops at once is met
                // with growing delays rather than a tight loop. A planned replacement (age, 30033) is no failure.
                failures = lived >= Options.HealthyConnectionTime || connection.Planned ? 0 : failures + 1;
                if (Options.MaxReconnectAttempts > 0 && failures >= Options.MaxReconnectAttempts)
                {
                    End(BitgetSessionState.Failed, $"gave up after {failures} short-lived connections; last: {reason}");
                    return;
                }
                var wait = failures == 0 ? TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)) : Options.ReconnectPolicy.NextDelay(failures);
                Broadcast(new BitgetNotice(connection.Planned ? BitgetNoticeKind.Verbose : BitgetNoticeKind.Warning,
                    $"Connection to {label} {reason}; reconnecting in {wait.TotalSeconds:0.0} s."));
                await BackOffAsync(wait, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A bug, not a network event: end loudly rather than hang silently.
            End(BitgetSessionState.Failed, $"internal error: {ex}");
            _firstConnection.TrySetException(ex);
        }
    }

    // Waits out a backoff delay, cut short when another connection of the session got through.
    private async Task BackOffAsync(TimeSpan delay, CancellationToken stop)
    {
        var back = Volatile.Read(ref _serverBack).Task;
        await Task.WhenAny(Task.Delay(delay, stop), back).ConfigureAwait(false);
        stop.ThrowIfCancellationRequested();
    }

    // Acks that never come and topics that go silent: checked a few times per timeout.
    private async Task MonitorAsync(CancellationToken stop)
    {
        var ackMs = (long)Options.SubscribeAckTimeout.TotalMilliseconds;
        var staleMs = (long)Options.StaleTopicTimeout.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(ackMs, staleMs > 0 ? staleMs : ackMs) / 4, 50, 2500));
        try
        {
            using var timer = new PeriodicTimer(period);
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    Sweep(ackMs, staleMs);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, $"Subscription check failed: {ex.GetBaseException().Message}", ex));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Sweep(long ackMs, long staleMs)
    {
        var actions = _registry.Sweep(Environment.TickCount64, ackMs, staleMs);
        if (actions.Count == 0)
            return;
        foreach (var group in actions.GroupBy(a => (a.Connection, a.Kind)))
        {
            var shard = ShardAt(group.Key.Connection);
            var topics = group.Select(a => a.Topic).ToList();
            var names = string.Join(", ", topics.Take(10)) + (topics.Count > 10 ? $" and {topics.Count - 10} more" : "");
            switch (group.Key.Kind)
            {
                case SweepActionKind.Resend when shard is not null:
                    SendRequests(shard, SubscriptionRequestBuilder.Subscribe, topics);
                    break;
                case SweepActionKind.NoAcknowledgement:
                    Notify(topics, new BitgetNotice(BitgetNoticeKind.Warning,
                        $"No acknowledgement from {Endpoint} for {names} after {topics.Count switch { 1 => "two requests", _ => "two requests each" }}; still waiting for data."));
                    break;
                case SweepActionKind.Resubscribe when shard is not null:
                    // Unsubscribe then subscribe: the server forgets a topic it may have lost and sends a fresh snapshot.
                    SendRequests(shard, SubscriptionRequestBuilder.Unsubscribe, topics);
                    SendRequests(shard, SubscriptionRequestBuilder.Subscribe, topics);
                    Notify(topics, new BitgetNotice(BitgetNoticeKind.Verbose,
                        $"No data for {names} in {Options.StaleTopicTimeout.TotalSeconds:0.#} s; resubscribed."));
                    break;
                case SweepActionKind.Stale:
                    Notify(topics, new BitgetNotice(BitgetNoticeKind.Warning,
                        $"Still no data for {names} after a resubscribe; the server acknowledges the subscription but sends nothing (a symbol under the wrong instType does that). Watching it."));
                    break;
            }
        }
    }

    private void OnSubscribeBudgetExhausted(int perHour) =>
        Broadcast(new BitgetNotice(BitgetNoticeKind.Warning,
            $"A connection to {Endpoint} has sent {perHour} subscribe requests within an hour (Bitget's limit); further ones wait for the budget."));

    // Receive thread of the current connection. Never throws (the connection catches), never blocks.
    private void OnFrame(BitgetConnection connection, ReadOnlySpan<byte> bytes)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _messagesReceived);
        Interlocked.Exchange(ref _lastMessageTicks, receivedAt.UtcTicks);
        if (bytes.Length > MaxFrameBytes)
        {
            ReportBadFrame($"a frame of {bytes.Length:N0} bytes, over the {MaxFrameBytes / 1024 / 1024} MiB limit", bytes);
            return;
        }
        var tickers = connection.TickerBuffer;
        tickers.Clear();
        var frame = connection.Parser.Parse(bytes, receivedAt, tickers);
        switch (frame.Kind)
        {
            case BitgetFrameKind.Push:
                if (!ReferenceEquals(frame.Channel, BitgetChannelNames.Ticker))
                {
                    ReportBadFrame($"push on a channel this session does not handle ({frame.InstType}/{frame.Channel}/{frame.InstId})", bytes);
                    return;
                }
                if (tickers.Count == 0)
                    return;
                var topic = new BitgetChannel(frame.InstType ?? "", frame.Channel!, frame.InstId ?? tickers[0].Symbol);
                var verdict = _registry.OnPush(topic, receivedAt.UtcTicks, LatestTimestamp(tickers), ContentHash(bytes));
                if (verdict is PushVerdict.Duplicate or PushVerdict.OutOfOrder)
                {
                    Interlocked.Increment(ref _outOfOrder);
                    return;
                }
                if (verdict == PushVerdict.Resumed)
                    Notify([topic], new BitgetNotice(BitgetNoticeKind.Verbose, $"Data resumed for {topic}."));
                var feeds = _tickerFeeds;
                foreach (var ticker in tickers)
                {
                    foreach (var feed in feeds)
                    {
                        if (feed.Topics is null || feed.Topics.Contains(BitgetChannel.Ticker(ticker.InstType, ticker.Symbol)))
                            feed.Post(ticker);
                    }
                }
                break;
            case BitgetFrameKind.Subscribed:
                if (frame.Channel is not null)
                    _registry.MarkSubscribed(new BitgetChannel(frame.InstType ?? "", frame.Channel, frame.InstId ?? ""));
                break;
            case BitgetFrameKind.Error:
                OnServerError(connection, frame);
                break;
            case BitgetFrameKind.Invalid:
                ReportBadFrame(frame.InvalidReason ?? "invalid frame", bytes);
                break;
        }
    }

    private void OnServerError(BitgetConnection connection, in BitgetFrame frame)
    {
        var code = frame.Code ?? 0;
        var error = new BitgetServerException(code, frame.Message, frame.InstType, frame.Channel, frame.InstId, frame.Op);
        BitgetChannel? topic = frame.Channel is null ? null : new BitgetChannel(frame.InstType ?? "", frame.Channel, frame.InstId ?? "");
        if (topic is { } t && (code is BitgetErrorCodes.ChannelDoesNotExist or BitgetErrorCodes.ParamError))
            _registry.MarkFailed(t, error.Message);

        var notice = new BitgetNotice(BitgetNoticeKind.Error, error.Message, error, topic?.ToString());
        if (topic is { } refused)
            Notify([refused], notice);
        else
            Broadcast(notice);

        switch (code)
        {
            // The server will cut this connection in about a minute: replace it now, while nothing is lost.
            case BitgetErrorCodes.ServiceUpgrade:
                connection.ClosePlanned("replaced after the server announced a service upgrade (30033)");
                break;
            // Over the message limit: the server closes the connection; the replacement replays paced.
            case BitgetErrorCodes.OverLimit:
                connection.Close($"closed after server error {code}");
                break;
            // Too many requests: hold requests back; the sweep resends what was not acknowledged.
            case BitgetErrorCodes.TooManyRequests:
                connection.PauseRequests(TimeSpan.FromSeconds(1));
                break;
        }
    }

    private void OnFault(BitgetConnection connection, Exception ex)
    {
        Interlocked.Increment(ref _badFrames);
        Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, $"Frame handling failed: {ex.GetBaseException().Message}", ex));
    }

    // Counted always; reported at once the first time, then at most every 5 s with the count since.
    private void ReportBadFrame(string reason, ReadOnlySpan<byte> bytes)
    {
        var total = Interlocked.Increment(ref _badFrames);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastBadFrameReport);
        if (last != 0 && now - last < 5000)
            return;
        if (Interlocked.CompareExchange(ref _lastBadFrameReport, now, last) != last)
            return;
        var since = total - Interlocked.Exchange(ref _badFramesAtLastReport, total);
        var text = since <= 1
            ? $"Ignored a bad frame from {Endpoint}: {reason}. Frame: {BitgetFrameParser.Excerpt(bytes)}"
            : $"Ignored {since} bad frames from {Endpoint}; latest: {reason}. Frame: {BitgetFrameParser.Excerpt(bytes)}";
        Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, text));
    }

    private static string FormatAge(TimeSpan age) =>
        age >= TimeSpan.FromHours(1) ? $"{age.TotalHours:0.##} h" : age >= TimeSpan.FromMinutes(1) ? $"{age.TotalMinutes:0.##} min" : $"{age.TotalSeconds:0.##} s";

    // Exchange time (ms) of the newest ticker of a frame.
    private static long LatestTimestamp(List<BitgetTicker> tickers)
    {
        long latest = 0;
        foreach (var ticker in tickers)
            latest = Math.Max(latest, ticker.Timestamp.ToUnixTimeMilliseconds());
        return latest;
    }

    // A cheap content hash to tell a repeated push from a new one with the same exchange time.
    private static int ContentHash(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
            hash = (hash ^ word) * 1099511628211UL;
        for (var i = words.Length * 8; i < bytes.Length; i++)
            hash = (hash ^ bytes[i]) * 1099511628211UL;
        return (int)(hash ^ (hash >> 32));
    }

    // To the feeds that take any of these topics.
    private void Notify(IReadOnlyCollection<BitgetChannel> topics, BitgetNotice notice)
    {
        foreach (var feed in _tickerFeeds)
        {
            if (feed.Topics is null || topics.Any(feed.Topics.Contains))
                feed.PostNotice(notice);
        }
    }

    private void Broadcast(BitgetNotice notice)
    {
        foreach (var feed in _tickerFeeds)
            feed.PostNotice(notice);
    }

    private void End(BitgetSessionState state, string reason)
    {
        BitgetFeed<BitgetTicker>[] feeds;
        lock (_gate)
        {
            if (_state is BitgetSessionState.Closed or BitgetSessionState.Failed)
                return;
            _endReason = reason;
            _state = state;
            feeds = _tickerFeeds;
        }
        var notice = new BitgetNotice(BitgetNoticeKind.SessionEnded, EndMessage(),
            state == BitgetSessionState.Failed ? new InvalidOperationException(EndMessage()) : null);
        // Completion first: whoever reads the end notice sees a finished session.
        _ended.TrySetResult();
        foreach (var feed in feeds)
            feed.Complete(notice);
        // A failed session holds nothing open: its other connections and loops stop with it.
        if (state == BitgetSessionState.Failed)
            _ = StopEverythingAsync();
    }

    // Cancels every loop and closes every connection; never throws.
    private async Task StopEverythingAsync()
    {
        List<BitgetConnection> connections = [];
        lock (_gate)
        {
            foreach (var shard in _shards)
            {
                if (shard.Connection is not null)
                    connections.Add(shard.Connection);
                shard.Connection = null;
                shard.ConnectedSinceTicks = 0;
            }
        }
        try
        {
            _stop.Cancel();
            await Task.WhenAll(connections.Select(c => c.CloseAndDisposeAsync(graceful: true).AsTask())).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing is best effort; the sockets are gone either way.
        }
    }

    private string EndMessage() => _state == BitgetSessionState.Failed
        ? $"Session '{Options.Name}' failed: {_endReason}"
        : $"Session '{Options.Name}' was closed.";

    /// <summary>Closes the connection politely, stops every background loop and ends every feed.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Task> loops = [];
        lock (_gate)
        {
            if (_state == BitgetSessionState.Closed)
                return;
            foreach (var shard in _shards)
            {
                if (shard.Supervisor is not null)
                    loops.Add(shard.Supervisor);
            }
            if (_monitor is not null)
                loops.Add(_monitor);
        }
        End(BitgetSessionState.Closed, "closed by its owner");
        lock (_gate)
            _state = BitgetSessionState.Closed;
        _firstConnection.TrySetException(new ObjectDisposedException(nameof(BitgetStreamSession), "The session was closed before it connected."));
        _ = _firstConnection.Task.Exception; // observed
        await StopEverythingAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>, bounded to a few seconds.</summary>
    public void Dispose() => DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));

    private static DateTimeOffset? TicksToTime(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <inheritdoc />
    public override string ToString() => $"{Options.Name} ({State}, {Endpoint})";
}
