namespace Bitget.Stream.Transport;

/// <summary>
/// The stream a connection's <see cref="System.Net.WebSockets.WebSocket"/> reads and writes: reads complete inline when
/// made on the connection's <see cref="DedicatedReceiveThread"/> (once connected) and are handed over to it otherwise; writes
/// go straight to the socket on the caller's thread (a blocking send, bounded by the socket's send timeout). Over
/// <c>wss</c> the inner stream is an <see cref="System.Net.Security.SslStream"/>, used only through its synchronous
/// calls, so it never leaves the thread either. Disposing it (WebSocket.Abort does) shuts the socket down, which ends a
/// read blocked on the receive thread at once.
/// </summary>
internal sealed class ReceiveThreadStream : System.IO.Stream
{
    private readonly System.IO.Stream _inner;
    private readonly BlockingSocketStream _socket;
    private readonly DedicatedReceiveThread _thread;
    private readonly Func<Memory<byte>, int> _readOnThread;
    private int _disposed;
    private int _sentCloseStatus = -1;

    /// <param name="inner">What to read and write: <paramref name="socket"/> itself, or a TLS stream over it.</param>
    /// <param name="socket">The socket stream under <paramref name="inner"/>.</param>
    /// <param name="thread">The connection's receive thread.</param>
    public ReceiveThreadStream(System.IO.Stream inner, BlockingSocketStream socket, DedicatedReceiveThread thread)
    {
        _inner = inner;
        _socket = socket;
        _thread = thread;
        _readOnThread = buffer => _inner.Read(buffer.Span);
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_thread.ReadsInline)
            return _thread.HandOver(buffer, _readOnThread);
        try
        {
            return new ValueTask<int>(_inner.Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => _thread.ReadsInline
        ? _inner.Read(buffer)
        : throw new InvalidOperationException("Synchronous reads are made on the connection's receive thread only.");

    /// <summary>
    /// The status code of the first close frame the WebSocket sent on this stream, or null. When the WebSocket fails the
    /// connection itself (RFC 6455 §7.1.7), the code says why: 1007 for a text frame that is not UTF-8, 1002 for a
    /// protocol error. Its exception says only that it entered the Aborted state.
    /// </summary>
    public int? SentCloseStatus => Volatile.Read(ref _sentCloseStatus) is var status and >= 0 ? status : null;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        NoteCloseFrame(buffer);
        _inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            NoteCloseFrame(buffer.Span);
            _inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A client's close frame (RFC 6455 §5.5.1): FIN + opcode 8, the mask bit and a payload length under 126, the 4-byte
    // mask, then the masked payload, whose first two bytes are the status code. The WebSocket writes a frame in one call;
    // a frame written in pieces is just not noted (the reason then stays the WebSocket's own).
    private void NoteCloseFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 8 || frame[0] != 0x88 || (frame[1] & 0x80) == 0 || (frame[1] & 0x7F) is < 2 or > 125)
            return;
        var status = ((frame[6] ^ frame[2]) << 8) | (frame[7] ^ frame[3]);
        Interlocked.CompareExchange(ref _sentCloseStatus, status, -1);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        _inner.Flush();
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (disposing)
        {
            // The socket first (a blocked read returns), then the thread; the TLS layer is disposed by the thread as
            // it ends, never under a read still running there.
            _socket.Dispose();
            _thread.Stop();
        }
        base.Dispose(disposing);
    }
}
