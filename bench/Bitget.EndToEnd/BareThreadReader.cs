using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Bitget.EndToEnd;

/// <summary>
/// The floor for a reader on a dedicated thread, as issue 8 defines it: a thread that owns a blocking socket, reads it
/// through a 64 KiB buffer and runs <see cref="WebSocket.CreateFromStream(System.IO.Stream, WebSocketCreationOptions)"/>
/// on top (every read completes synchronously on that thread), counting frames; no parsing, no queue, no hand-off, no
/// Websocket.Client. What receiving the same frames costs at all, in the same run as the rows compared with it.
/// </summary>
internal sealed class BareThreadReader : IDisposable
{
    private readonly Socket _socket;
    private readonly WebSocket _webSocket;
    private readonly Thread _thread;
    private readonly Counter _frames = new();

    /// <param name="ownThread">False: nothing is read until <see cref="ReadOnThisThread"/> is called (the pipeline thread's row).</param>
    public BareThreadReader(Uri endpoint, int symbols, bool ownThread = true)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(new IPEndPoint(IPAddress.Parse(endpoint.Host), endpoint.Port));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        _socket.Send(Encoding.ASCII.GetBytes($"GET {endpoint.PathAndQuery} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nUpgrade: websocket\r\n"
            + $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        // The response head, byte by byte (nothing behind it is consumed).
        var tail = 0u;
        var one = new byte[1];
        while (tail != 0x0D0A0D0A && _socket.Receive(one) == 1)
            tail = (tail << 8) | one[0];
        _webSocket = WebSocket.CreateFromStream(new SyncSocketStream(_socket),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        foreach (var request in BenchTopics.SubscribeRequests(symbols))
            _webSocket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        _thread = new Thread(() => ReadOnThisThread(null)) { IsBackground = true, Name = "bare reader" };
        if (ownThread)
            _thread.Start();
    }

    public long Frames => _frames.Value;

    /// <summary>Reads until the socket ends (or <see cref="Dispose"/>), calling <paramref name="onFrame"/> after each whole frame.</summary>
    public void ReadOnThisThread(Action? onFrame)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = _webSocket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).GetAwaiter().GetResult();
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                if (result.EndOfMessage)
                {
                    _frames.Increment();
                    onFrame?.Invoke();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        _socket.Dispose();
        if (_thread.IsAlive)
            _thread.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>A blocking socket as a stream read through 64 KiB, every call synchronous (async ones complete inline).</summary>
    private sealed class SyncSocketStream(Socket socket) : System.IO.Stream
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(Span<byte> destination)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = socket.Receive(_buffer);
                if (_end == 0)
                    return 0;
            }
            var n = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(destination);
            _start += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Write(ReadOnlySpan<byte> source)
        {
            while (!source.IsEmpty)
                source = source[socket.Send(source)..];
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
