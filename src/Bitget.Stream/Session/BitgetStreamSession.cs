using System.Diagnostics;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// A live Bitget v2 stream: one connection at a time, kept alive with pings and a pong watchdog, replaced
/// with capped exponential backoff when it dies, with every wanted subscription replayed (paced) on each
/// new connection. Parsed data goes to bounded per-consumer <see cref="BitgetFeed{T}"/> queues.
/// </summary>
public sealed class BitgetStreamSession : IAsyncDisposable, IDisposable
{
    private readonly object _gate = new();
    private readonly SubscriptionRegistry _registry = new();
    private readonly SymbolTable _symbols = new();
    private readonly object _userOwner = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BitgetFeed<BitgetTicker>[] _tickerFeeds = [];
    private BitgetConnection? _connection;
    private Task? _supervisor;
    private volatile BitgetSessionState _state = BitgetSessionState.New;
    private long _messagesReceived;
    private long _badFrames;
    private long _dropped;
    private int _reconnects;
    private long _lastMessageTicks;
    private long _connectedSinceTicks;
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

    /// <summary>Connections opened after the first.</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnects);

    /// <summary>When the last frame arrived.</summary>
    public DateTimeOffset? LastMessageAt => TicksToTime(Interlocked.Read(ref _lastMessageTicks));

    /// <summary>When the current connection opened; null while disconnected.</summary>
    public DateTimeOffset? ConnectedSince => TicksToTime(Interlocked.Read(ref _connectedSinceTicks));

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
            if (_supervisor is null)
            {
                _state = BitgetSessionState.Connecting;
                _supervisor = Task.Run(() => SuperviseAsync(_stop.Token));
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
        if (toSend.Count > 0)
            SendRequests(SubscriptionRequestBuilder.Subscribe, toSend);
    }

    private void Release(IEnumerable<BitgetChannel> topics, object owner)
    {
        var toDrop = _registry.Release(topics, owner);
        if (toDrop.Count > 0)
            SendRequests(SubscriptionRequestBuilder.Unsubscribe, toDrop);
    }

    private void SendRequests(string op, List<BitgetChannel> topics)
    {
        BitgetConnection? connection;
        lock (_gate)
            connection = _state == BitgetSessionState.Connected ? _connection : null;
        // Not connected: the topics are pending and go out with the replay on the next connection.
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

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var failures = 0;
        var everConnected = false;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var connection = new BitgetConnection(Options, _symbols, OnFrame, OnFault);
                try
                {
                    await connection.OpenAsync(stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    failures++;
                    if (!everConnected)
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
                        $"Reconnect attempt {failures} to {Endpoint} failed ({ex.GetBaseException().Message}); retrying in {delay.TotalSeconds:0.0} s."));
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                    continue;
                }

                List<BitgetChannel> replay;
                lock (_gate)
                {
                    if (stop.IsCancellationRequested)
                    {
                        _ = connection.DisposeAsync().AsTask();
                        return;
                    }
                    _connection = connection;
                    if (everConnected)
                        Interlocked.Increment(ref _reconnects);
                    Interlocked.Exchange(ref _connectedSinceTicks, DateTimeOffset.UtcNow.UtcTicks);
                    replay = _registry.ResetForNewConnection();
                    _state = BitgetSessionState.Connected;
                }
                if (everConnected)
                    Broadcast(new BitgetNotice(BitgetNoticeKind.Verbose, $"Reconnected to {Endpoint}; resubscribing {replay.Count} topic(s)."));
                everConnected = true;
                _firstConnection.TrySetResult();
                if (replay.Count > 0)
                    SendRequests(SubscriptionRequestBuilder.Subscribe, replay);

                var reason = await connection.Closed.WaitAsync(stop).ConfigureAwait(false);
                var lived = Stopwatch.GetElapsedTime(connection.OpenedAt);
                lock (_gate)
                {
                    _connection = null;
                    Interlocked.Exchange(ref _connectedSinceTicks, 0);
                    if (!stop.IsCancellationRequested)
                        _state = BitgetSessionState.Reconnecting;
                }
                await connection.DisposeAsync().ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                    return;

                // A connection that died young counts as a failure, so a server that accepts and drops at once
                // is met with growing delays rather than a tight loop.
                failures = lived >= Options.HealthyConnectionTime ? 0 : failures + 1;
                if (Options.MaxReconnectAttempts > 0 && failures >= Options.MaxReconnectAttempts)
                {
                    End(BitgetSessionState.Failed, $"gave up after {failures} short-lived connections; last: {reason}");
                    return;
                }
                var wait = failures == 0 ? TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)) : Options.ReconnectPolicy.NextDelay(failures);
                Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, $"Connection to {Endpoint} {reason}; reconnecting in {wait.TotalSeconds:0.0} s."));
                await Task.Delay(wait, stop).ConfigureAwait(false);
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

    // Receive thread of the current connection. Never throws (the connection catches), never blocks.
    private void OnFrame(BitgetConnection connection, ReadOnlySpan<byte> bytes, bool binary)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _messagesReceived);
        Interlocked.Exchange(ref _lastMessageTicks, receivedAt.UtcTicks);
        if (binary)
        {
            ReportBadFrame("binary frame", bytes);
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
                _registry.OnPush(new BitgetChannel(frame.InstType ?? "", frame.Channel!, frame.InstId ?? tickers[0].Symbol), receivedAt.UtcTicks);
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
        foreach (var feed in _tickerFeeds)
        {
            if (topic is null || feed.Topics is null || feed.Topics.Contains(topic.Value))
                feed.PostNotice(notice);
        }

        // The server is about to cut this connection (upgrade) or already has (over limit): replace it now.
        if (code is BitgetErrorCodes.ServiceUpgrade or BitgetErrorCodes.OverLimit)
            connection.Close($"closed after server error {code}");
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
    }

    private string EndMessage() => _state == BitgetSessionState.Failed
        ? $"Session '{Options.Name}' failed: {_endReason}"
        : $"Session '{Options.Name}' was closed.";

    /// <summary>Closes the connection politely, stops every background loop and ends every feed.</summary>
    public async ValueTask DisposeAsync()
    {
        BitgetConnection? connection;
        Task? supervisor;
        lock (_gate)
        {
            if (_state == BitgetSessionState.Closed)
                return;
            connection = _connection;
            _connection = null;
            supervisor = _supervisor;
        }
        End(BitgetSessionState.Closed, "closed by its owner");
        lock (_gate)
            _state = BitgetSessionState.Closed;
        _stop.Cancel();
        _firstConnection.TrySetException(new ObjectDisposedException(nameof(BitgetStreamSession), "The session was closed before it connected."));
        _ = _firstConnection.Task.Exception; // observed
        if (connection is not null)
            await connection.CloseAndDisposeAsync(graceful: true).ConfigureAwait(false);
        if (supervisor is not null)
            await supervisor.ConfigureAwait(false);
        Interlocked.Exchange(ref _connectedSinceTicks, 0);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>, bounded to a few seconds.</summary>
    public void Dispose() => DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));

    private static DateTimeOffset? TicksToTime(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <inheritdoc />
    public override string ToString() => $"{Options.Name} ({State}, {Endpoint})";
}
