using System.Net.Sockets;

namespace Bitget.Stream.Transport;

/// <summary>
/// A connected socket in blocking mode as a synchronous stream, read through a 64 KiB buffer. Blocking on purpose: a
/// read parks the calling thread in the kernel and wakes it when data is there, with no thread-pool work item or I/O-thread
/// hand-off in between (each of those is a thread wake-up, the main cost of a stream at realistic rates). It must stay
/// blocking at the OS level: .NET turns a socket non-blocking for good after one async call (or Socket.Blocking = false),
/// and emulates blocking calls through its I/O thread after that, so this stream never makes one. No receive timeout is ever
/// set (after one times out, Winsock leaves the socket in an indeterminate state): a blocked read ends when the socket is
/// shut down (<see cref="Dispose(bool)"/>). Before each read from the kernel it calls <see cref="BeforeReceive"/>: everything
/// read so far has been taken, so whatever it completed has been handled.
/// </summary>
internal sealed class BlockingSocketStream : System.IO.Stream
{
    /// <summary>Read buffer size: a burst of pushes is taken from the kernel in one call rather than frame by frame.</summary>
    public const int BufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly Action<Exception>? _onSendFailure;
    private int _start;
    private int _end;
    private int _disposed;

    /// <param name="socket">A connected stream socket in blocking mode; owned by the stream from now on.</param>
    /// <param name="onSendFailure">Called once when a write fails or times out, before the stream aborts itself.</param>
    public BlockingSocketStream(Socket socket, Action<Exception>? onSendFailure = null)
    {
        if (!socket.Blocking)
            throw new ArgumentException("The socket must be in blocking mode.", nameof(socket));
        _socket = socket;
        _onSendFailure = onSendFailure;
    }

    /// <summary>Called on the reading thread before each read from the kernel (set once connected), or null.</summary>
    public Action? BeforeReceive { get; set; }

    /// <summary>The socket (for its options and endpoints).</summary>
    public Socket Socket => _socket;

    /// <summary>Bytes read from the kernel but not yet taken.</summary>
    public int Buffered => _end - _start;

    /// <summary>Whether <see cref="Dispose(bool)"/> ran.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
            return 0;
        if (_start == _end && !Fill())
            return 0;
        var n = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    public override int ReadByte()
    {
        if (_start == _end && !Fill())
            return -1;
        return _buffer[_start++];
    }

    // Completed synchronously, never on the thread pool: the caller is the connection's own thread.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<int>(Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // False at the end of the stream.
    private bool Fill()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        BeforeReceive?.Invoke();
        int n;
        try
        {
            n = _socket.Receive(_buffer, SocketFlags.None);
        }
        catch (SocketException ex)
        {
            throw new IOException($"Receiving failed: {ex.Message}", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new IOException("The connection was aborted.", ex);
        }
        _start = 0;
        _end = n;
        return n > 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Sends everything or throws; a send that times out (the socket's SendTimeout) aborts the stream.</summary>
    public override void Write(ReadOnlySpan<byte> source)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        try
        {
            while (!source.IsEmpty)
            {
                var n = _socket.Send(source, SocketFlags.None);
                source = source[n..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            var failure = ex is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock }
                ? new IOException($"A send did not complete within {_socket.SendTimeout} ms: the peer stopped reading.", ex)
                : new IOException($"Sending failed: {ex.Message}", ex);
            if (!IsDisposed)
            {
                // A partly written frame leaves the stream unusable: end it, so the reader learns of it at once.
                _onSendFailure?.Invoke(failure);
                Dispose();
            }
            throw failure;
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Shuts the socket down first, so that a read blocked in another thread returns at once, then closes it.</summary>
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (disposing)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Not connected any more: closing is all that is left.
            }
            _socket.Dispose();
        }
        base.Dispose(disposing);
    }
}
