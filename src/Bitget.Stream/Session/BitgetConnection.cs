using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Bitget.Stream.Transport;
using Websocket.Client;

namespace Bitget.Stream.Session;

/// <summary>
/// One socket of a session: a Websocket.Client used as plain transport (its own reconnect logic is off:
/// the session decides when and how to reconnect), the pacer for what is sent, and the pong watchdog.
/// Websocket.Client connects through a <see cref="WebSocketTransport"/>, so its receive loop, and with it the frame
/// handler, runs on this connection's own <see cref="DedicatedReceiveThread"/>.
/// It lives until it closes once; the session then opens a new one.
/// </summary>
internal sealed class BitgetConnection : IAsyncDisposable, IRequestQueue
{
    internal delegate void FrameHandler(BitgetConnection connection, ReadOnlySpan<byte> frame);

    private readonly BitgetSessionOptions _options;
    private readonly FrameHandler _onFrame;
    private readonly Action<BitgetConnection, Exception> _onFault;
    private readonly Action<int>? _onBudgetExhausted;
    private readonly WebsocketClient _client;
    private readonly WebSocketTransport _transport;
    private readonly List<IDisposable> _subscriptions = [];
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
        _transport = new WebSocketTransport(new WebSocketTransportSettings
        {
            ThreadName = $"Bitget receive ({options.Name})",
            ConnectTimeout = options.ConnectTimeout,
            // A send blocks only once the peer has stopped reading for long; the connect timeout is the patience for that.
            SendTimeout = options.ConnectTimeout,
            Proxy = options.Proxy,
            CertificateValidation = options.CertificateValidation,
            LendReads = options.LendReads,
        });
        _client = new WebsocketClient(options.Endpoint, logger: null, connectionFactory: _transport.ConnectAsync)
        {
            Name = options.Name,
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,
            ConnectTimeout = options.ConnectTimeout,
            // Frames arrive as bytes: the parser reads UTF-8 directly, no string round trip.
            IsTextMessageConversionEnabled = false,
        };
        _subscriptions.Add(_client.MessageReceived.Subscribe(OnMessage));
        _subscriptions.Add(_client.DisconnectionHappened.Subscribe(OnDisconnected));
    }

    /// <summary>Lends this connection's socket reads to a consumer about to wait (see <see cref="ReadLender"/>), once connected.</summary>
    internal ReadLender? ReadLender => _transport.Lender;

    /// <summary>The thread the frame handler runs on, once connecting started (or a consumer borrowing its reads).</summary>
    internal Thread? ReceiveThread => _transport.ReceiveThread?.Thread;

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
        await _client.StartOrFail().WaitAsync(cancellation).ConfigureAwait(false);
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

    private bool SendText(OutboundMessage message) => !_closed.Task.IsCompleted && _client.Send(message.Text);

    // Runs on Websocket.Client's receive loop: never throw, never block.
    private void OnMessage(ResponseMessage message)
    {
        try
        {
            Volatile.Write(ref _lastFrame, Stopwatch.GetTimestamp());
            // With text conversion off, Websocket.Client hands text and binary frames over alike as bytes (verified
            // against 5.5.1): a binary frame is parsed like any other and counted as bad unless it is valid JSON.
            if (message.Binary is { } bytes)
                _onFrame(this, bytes);
            else if (message.Stream is { } stream)
            {
                using (stream)
                    _onFrame(this, stream.TryGetBuffer(out var segment) ? segment.AsSpan() : stream.ToArray());
            }
            else if (message.Text is { } text)
            {
                var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
                try
                {
                    var length = Encoding.UTF8.GetBytes(text, rented);
                    _onFrame(this, rented.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
        catch (Exception ex)
        {
            _onFault(this, ex);
        }
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        try
        {
            var reason = info.Type switch
            {
                DisconnectionType.ByServer => "closed by the server",
                DisconnectionType.Lost => "connection lost",
                DisconnectionType.NoMessageReceived => "no message received",
                DisconnectionType.Error => "connection error",
                DisconnectionType.ByUser => "closed by the client",
                DisconnectionType.Exit => "closed",
                _ => info.Type.ToString(),
            };
            if (info.CloseStatus is { } status)
                reason += $" (close code {(int)status}{(string.IsNullOrEmpty(info.CloseStatusDescription) ? "" : ": " + info.CloseStatusDescription)})";
            if (_transport.Failure is { } failure)
                reason += $": {failure}";
            else if (info.Exception is { } ex)
                reason += $": {ex.GetBaseException().Message}";
            Close(reason);
        }
        catch (Exception ex)
        {
            _onFault(this, ex);
        }
    }

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
        if (graceful && _client.IsRunning)
        {
            // Stop() can hang until the peer answers (websocket-client #139): bound it, then abort.
            try
            {
                await _client.Stop(WebSocketCloseStatus.NormalClosure, "bye").WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Abort below.
            }
        }
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
        _client.Dispose();
    }

    public ValueTask DisposeAsync() => CloseAndDisposeAsync(graceful: false);
}
