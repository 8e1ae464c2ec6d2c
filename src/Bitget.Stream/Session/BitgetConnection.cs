using System.Diagnostics;
using Bitget.Stream.Protocol;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Session;

/// <summary>
/// One socket of a session: its transport (an <see cref="IFrameTransport"/> from the session options' factory, whose
/// receive thread runs the frame handler), the pacer for what is sent, the pong watchdog, and the wake-ups its frames
/// owe consumers (<see cref="WakeBatch"/>). It lives until it closes once; the session then opens a new one.
/// </summary>
internal sealed class BitgetConnection : IAsyncDisposable, IFrameReceiver, IRequestQueue
{
    internal delegate void FrameHandler(BitgetConnection connection, ReadOnlySpan<byte> frame);

    private readonly BitgetSessionOptions _options;
    private readonly FrameHandler _onFrame;
    private readonly Action<BitgetConnection, Exception> _onFault;
    private readonly Action<int>? _onBudgetExhausted;
    private readonly IFrameTransport _transport;
    private readonly WakeBatch _wakes = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OutboundPacer? _pacer;
    private PongWatchdog? _watchdog;
    private long _lastFrame;
    private int _disposed;

    public BitgetConnection(BitgetSessionOptions options, ConnectionRoutes routes, FrameHandler onFrame, Action<BitgetConnection, Exception> onFault,
        Action<int>? onBudgetExhausted = null)
    {
        _options = options;
        _onBudgetExhausted = onBudgetExhausted;
        _onFrame = onFrame;
        _onFault = onFault;
        Routes = routes;
        _transport = options.TransportFactory(new FrameTransportSettings
        {
            Endpoint = options.Endpoint,
            Name = options.Name,
            ThreadName = $"Bitget receive ({options.Name})",
            ConnectTimeout = options.ConnectTimeout,
            // A send blocks only once the peer has stopped reading for long; the connect timeout is the patience for that.
            SendTimeout = options.ConnectTimeout,
            Proxy = options.Proxy,
            CertificateValidation = options.CertificateValidation,
        }, this);
    }

    /// <summary>The thread the frame handler runs on, once connecting started.</summary>
    internal Thread? ReceiveThread => _transport.ReceiveThread;

    /// <summary>This connection's parser and channel readers (used only on its receive thread).</summary>
    public ConnectionRoutes Routes { get; }

    /// <summary>Completes with the reason once the connection is gone.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>Stopwatch timestamp of the moment the socket opened.</summary>
    public long OpenedAt { get; private set; }

    /// <summary>Frames sent through the pacer.</summary>
    public long Sent => _pacer?.Sent ?? 0;

    /// <summary>Connects; throws when the server cannot be reached within the connect timeout.</summary>
    public async Task OpenAsync(CancellationToken cancellation)
    {
        await _transport.ConnectAsync(cancellation).ConfigureAwait(false);
        OpenedAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref _lastFrame, OpenedAt);
        _pacer = new OutboundPacer(_options.MaxMessagesPerSecond, _options.SendQueueCapacity, SendText, _options.MaxSubscribeRequestsPerHour, _onBudgetExhausted);
        _watchdog = new PongWatchdog(_options.PingInterval, _options.PongTimeout,
            () => _pacer.TryEnqueue(OutboundMessage.Ping),
            () => _pacer.LastPingSent,
            () => Volatile.Read(ref _lastFrame),
            reason =>
            {
                Close(reason);
                // A half-open socket never returns from its read: abort it, rather than wait for the session to get to it.
                _transport.Abort();
            });
    }

    /// <summary>Queues a message for paced sending; false when the connection is closing or its queue is full.</summary>
    public bool Enqueue(OutboundMessage message) => !_closed.Task.IsCompleted && _pacer is not null && _pacer.TryEnqueue(message);

    /// <summary>Holds back requests (not pings) for a while: the server said it gets too many (30006).</summary>
    public void PauseRequests(TimeSpan pause) => _pacer?.PauseRequests(pause);

    /// <summary>Marks the connection closed with a reason; the session replaces it.</summary>
    public void Close(string reason) => _closed.TrySetResult(reason);

    /// <summary>Closes for a planned replacement (not a failure: the session reconnects at once).</summary>
    public void ClosePlanned(string reason)
    {
        Planned = true;
        Close(reason);
    }

    /// <summary>Whether the session closed this connection on purpose to replace it.</summary>
    public bool Planned { get; private set; }

    private bool SendText(OutboundMessage message) => !_closed.Task.IsCompleted && _transport.Send(message.Text);

    // On the receive thread: never throw, never block.
    void IFrameReceiver.OnFrame(ReadOnlySpan<byte> frame)
    {
        try
        {
            Volatile.Write(ref _lastFrame, Stopwatch.GetTimestamp());
            // Feeds posted to while the frame is handled owe their consumers a wake-up until the burst ends.
            _wakes.Enter();
            _onFrame(this, frame);
        }
        catch (Exception ex)
        {
            _onFault(this, ex);
        }
        finally
        {
            WakeBatch.Leave();
        }
    }

    void IFrameReceiver.OnReceiveDrained() => _wakes.Pay();

    void IFrameReceiver.OnClosed(string reason) => Close(reason);

    /// <summary>Closes politely when asked to (<paramref name="graceful"/>), else aborts; stops every loop.</summary>
    public async ValueTask CloseAndDisposeAsync(bool graceful)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Close("closed by the client");
        if (_watchdog is not null)
            await _watchdog.DisposeAsync().ConfigureAwait(false);
        if (_pacer is not null)
            await _pacer.DisposeAsync().ConfigureAwait(false);
        await _transport.CloseAsync(graceful).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => CloseAndDisposeAsync(graceful: false);
}
