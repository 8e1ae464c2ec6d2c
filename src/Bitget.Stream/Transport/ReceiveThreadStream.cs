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

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
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
