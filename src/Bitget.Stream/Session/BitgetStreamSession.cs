using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Recording;

namespace Bitget.Stream.Session;

/// <summary>
/// A live Bitget v2 stream. Its topics are spread over shards of at most
/// <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics, each with its own connection kept alive with pings
/// and a pong watchdog, replaced when it dies (at once after a healthy connection, with capped backoff after failures),
/// with every subscription it carries replayed, paced, on each new connection. Each topic is watched: a request never
/// acknowledged is sent again, a topic that goes silent is resubscribed and then reported as stale. Frames are routed
/// by channel to a handler per family, which applies its ordering rule; what passes goes to bounded per-consumer
/// <see cref="BitgetFeed{T}"/> queues (<see cref="Open{T}"/>).
/// </summary>
/// <remarks>
/// Parts: <see cref="ShardPool"/> (shards and their supervisors), <see cref="ConnectionSupervisor"/> (connect, hook,
/// replay, reconnect), <see cref="SubscriptionMonitor"/> (requests, acks, staleness, resync), <see cref="FrameRouter"/>
/// (envelope, then the channel handler), <see cref="FeedHub"/> (feeds and notices). This class ties them together;
/// its counters (what <c>Get-BitgetStream</c> shows) are in BitgetStreamSession.Counters.cs.
/// </remarks>
public sealed partial class BitgetStreamSession : IAsyncDisposable, IDisposable, ISessionLifecycle
{
    /// <summary>Frames larger than this are counted as bad and skipped (Bitget's largest pushes are a few KiB).</summary>
    public const int MaxFrameBytes = FrameRouter.MaxFrameBytes;

    private readonly object _gate = new();
    private readonly object _userOwner = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SessionCounters _counters = new();
    private readonly SubscriptionRegistry _registry = new();
    private readonly FeedHub _hub;
    private readonly SubscriptionMonitor _monitor;
    private readonly ShardPool _pool;
    private readonly FrameRouter _router;
    private readonly ConnectionSupervisor _supervisor;
    private readonly ReplayRunner? _replay;
    private Task? _monitorLoop;
    private bool _started;
    private volatile bool _everConnected;
    private volatile BitgetSessionState _state = BitgetSessionState.New;
    private string? _endReason;
    private volatile Task? _stopped;

    /// <summary>Creates a session; nothing is connected until <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="InvalidDataException">The <see cref="BitgetSessionOptions.ReplayPath"/> file holds no readable frame (not a capture).</exception>
    public BitgetStreamSession(BitgetSessionOptions? options = null)
    {
        Options = (options ?? new BitgetSessionOptions()).Validate();
        // A recording says by itself which API made it: its frames are read in that API's spelling.
        var replay = Options.ReplayPath is { } replayPath ? new FrameReplay(replayPath, Options.ReplaySpeed) : null;
        if (replay is not null)
        {
            // Read once before anything plays: a file that is no capture is refused here, and the session can say what
            // it holds. Throws InvalidDataException when the file holds no readable frame.
            ReplayContents = replay.ReadContents();
            Options.Api = ReplayContents.Api;
            _replayEndpoint = new Uri(replay.Path);
        }
        _hub = new FeedHub(_counters);
        // One handler per channel family (Channels/): they reach the session only through these services.
        var handlers = ChannelFamilies.Create(new SessionChannelServices(_hub, _counters, Resync));
        _monitor = new SubscriptionMonitor(Options, _registry, _hub);
        _router = new FrameRouter(Options, handlers, _registry, _monitor, _hub, _counters);
        _supervisor = new ConnectionSupervisor(Options, _monitor, _router, _hub, _counters, this);
        _pool = new ShardPool(Options, _registry, _supervisor.RunAsync);
        _supervisor.Pool = _pool;
        _monitor.Attach(_pool);
        // Recording and replay (Recording/): frames stored as received, or played through the same router instead of a socket.
        if (replay is not null)
        {
            // Its frames come from the file, not from the endpoint the options name: messages say so.
            _router.Source = $"the recording {replay.Path}";
            _replay = new ReplayRunner(replay, _router, _hub, this);
        }
        if (Options.RecordPath is { } recordPath)
            _router.Capture = new FrameCapture(recordPath);
    }

    private readonly Uri? _replayEndpoint;

    /// <summary>What the recording holds (its frames, topics and time range), read at creation; null when the session connects.</summary>
    public CaptureContents? ReplayContents { get; }

    /// <summary>True when the session plays a recording (<see cref="BitgetSessionOptions.ReplayPath"/>) instead of connecting.</summary>
    public bool IsReplay => _replay is not null;

    /// <summary>Frames stored so far (<see cref="BitgetSessionOptions.RecordPath"/>); 0 when not recording.</summary>
    public long RecordedFrames => _router.Capture?.Frames ?? 0;

    /// <summary>The settings (a copy owned by the session).</summary>
    public BitgetSessionOptions Options { get; }

    /// <summary>The endpoint; for a replay, the recording (a file: URI).</summary>
    public Uri Endpoint => _replayEndpoint ?? Options.Endpoint;

    /// <summary>The API the session speaks: Classic (v2) or Unified (v3).</summary>
    public Protocol.BitgetApi Api => Options.Api;

    /// <summary>Where the session stands.</summary>
    public BitgetSessionState State => _state;

    /// <summary>Why the session ended, once it has.</summary>
    public string? EndReason => _endReason;

    /// <summary>Completes when the session is closed or has failed.</summary>
    public Task Completion => _ended.Task;

    /// <summary>The subscriptions with their state and counters.</summary>
    public IReadOnlyList<BitgetSubscriptionInfo> Subscriptions => _registry.Snapshot();

    /// <summary>Number of wanted topics.</summary>
    public int SubscriptionCount => _registry.Count;

    /// <summary>
    /// Runs on every new connection between "open" and "replay subscriptions" (login for private channels) and sees
    /// login answers. Set it before <see cref="ConnectAsync"/>.
    /// </summary>
    internal IConnectionHook? ConnectionHook
    {
        get => _supervisor.Hook;
        set
        {
            _supervisor.Hook = value;
            _router.Hook = value;
        }
    }

    /// <summary>
    /// Starts the session (once) and waits for its first connection.
    /// </summary>
    /// <exception cref="BitgetConnectException">The first connection could not be made; the session has failed.</exception>
    /// <exception cref="BitgetConnectionLimitException">
    /// The session's connections (one, or one per <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics taken
    /// before) would exceed Bitget's per-IP limit; nothing was opened and the session can connect later.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The session was closed.</exception>
    public async Task ConnectAsync(CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == BitgetSessionState.Closed, this);
            if (!_started && _replay is not null)
            {
                _started = true;
                _everConnected = true;
                _state = BitgetSessionState.Replaying;
                _firstConnection.TrySetResult();
                _replay.SessionStarted(_stop.Token);
            }
            else if (!_started)
            {
                // A start refused for the connection limit starts nothing: the session stays new, and may connect later.
                _state = BitgetSessionState.Connecting;
                try
                {
                    _pool.Start(_stop.Token);
                }
                catch (BitgetConnectionLimitException)
                {
                    _state = BitgetSessionState.New;
                    throw;
                }
                _started = true;
                _monitorLoop = Task.Run(() => _monitor.RunAsync(_stop.Token));
            }
        }
        await _firstConnection.Task.WaitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Registers topics for the session's lifetime (the user's registrations); subscribes those not yet subscribed.</summary>
    /// <exception cref="BitgetConnectionLimitException">
    /// The connections the topics need would exceed Bitget's per-IP limit: nothing was registered and no connection opened.
    /// </exception>
    public void Subscribe(IEnumerable<BitgetTopic> topics) => _monitor.Acquire(topics.ToList(), _userOwner, _stop.Token);

    /// <summary>Removes the user's registration of the topics; unsubscribes those no open feed still needs.</summary>
    public void Unsubscribe(IEnumerable<BitgetTopic> topics) => _monitor.Release(topics, _userOwner);

    /// <summary>Whether the user registered the topic (as opposed to a feed holding it for a while).</summary>
    public bool IsRegistered(BitgetTopic topic) => _registry.IsOwnedBy(topic, _userOwner);

    /// <summary>
    /// Asks the server for a fresh snapshot of a topic: unsubscribe then subscribe, paced, in that order. The topic's
    /// channel handler starts its ordering rule again with the new subscription.
    /// </summary>
    public void Resync(BitgetTopic topic) => _monitor.Resync(topic);

    /// <summary>
    /// Opens a bounded feed of <typeparamref name="T"/> items (e.g. <see cref="BitgetTicker"/>). With
    /// <paramref name="topics"/> the feed holds (subscribes) them until it is disposed and takes only their items; with
    /// null it takes every item of that type the session receives.
    /// </summary>
    /// <exception cref="ArgumentException">No channel of the session delivers <typeparamref name="T"/>.</exception>
    /// <exception cref="BitgetConnectionLimitException">
    /// The connections the topics need would exceed Bitget's per-IP limit: no feed was opened and no connection opened.
    /// </exception>
    public BitgetFeed<T> Open<T>(IReadOnlyCollection<BitgetTopic>? topics, int capacity = 10_000) where T : class
    {
        var feed = OpenFeed<T>(topics, capacity);
        _replay?.ConsumerOpened(_stop.Token);
        return feed;
    }

    /// <summary>A feed that does not start a replay: the session's own buffers, which watch rather than consume.</summary>
    internal BitgetFeed<T> OpenFeed<T>(IReadOnlyCollection<BitgetTopic>? topics, int capacity) where T : class
    {
        ObjectDisposedException.ThrowIf(_state is BitgetSessionState.Closed, this);
        if (!_hub.Delivers<T>())
            throw new ArgumentException($"No channel of this session delivers {typeof(T).Name} items.", nameof(T));
        var set = topics is null ? null : new HashSet<BitgetTopic>(topics);
        var feed = _hub.Open<T>(capacity, set, Detach);
        if (set is not null && !feed.IsCompleted)
        {
            try
            {
                _monitor.Acquire(set, feed, _stop.Token);
            }
            catch
            {
                feed.Dispose();
                throw;
            }
        }
        return feed;
    }

    /// <summary>
    /// Lets <paramref name="feed"/> go of some of its topics while it stays open: it takes no more of their items, and
    /// those nobody else holds are unsubscribed. Returns the topics it let go (those of <paramref name="topics"/> it held).
    /// </summary>
    public IReadOnlyList<BitgetTopic> Release<T>(BitgetFeed<T> feed, IEnumerable<BitgetTopic> topics) where T : class
    {
        ArgumentNullException.ThrowIfNull(feed);
        var dropped = feed.Drop(topics);
        if (dropped.Count > 0)
            _monitor.Release(dropped, feed);
        return dropped;
    }

    private void Detach<T>(BitgetFeed<T> feed) where T : class
    {
        _hub.Remove(feed);
        if (feed.Topics is not null)
            _monitor.Release(feed.Topics, feed);
    }

    bool ISessionLifecycle.EverConnected => _everConnected;

    void ISessionLifecycle.OnConnected()
    {
        _everConnected = true;
        UpdateState();
        _firstConnection.TrySetResult();
    }

    // Connected while every shard the session counts on has a connection.
    void ISessionLifecycle.UpdateState() => UpdateState();

    private void UpdateState()
    {
        lock (_gate)
        {
            if (_state is BitgetSessionState.Closed or BitgetSessionState.Failed || !_everConnected)
                return;
            _state = _pool.AllConnected ? BitgetSessionState.Connected : BitgetSessionState.Reconnecting;
        }
    }

    void ISessionLifecycle.End(BitgetSessionState state, string reason, Exception? error) => End(state, reason, error);

    private void End(BitgetSessionState state, string reason, Exception? error = null)
    {
        lock (_gate)
        {
            if (_state is BitgetSessionState.Closed or BitgetSessionState.Failed)
                return;
            // Shown by every command that meets the ended session; its parts may quote the server or a recording.
            _endReason = ServerText.Escape(reason, 2000);
            _state = state;
        }
        var notice = new BitgetNotice(BitgetNoticeKind.SessionEnded, EndMessage(),
            state == BitgetSessionState.Failed ? new InvalidOperationException(EndMessage(), error) : null);
        // Completion first: whoever reads the end notice sees a finished session.
        _ended.TrySetResult();
        _firstConnection.TrySetException(state == BitgetSessionState.Failed
            ? error as BitgetConnectException ?? (Exception)new InvalidOperationException(EndMessage(), error)
            : new ObjectDisposedException(nameof(BitgetStreamSession), "The session was closed before it connected."));
        _ = _firstConnection.Task.Exception; // observed
        _hub.Complete(notice);
        // An ended session holds nothing open: its connections and loops stop with it. DisposeAsync waits for it.
        _stopped = StopEverythingAsync();
    }

    // Cancels every loop and closes every connection; never throws.
    private async Task StopEverythingAsync()
    {
        _router.Capture?.Dispose();
        _pool.Close();
        var connections = _pool.TakeConnections();
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

    /// <summary>Closes every connection politely, stops every background loop and ends every feed.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_state == BitgetSessionState.Closed)
                return;
        }
        End(BitgetSessionState.Closed, "closed by its owner");
        lock (_gate)
            _state = BitgetSessionState.Closed;
        // The polite close of every connection (bounded in the transport), whichever End started it: closed means closed.
        await (_stopped ?? StopEverythingAsync()).ConfigureAwait(false);
        List<Task> loops = _pool.Close();
        if (_monitorLoop is not null)
            loops.Add(_monitorLoop);
        if (_replay?.Loop is { } replayLoop)
            loops.Add(replayLoop);
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>, bounded to a few seconds.</summary>
    public void Dispose() => DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));

    /// <inheritdoc />
    public override string ToString() => $"{Options.Name} ({State}, {Endpoint})";
}
