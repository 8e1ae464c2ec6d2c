using System.Net.Sockets;

namespace Bitget.MockExchange;

/// <summary>
/// One accepted TCP connection of the mock's loopback server: its stream (a <see cref="TapStream"/>, so the benchmark push
/// modes can write pre-encoded frames to it once it is a WebSocket), and the ways it ends.
/// </summary>
internal sealed class MockHttpConnection
{
    private readonly Socket _socket;
    private int _closed;

    public MockHttpConnection(Socket socket, long id)
    {
        _socket = socket;
        Id = id;
        // As Kestrel: a frame leaves at once instead of waiting for the ack of the one before.
        _socket.NoDelay = true;
        Stream = new TapStream(new NetworkStream(socket, ownsSocket: true));
    }

    public long Id { get; }

    /// <summary>The connection's bytes; the WebSocket is built on it after the upgrade.</summary>
    public TapStream Stream { get; }

    /// <summary>The WebSocket path asked for (set by the upgrade), e.g. <c>/v2/ws/private</c>.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>TCP-level abort: both directions shut, the socket closed; the client sees the connection reset or ended.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception) { /* already gone */ }
        Stream.Dispose();
    }

    /// <summary>
    /// Ends the connection after what was written reaches the client: a FIN now; the socket is closed once the client
    /// closes its side (a pending read sees it) or after <paramref name="linger"/>.
    /// </summary>
    public async Task CloseGracefullyAsync(TimeSpan linger)
    {
        if (Volatile.Read(ref _closed) == 1)
        {
            return;
        }

        try { _socket.Shutdown(SocketShutdown.Send); } catch (Exception) { /* already gone */ }
        try
        {
            // Reading until the client closes keeps the close a FIN: closing with unread bytes would send a reset.
            var buffer = new byte[1024];
            using var timeout = new CancellationTokenSource(linger);
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception)
        {
            // Timed out, reset, or closed under us.
        }

        Abort();
    }

    /// <summary>
    /// Completes when the client has gone (its FIN or reset), or <paramref name="ct"/> is cancelled. For a connection
    /// nothing else reads any more (a close frame held unanswered).
    /// </summary>
    public async Task WaitForClientGoneAsync(CancellationToken ct)
    {
        var buffer = new byte[1024];
        try
        {
            while (await Stream.ReadAsync(buffer, ct).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception)
        {
            // Reset, disposed, or cancelled: gone or no longer waited for.
        }
    }
}
