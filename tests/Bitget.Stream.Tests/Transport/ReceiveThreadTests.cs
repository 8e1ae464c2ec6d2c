using System.Net;
using System.Net.Sockets;
using Bitget.MockExchange;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Transport;

/// <summary>
/// Each connection reads on its own named thread: the frame handler runs there, a read from another thread is handed
/// over to it, an abort ends a read blocked there, the pong watchdog aborts a half-open socket, a stuck send times out.
/// </summary>
public sealed class ReceiveThreadTests : IAsyncLifetime
{
    private MockBitgetExchange _mock = null!;

    public async Task InitializeAsync() =>
        _mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(5) });

    public async Task DisposeAsync() => await _mock.DisposeAsync();

    private BitgetConnection NewConnection(BitgetConnection.FrameHandler onFrame, Action<BitgetSessionOptions>? configure = null)
    {
        var options = new BitgetSessionOptions { Endpoint = _mock.PublicEndpoint, Name = "thread-test" };
        configure?.Invoke(options);
        return new BitgetConnection(options.Validate(), new ConnectionRoutes([], new SymbolTable()), onFrame, (_, _) => { });
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(10);
        }
        return true;
    }

    [Fact]
    public async Task EveryFrameIsHandledOnTheConnectionsNamedDedicatedThread()
    {
        var threads = new List<Thread>();
        await using var connection = NewConnection((_, _) =>
        {
            lock (threads)
                threads.Add(Thread.CurrentThread);
        });
        await connection.OpenAsync(CancellationToken.None);
        foreach (var request in SubscriptionRequestBuilder.BuildMessages(OutboundMessageKind.Subscribe,
                     [BitgetTopic.Ticker("SPOT", "BTCUSDT"), BitgetTopic.Ticker("SPOT", "ETHUSDT")], 10))
            Assert.True(connection.Enqueue(request));
        Assert.True(await EventuallyAsync(() => { lock (threads) return threads.Count >= 200; }), "frames arrived");

        var receiveThread = connection.ReceiveThread!;
        Assert.Equal("Bitget receive (thread-test)", receiveThread.Name);
        Assert.True(receiveThread.IsBackground);
        lock (threads)
            Assert.All(threads, t => Assert.Same(receiveThread, t));
    }

    [Fact]
    public async Task ThePongWatchdogAbortsAHalfOpenSocketAndItsThreadEnds()
    {
        // The server stays connected but says nothing, pongs included: the read blocks for good unless aborted.
        _mock.Options.AnswerPings = false;
        _mock.Options.SendData = false;
        await using var connection = NewConnection((_, _) => { }, o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(100);
            o.PongTimeout = TimeSpan.FromMilliseconds(300);
        });
        await connection.OpenAsync(CancellationToken.None);
        var reason = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("no pong", reason);
        // Nobody disposes the connection here: the watchdog's abort alone must end the blocked read.
        Assert.True(await EventuallyAsync(() => !connection.ReceiveThread!.IsAlive), "the receive thread ended");
    }

    [Fact]
    public async Task AReadFromAnotherThreadIsHandedOverAndStopFailsAPendingOne()
    {
        var thread = new DedicatedReceiveThread("hand-over test");
        using var connected = new ManualResetEventSlim();
        thread.Start(connected.Set);
        Assert.True(connected.Wait(TimeSpan.FromSeconds(10)));

        Thread? ranOn = null;
        var n = await thread.HandOver(new byte[8], buffer =>
        {
            ranOn = Thread.CurrentThread;
            buffer.Span[0] = 42;
            return 1;
        }).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, n);
        Assert.Same(thread.Thread, ranOn);

        var failing = thread.HandOver(new byte[8], _ => throw new IOException("gone")).AsTask();
        Assert.Equal("gone", (await Assert.ThrowsAsync<IOException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)))).Message);

        // Off the receive thread (the awaits above may have continued on it, where the hand-over completed).
        await Task.Run(() =>
        {
            thread.Stop();
            Assert.True(thread.Thread.Join(TimeSpan.FromSeconds(10)));
        });
        await Assert.ThrowsAsync<IOException>(() => thread.HandOver(new byte[8], _ => 0).AsTask());
    }

    private static (Socket Client, Socket Server) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = 4096 };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        server.ReceiveBufferSize = 4096;
        return (client, server);
    }

    [Fact]
    public void DisposingTheStreamEndsAReadBlockedOnAnotherThread()
    {
        var (client, server) = ConnectedPair();
        using var _ = server;
        var stream = new BlockingSocketStream(client);
        Exception? failure = null;
        var read = 0;
        using var reading = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            try
            {
                reading.Set();
                read = stream.ReadByte();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        reader.Start();
        Assert.True(reading.Wait(TimeSpan.FromSeconds(10)));
        Assert.False(reader.Join(200)); // blocked (on a loaded machine it may still be on its way into the read)
        stream.Dispose();
        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "the blocked read returned");
        // Ended either with an error or as the end of the stream (the socket was shut down under the read).
        Assert.True(failure is IOException or ObjectDisposedException || (failure is null && read == -1), $"{failure} (read {read})");
    }

    [Fact]
    public void ASendThatCannotCompleteTimesOutAndAbortsTheStream()
    {
        // The peer never reads: once both socket buffers are full, a send blocks until the send timeout.
        var (client, server) = ConnectedPair();
        using var _ = server;
        client.SendTimeout = 300;
        Exception? reported = null;
        var stream = new BlockingSocketStream(client, ex => reported = ex);
        var chunk = new byte[64 * 1024];
        var ex = Assert.Throws<IOException>(() =>
        {
            for (var i = 0; i < 100_000; i++)
                stream.Write(chunk);
        });
        Assert.Contains("did not complete within 300 ms", ex.Message);
        Assert.Same(ex, reported);
        Assert.True(stream.IsDisposed);
    }
}
