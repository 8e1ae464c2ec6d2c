using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Bitget.Stream.Transport;

/// <summary>
/// Opens one connection for a WebSocket library that takes a connection factory (<see cref="ConnectAsync"/>, as
/// Websocket.Client does): a <see cref="DedicatedReceiveThread"/> resolves, connects (through a proxy tunnel if one
/// applies), speaks TLS for wss and performs the upgrade, all with blocking calls on its own thread, then returns a
/// <see cref="WebSocket"/> over a <see cref="ReceiveThreadStream"/>, so the library's receive loop runs on that thread
/// and nowhere else. One connection attempt per instance.
/// </summary>
internal sealed class ReceiveThreadConnector
{
    private readonly FrameTransportSettings _settings;
    private readonly Action _beforeReceive;
    private BlockingSocketStream? _socket;
    private WebSocket? _webSocket;
    private ReceiveThreadStream? _stream;
    private string? _failure;
    private int _started;

    /// <param name="settings">How to connect.</param>
    /// <param name="beforeReceive">Runs on the receive thread before each read from the kernel, and as the thread ends.</param>
    public ReceiveThreadConnector(FrameTransportSettings settings, Action beforeReceive)
    {
        _settings = settings;
        _beforeReceive = beforeReceive;
    }

    /// <summary>The receive thread, once <see cref="ConnectAsync"/> started it.</summary>
    public DedicatedReceiveThread? ReceiveThread { get; private set; }

    /// <summary>Why the transport ended the connection itself (a send that timed out), or null.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>The status code of the close frame the WebSocket sent, once it sent one (see <see cref="ReceiveThreadStream.SentCloseStatus"/>).</summary>
    public int? SentCloseStatus => Volatile.Read(ref _stream)?.SentCloseStatus;

    /// <summary>Connects on a new receive thread; completes there with the open WebSocket.</summary>
    /// <exception cref="TimeoutException">Not connected within the connect timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired first.</exception>
    public Task<WebSocket> ConnectAsync(Uri endpoint, CancellationToken cancellation)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("A transport connects once.");
        // Completed on the receive thread, continuations inline: Websocket.Client's Start() continues there and makes its
        // first receive there, which the thread holds until Start() has returned (see DedicatedReceiveThread).
        var result = new TaskCompletionSource<WebSocket>();
        System.IO.Stream? tls = null;
        var thread = new DedicatedReceiveThread(_settings.ThreadName);
        ReceiveThread = thread;
        thread.Start(
            () =>
            {
                try
                {
                    result.SetResult(Connect(endpoint, thread, cancellation, out tls));
                }
                catch (Exception ex)
                {
                    result.SetException(ex);
                    throw;
                }
            },
            onExit: () =>
            {
                tls?.Dispose();
                _beforeReceive();
            });
        return result.Task;
    }

    /// <summary>Ends the connection now, whatever it is doing: a read blocked on the receive thread returns at once.</summary>
    public void Abort()
    {
        // The WebSocket's own abort disposes its stream (which shuts the socket down) and fails what waits on it.
        if (Volatile.Read(ref _webSocket) is { } webSocket)
            webSocket.Abort();
        Volatile.Read(ref _socket)?.Dispose();
    }

    // On the receive thread. Every blocking step is bounded: the connect timeout and the caller's cancellation dispose
    // the socket, which ends the blocked call with an error.
    private WebSocket Connect(Uri endpoint, DedicatedReceiveThread thread, CancellationToken cancellation, out System.IO.Stream? tls)
    {
        tls = null;
        var deadline = Environment.TickCount64 + (long)_settings.ConnectTimeout.TotalMilliseconds;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        budget.CancelAfter(_settings.ConnectTimeout);
        var proxy = ProxySelector.Select(endpoint, _settings.Proxy, _settings.EnvironmentProxy);
        if (proxy is not null)
            ProxySelector.Validate(proxy, "Proxy");
        var via = proxy ?? endpoint;
        BlockingSocketStream? socket = null;
        // The step under way, for the message when the connect timeout ends it.
        var step = ConnectStep.Tcp;
        try
        {
            socket = new BlockingSocketStream(
                SocketConnector.Connect(via.IdnHost, via.Port, deadline, budget.Token, _settings.Resolve),
                failure => Interlocked.CompareExchange(ref _failure, failure.Message, null));
            Volatile.Write(ref _socket, socket);
            System.IO.Stream stream = socket;
            using (budget.Token.UnsafeRegister(s => ((BlockingSocketStream)s!).Dispose(), socket))
            {
                if (proxy is not null)
                {
                    step = ConnectStep.ProxyTunnel;
                    ProxyTunnel.Open(socket, proxy, endpoint);
                }
                if (endpoint.Scheme == "wss")
                {
                    step = ConnectStep.Tls;
                    var ssl = new SslStream(socket, leaveInnerStreamOpen: false, _settings.CertificateValidation);
                    tls = ssl;
                    // Synchronous on purpose: SslStream then reads its inner stream synchronously, on this thread, for good.
                    ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
                    {
                        TargetHost = endpoint.IdnHost,
                        // As ClientWebSocket: no revocation lookups (they need network access of their own and stall).
                        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                    });
                    stream = ssl;
                }
                step = ConnectStep.Upgrade;
                WebSocketUpgradeHandshake.Perform(stream, endpoint);
            }
            budget.Token.ThrowIfCancellationRequested();
            // Only now: while connecting, the connect budget bounds every call; a send timeout applies from here on.
            socket.Socket.SendTimeout = (int)Math.Clamp(_settings.SendTimeout.TotalMilliseconds, 1, int.MaxValue);
            socket.BeforeReceive = _beforeReceive;
            var framed = new ReceiveThreadStream(stream, socket, thread);
            Volatile.Write(ref _stream, framed);
            var webSocket = WebSocket.CreateFromStream(framed, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            Volatile.Write(ref _webSocket, webSocket);
            return webSocket;
        }
        catch (Exception ex) when (budget.IsCancellationRequested)
        {
            socket?.Dispose();
            tls?.Dispose();
            tls = null;
            cancellation.ThrowIfCancellationRequested();
            // Once connected, without the error the blocked call ended with as inner exception: that ("closed the
            // connection") is the timeout's own doing, and the session reports the innermost exception.
            throw step == ConnectStep.Tcp ? new TimeoutException(TimedOut(step, endpoint, proxy), ex) : new TimeoutException(TimedOut(step, endpoint, proxy));
        }
        catch (Exception)
        {
            socket?.Dispose();
            tls?.Dispose();
            tls = null;
            throw;
        }
    }

    private enum ConnectStep
    {
        Tcp,
        ProxyTunnel,
        Tls,
        Upgrade,
    }

    // What the connect timeout cut short, and where: a server that accepts TCP and then says nothing is not "unreachable".
    private string TimedOut(ConnectStep step, Uri endpoint, Uri? proxy)
    {
        var within = $"within {_settings.ConnectTimeout.TotalSeconds:0.###} s";
        return step switch
        {
            ConnectStep.ProxyTunnel =>
                $"The proxy {ProxySelector.Display(proxy!)} accepted the connection but did not answer the request for a tunnel to {endpoint.Host}:{endpoint.Port} {within}.",
            ConnectStep.Tls => $"{endpoint} accepted the connection but did not complete the TLS handshake {within}.",
            ConnectStep.Upgrade => $"{endpoint} accepted the connection but did not answer the WebSocket upgrade {within}.",
            _ => $"Connecting to {endpoint}{(proxy is null ? "" : $" through the proxy {ProxySelector.Display(proxy)}")} " +
                 $"took longer than {_settings.ConnectTimeout.TotalSeconds:0.###} s.",
        };
    }
}
