using System.Net.WebSockets;
using Bitget.Stream.Protocol;
using Websocket.Client;

namespace Bitget.Stream.Transport;

/// <summary>
/// The module's <see cref="IFrameTransport"/>: a Websocket.Client used as plain transport (its own reconnect logic is
/// off: the session decides when and how to reconnect) over a <see cref="ReceiveThreadConnector"/>, so its receive loop,
/// and with it every <see cref="IFrameReceiver.OnFrame"/>, runs on this connection's own receive thread.
/// Websocket.Client stays in charge of starting, the send queue, stopping and the events.
/// </summary>
internal sealed class WebsocketClientTransport : IFrameTransport
{
    private readonly IFrameReceiver _receiver;
    private readonly ReceiveThreadConnector _connector;
    private readonly WebsocketClient _client;
    private readonly IDisposable _messages;
    private readonly IDisposable _disconnections;
    private int _disposed;

    private static readonly TimeSpan LibraryTimeoutMargin = TimeSpan.FromSeconds(5);

    public WebsocketClientTransport(FrameTransportSettings settings, IFrameReceiver receiver)
    {
        _receiver = receiver;
        _connector = new ReceiveThreadConnector(settings, receiver.OnReceiveDrained);
        _client = new WebsocketClient(settings.Endpoint, logger: null, connectionFactory: _connector.ConnectAsync)
        {
            Name = settings.Name,
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,
            // The connector bounds the connect itself and says which step ran out of time: the library's own timeout
            // (which cancels the connector, so that the user would see only "The operation was canceled.") comes later.
            ConnectTimeout = settings.ConnectTimeout + LibraryTimeoutMargin,
            // Frames arrive as bytes: the parser reads UTF-8 directly, no string round trip. Each is a copy (a byte[]):
            // taking the library's pooled stream instead saves that copy (330 B a frame) but costs more CPU than it saves
            // (the transport alone: 1.2 -> 2.8 µs a frame in a flood, measured side by side, 2026-12-07).
            IsTextMessageConversionEnabled = false,
        };
        _messages = _client.MessageReceived.Subscribe(OnMessage);
        _disconnections = _client.DisconnectionHappened.Subscribe(OnDisconnected);
    }

    /// <summary>A factory for the session options (<c>BitgetSessionOptions.TransportFactory</c>).</summary>
    public static IFrameTransport Create(FrameTransportSettings settings, IFrameReceiver receiver) => new WebsocketClientTransport(settings, receiver);

    public Thread? ReceiveThread => _connector.ReceiveThread?.Thread;

    public Task ConnectAsync(CancellationToken cancellation) => _client.StartOrFail().WaitAsync(cancellation);

    public bool Send(string text) => _client.Send(text);

    public void Abort() => _connector.Abort();

    public async ValueTask CloseAsync(bool graceful)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (graceful && _client.IsRunning)
        {
            // Stop() can hang until the peer answers (websocket-client #139): bound it, then abort.
            try
            {
                await _client.Stop(WebSocketCloseStatus.NormalClosure, "bye").WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Aborted below.
            }
        }
        _messages.Dispose();
        _disconnections.Dispose();
        _client.Dispose();
        _connector.Abort();
    }

    public ValueTask DisposeAsync() => CloseAsync(graceful: false);

    // On the receive thread (Websocket.Client's receive loop): never throw.
    private void OnMessage(ResponseMessage message)
    {
        // With text conversion off, Websocket.Client hands text and binary frames over alike as bytes (verified against
        // 5.5.1): a binary frame goes the same way, and the parser counts it as bad unless it is valid JSON.
        if (message.Binary is { } bytes)
            _receiver.OnFrame(bytes);
        else if (message.Stream is { } stream)
        {
            using (stream)
                _receiver.OnFrame(stream.TryGetBuffer(out var segment) ? segment.AsSpan() : stream.ToArray());
        }
        else if (message.Text is { } text)
            _receiver.OnFrame(System.Text.Encoding.UTF8.GetBytes(text));
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        // The WebSocket failed the connection itself: its exception only says "Aborted state"; the code it closed with says why.
        if (info.Type != DisconnectionType.ByUser && _connector.SentCloseStatus is (int)WebSocketCloseStatus.InvalidPayloadData)
        {
            _receiver.OnClosed("the server sent a text frame that is not valid UTF-8, which ends a WebSocket connection (the client closed it with code 1007, as RFC 6455 requires)");
            return;
        }
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
        // The close description is the server's text, and so may be an exception's message (a library quoting it).
        if (info.CloseStatus is { } status)
            reason += $" (close code {(int)status}{(string.IsNullOrEmpty(info.CloseStatusDescription) ? "" : ": " + ServerText.Escape(info.CloseStatusDescription))})";
        if (_connector.Failure is { } failure)
            reason += $": {ServerText.Escape(failure)}";
        else if (info.Exception is { } ex)
            reason += $": {ServerText.Escape(ex.GetBaseException().Message)}";
        _receiver.OnClosed(reason);
    }
}
