using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Bitget.EndToEnd;

/// <summary>
/// A minimal Bitget-like WebSocket server for the arrival-pattern rows, run as a child process of this benchmark
/// (<c>--serve-pattern even|bursts --rate N --burst-ms N</c>), so that its CPU is its own. It answers the upgrade,
/// pings and subscribe requests, and pushes pre-encoded USDT-FUTURES ticker frames round-robin over the subscribed
/// symbols on one thread per connection: <b>even</b> writes one frame every 1/rate s (an absolute-deadline
/// clock_nanosleep, timer slack 1 ns: precise without spinning); <b>bursts</b> writes rate × burst-ms / 1000 frames in
/// one socket write every burst-ms. Frames of a symbol alternate between four variants with one ts (the session skips
/// only a repeat of the previous push). It reads "count" lines on stdin and answers "SENT n" (frames written so far);
/// "hold" stops every connection's writes (the pushers keep their pace but skip them) and "resume" starts them again,
/// both answered "OK": the --peers runs hold the server before a client stops, so that every frame written reached
/// the client and its count can be checked exactly. It speaks v2 on <c>/v2/ws/public</c> (the banner's endpoint) and v3
/// on <c>/v3/ws/public</c> (<see cref="V3Endpoint"/>): the same tickers with the same values, spelt as each API sends
/// them (v3: <c>topic</c>/<c>symbol</c>, lower-case instType, its field names and order as captured live, no symbol
/// or time inside <c>data</c>), so that the two APIs can be measured against one server.
/// </summary>
internal static class PatternServer
{
    public const string Banner = "Bitget pattern server listening on ";
    private static long s_sent;
    private static long s_connections;
    private static volatile bool s_hold;

    public static int Run(string pattern, int rate, int burstMs)
    {
        var even = pattern switch
        {
            "even" => true,
            "bursts" => false,
            _ => throw new FormatException("--serve-pattern is even or bursts"),
        };
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        Console.WriteLine($"{Banner}ws://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/v2/ws/public");
        Console.Out.Flush();
        var acceptor = new Thread(() =>
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = listener.Accept();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }
                new Thread(() => Serve(client, even, rate, burstMs)) { IsBackground = true, Name = "pattern connection" }.Start();
            }
        }) { IsBackground = true };
        acceptor.Start();
        while (Console.ReadLine() is { } line)
        {
            if (line == "count")
                Console.WriteLine($"SENT {Interlocked.Read(ref s_sent)}");
            else if (line is "hold" or "resume")
            {
                s_hold = line == "hold";
                Console.WriteLine("OK");
            }
            Console.Out.Flush();
        }
        return 0;
    }

    /// <summary>The v3 socket of the server whose banner names <paramref name="v2Endpoint"/>.</summary>
    public static Uri V3Endpoint(Uri v2Endpoint) => new(v2Endpoint, "/v3/ws/public");

    private static void Serve(Socket socket, bool even, int rate, int burstMs)
    {
        socket.NoDelay = true;
        var sendLock = new object();
        var symbols = new List<string>();
        var stop = false;
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            var head = ReadHead(stream);
            var v3 = head.StartsWith("GET /v3/", StringComparison.Ordinal);
            var connId = $"{Interlocked.Increment(ref s_connections):x8}-0000-4000-8000-000000000000";
            var key = head.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));

            Thread? pusher = null;
            while (true)
            {
                var (opcode, payload) = ReadFrame(stream);
                if (opcode == 8)
                {
                    lock (sendLock)
                        socket.Send(Frame(0x88, payload));
                    return;
                }
                if (opcode != 1)
                    continue;
                var text = Encoding.UTF8.GetString(payload);
                if (text == "ping")
                {
                    lock (sendLock)
                        socket.Send(Frame(0x81, "pong"u8));
                    continue;
                }
                if (!text.Contains("\"subscribe\"", StringComparison.Ordinal))
                    continue;
                var acks = new List<byte>();
                foreach (var part in text.Split(v3 ? "\"symbol\":\"" : "\"instId\":\"").Skip(1))
                {
                    var symbol = part[..part.IndexOf('"')];
                    acks.AddRange(Frame(0x81, Encoding.UTF8.GetBytes(v3
                        ? $"{{\"event\":\"subscribe\",\"arg\":{{\"instType\":\"usdt-futures\",\"topic\":\"ticker\",\"symbol\":\"{symbol}\"}},\"connId\":\"{connId}\"}}"
                        : $"{{\"event\":\"subscribe\",\"arg\":{{\"instType\":\"USDT-FUTURES\",\"channel\":\"ticker\",\"instId\":\"{symbol}\"}}}}")));
                    lock (symbols)
                        symbols.Add(symbol);
                }
                lock (sendLock)
                    socket.Send(acks.ToArray());
                if (pusher is null)
                {
                    pusher = new Thread(() => Push(socket, sendLock, symbols, v3, even, rate, burstMs, () => Volatile.Read(ref stop)))
                    { IsBackground = true, Name = "pattern pusher" };
                    pusher.Start();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Volatile.Write(ref stop, true);
        }
    }

    private static void Push(Socket socket, object sendLock, List<string> symbols, bool v3, bool even, int rate, int burstMs, Func<bool> stopped)
    {
        // Let the other subscribe requests of this client arrive (they come paced, 8 a second at most; v3 takes 10
        // topics a request, so 20 topics are two requests there).
        Thread.Sleep(300);
        string[] names;
        lock (symbols)
            names = [.. symbols];
        var frames = Encode(names, v3);
        var sentAtField = v3 ? s_v3SentAtField : s_sentAtField;
        SetTimerSlack();
        var interval = even ? Stopwatch.Frequency / rate : Stopwatch.Frequency * burstMs / 1000;
        var perTick = even ? 1 : Math.Max(1, rate * burstMs / 1000);
        var next = Stopwatch.GetTimestamp();
        var index = 0;
        var batch = new List<byte>(perTick * 700);
        try
        {
            while (!stopped())
            {
                next += interval;
                SleepUntil(next);
                if (s_hold)
                    continue;
                batch.Clear();
                // Each frame carries the time it is written (see SentAtField): the client measures write → consumer.
                var sentAt = DateTime.UtcNow.Ticks;
                for (var i = 0; i < perTick; i++)
                {
                    StampSentAt(frames[index], sentAtField, sentAt);
                    batch.AddRange(frames[index]);
                    index = (index + 1) % frames.Length;
                }
                lock (sendLock)
                    socket.Send(CollectionsMarshal.AsSpan(batch));
                Interlocked.Add(ref s_sent, perTick);
                // Behind by more than a second (a stall): start afresh rather than catch up in one burst.
                if (Stopwatch.GetTimestamp() - next > Stopwatch.Frequency)
                    next = Stopwatch.GetTimestamp();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// The field of every pushed ticker that holds, as 19 digits, DateTime.UtcNow.Ticks when the server wrote the frame
    /// (deliveryPrice: 0 for perpetuals on the exchange, so no other figure depends on it); the session parses it into
    /// BitgetTicker.DeliveryPrice, and the consumer subtracts it from its own clock (the same CLOCK_REALTIME, one machine).
    /// </summary>
    public const string SentAtField = "\"deliveryPrice\":\"";

    /// <summary>
    /// The same on v3, whose ticker has no <c>deliveryPrice</c>: <c>turnover24h</c> (BitgetTicker.QuoteVolume), which
    /// nothing else here reads; v2's <c>quoteVolume</c> keeps its value, so the v3 frame has one digit string of 19
    /// digits where v2 has two (<c>deliveryPrice</c> and a 12-character volume): the frames stay comparable.
    /// </summary>
    public const string V3SentAtField = "\"turnover24h\":\"";

    private static readonly byte[] s_sentAtField = Encoding.ASCII.GetBytes(SentAtField);
    private static readonly byte[] s_v3SentAtField = Encoding.ASCII.GetBytes(V3SentAtField);

    private static void StampSentAt(byte[] frame, byte[] field, long ticks)
    {
        var at = frame.AsSpan().IndexOf(field) + field.Length;
        ticks.TryFormat(frame.AsSpan(at, 19), out _, "D19", CultureInfo.InvariantCulture);
    }

    // Round-robin over the symbols, four variants each, as WebSocket text frames.
    private static byte[][] Encode(string[] symbols, bool v3)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var frames = new List<byte[]>();
        for (var variant = 0; variant < 4; variant++)
        {
            foreach (var s in symbols)
            {
                var last = (27000.5m + variant).ToString(CultureInfo.InvariantCulture);
                if (v3)
                {
                    // The captured v3 futures ticker's keys in its order (tests/fixtures/bitget-uta/v3-ticker-futures.json),
                    // with v2's values above.
                    frames.Add(Frame(0x81, Encoding.UTF8.GetBytes(
                        "{\"action\":\"snapshot\",\"arg\":{\"instType\":\"usdt-futures\",\"topic\":\"ticker\",\"symbol\":\"" + s + "\"},\"data\":[{"
                        + $"\"highPrice24h\":\"30668.5\",\"lowPrice24h\":\"26999.0\",\"openPrice24h\":\"27000.5\",\"lastPrice\":\"{last}\","
                        + "\"turnover24h\":\"0000000000000000000\",\"volume24h\":\"368.900\",\"bid1Price\":\"27000\",\"ask1Price\":\"27000.5\","
                        + "\"bid1Size\":\"2.71\",\"ask1Size\":\"8.76\",\"price24hPcnt\":\"-0.00002\",\"indexPrice\":\"25702.4\",\"markPrice\":\"27000.0\","
                        + "\"fundingRate\":\"0.000010\",\"openInterest\":\"929.502\",\"deliveryTime\":\"\",\"deliveryStartTime\":\"\",\"deliveryStatus\":\"\","
                        + $"\"nextFundingTime\":\"1695722400000\"}}],\"ts\":{ts}}}")));
                    continue;
                }
                var json = "{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"ticker\",\"instId\":\"" + s + "\"},\"data\":[{"
                    + $"\"instId\":\"{s}\",\"lastPr\":\"{last}\",\"bidPr\":\"27000\",\"askPr\":\"27000.5\",\"bidSz\":\"2.71\",\"askSz\":\"8.76\","
                    + "\"open24h\":\"27000.5\",\"high24h\":\"30668.5\",\"low24h\":\"26999.0\",\"change24h\":\"-0.00002\",\"fundingRate\":\"0.000010\","
                    + "\"nextFundingTime\":\"1695722400000\",\"markPrice\":\"27000.0\",\"indexPrice\":\"25702.4\",\"holdingAmount\":\"929.502\","
                    + "\"baseVolume\":\"368.900\",\"quoteVolume\":\"10152429.961\",\"openUtc\":\"27000.5\",\"symbolType\":1,"
                    + $"\"symbol\":\"{s}\",\"deliveryPrice\":\"0000000000000000000\",\"ts\":\"{ts}\"}}],\"ts\":{ts}}}";
                frames.Add(Frame(0x81, Encoding.UTF8.GetBytes(json)));
            }
        }
        return [.. frames];
    }

    private static byte[] Frame(byte first, ReadOnlySpan<byte> payload)
    {
        var header = payload.Length < 126 ? new byte[] { first, (byte)payload.Length }
            : payload.Length < 65536 ? [first, 126, (byte)(payload.Length >> 8), (byte)payload.Length]
            : throw new ArgumentException("frame too large");
        return [.. header, .. payload];
    }

    private static string ReadHead(System.IO.Stream stream)
    {
        var bytes = new List<byte>();
        while (bytes.Count < 4 || bytes[^1] != '\n' || bytes[^2] != '\r' || bytes[^3] != '\n' || bytes[^4] != '\r')
        {
            var b = stream.ReadByte();
            if (b < 0)
                throw new IOException("closed");
            bytes.Add((byte)b);
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    // A client frame (masked, unfragmented: what the clients here send).
    private static (int Opcode, byte[] Payload) ReadFrame(System.IO.Stream stream)
    {
        var h = new byte[2];
        stream.ReadExactly(h);
        long length = h[1] & 0x7F;
        if (length == 126)
        {
            var l = new byte[2];
            stream.ReadExactly(l);
            length = (l[0] << 8) | l[1];
        }
        else if (length == 127)
        {
            var l = new byte[8];
            stream.ReadExactly(l);
            length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(l);
        }
        var mask = new byte[4];
        if ((h[1] & 0x80) != 0)
            stream.ReadExactly(mask);
        var payload = new byte[length];
        stream.ReadExactly(payload);
        for (var i = 0; i < payload.Length; i++)
            payload[i] ^= mask[i % 4];
        return (h[0] & 0x0F, payload);
    }

    private static void SleepUntil(long stopwatchTicks)
    {
        var wait = stopwatchTicks - Stopwatch.GetTimestamp();
        if (wait <= 0)
            return;
        if (!OperatingSystem.IsLinux())
        {
            Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            return;
        }
        // Stopwatch is CLOCK_MONOTONIC in nanoseconds on Linux: an absolute deadline on the same clock.
        var ns = stopwatchTicks * (1_000_000_000 / Stopwatch.Frequency);
        var ts = new TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        while (ClockNanosleep(1 /* CLOCK_MONOTONIC */, 1 /* TIMER_ABSTIME */, ref ts, IntPtr.Zero) == 4 /* EINTR */)
        {
        }
    }

    private static void SetTimerSlack()
    {
        if (OperatingSystem.IsLinux())
            _ = Prctl(29 /* PR_SET_TIMERSLACK */, 1, 0, 0, 0);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    private static extern int ClockNanosleep(int clock, int flags, ref TimeSpec request, IntPtr remain);

    [DllImport("libc", EntryPoint = "prctl")]
    private static extern int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
