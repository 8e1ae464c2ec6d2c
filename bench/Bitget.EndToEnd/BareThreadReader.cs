using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Bitget.EndToEnd;

/// <summary>
/// The floor for a reader on a dedicated thread: a blocking socket, its own upgrade, one subscribe request, then a
/// thread that reads 64 KiB at a time and counts WebSocket data frames by their headers (no parsing, no queue, no
/// hand-off). What receiving the frames costs at all on this machine, in the same run as the rows compared with it.
/// </summary>
internal sealed class BareThreadReader : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly Counter _frames = new();

    public BareThreadReader(Uri endpoint, int symbols)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(new IPEndPoint(IPAddress.Parse(endpoint.Host), endpoint.Port));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        _socket.Send(Encoding.ASCII.GetBytes($"GET {endpoint.PathAndQuery} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nUpgrade: websocket\r\n"
            + $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        // The head, byte by byte (nothing of the frames behind it is consumed).
        var seen = 0;
        var one = new byte[1];
        while (seen < 4 && _socket.Receive(one) == 1)
            seen = one[0] == (seen % 2 == 0 ? '\r' : '\n') ? seen + 1 : one[0] == '\r' ? 1 : 0;
        foreach (var request in BenchTopics.SubscribeRequests(symbols))
            _socket.Send(MaskedTextFrame(request));
        _thread = new Thread(Run) { IsBackground = true, Name = "bare reader" };
        _thread.Start();
    }

    public long Frames => _frames.Value;

    private void Run()
    {
        var buffer = new byte[64 * 1024];
        var start = 0;
        var end = 0;
        long skip = 0; // payload bytes of the current frame still to pass
        try
        {
            while (true)
            {
                if (start == end)
                {
                    start = 0;
                    end = _socket.Receive(buffer);
                    if (end == 0)
                        return;
                }
                if (skip > 0)
                {
                    var n = (int)Math.Min(skip, end - start);
                    start += n;
                    skip -= n;
                    continue;
                }
                // A frame header: 2 bytes, + 2 or 8 for the length (server frames are unmasked).
                if (end - start < 10 && !Gather(buffer, ref start, ref end, 10))
                    continue;
                var len = buffer[start + 1] & 0x7F;
                var header = len == 126 ? 4 : len == 127 ? 10 : 2;
                long payload = len == 126 ? (buffer[start + 2] << 8) | buffer[start + 3]
                    : len == 127 ? (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(buffer.AsSpan(start + 2)) : len;
                if (end - start < header)
                    continue;
                start += header;
                skip = payload;
                _frames.Increment();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    // Moves what is left to the front and reads more until at least `need` bytes are there (or the stream ends).
    private bool Gather(byte[] buffer, ref int start, ref int end, int need)
    {
        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        while (end < 2 || end < HeaderLength(buffer))
        {
            var n = _socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
            if (n == 0)
                throw new ObjectDisposedException("socket");
            end += n;
        }
        return true;
    }

    private static int HeaderLength(byte[] buffer) => (buffer[1] & 0x7F) switch { 126 => 4, 127 => 10, _ => 2 };

    private static byte[] MaskedTextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var mask = RandomNumberGenerator.GetBytes(4);
        var header = payload.Length < 126 ? new byte[] { 0x81, (byte)(0x80 | payload.Length) }
            : [0x81, 0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length];
        for (var i = 0; i < payload.Length; i++)
            payload[i] ^= mask[i % 4];
        return [.. header, .. mask, .. payload];
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
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
