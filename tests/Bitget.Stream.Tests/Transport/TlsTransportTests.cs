using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bitget.Stream.Transport;
using Websocket.Client;

namespace Bitget.Stream.Tests.Transport;

/// <summary>wss: the upgrade through TLS to a loopback server with a self-signed certificate made here.</summary>
public sealed class TlsTransportTests
{
    private static readonly X509Certificate2 s_certificate = CreateCertificate();

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Through PKCS#12, so that the server side has a usable private key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A wss server: TLS, the upgrade, then <paramref name="count"/> text frames and an echo of whatever comes back.</summary>
    private static ScriptedServer TlsServer(int count, int gapMs = 0) => new(async (socket, ct) =>
    {
        await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = s_certificate }, ct);
        var head = await ScriptedServer.ReadHeadAsync(ssl, ct);
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(ScriptedServer.SwitchingProtocols(head)), ct);
        using var ws = WebSocket.CreateFromStream(ssl, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        for (var i = 0; i < count; i++)
        {
            await ws.SendAsync(Encoding.UTF8.GetBytes($"frame {i}"), WebSocketMessageType.Text, true, ct);
            if (gapMs > 0)
                await Task.Delay(gapMs, ct);
        }
        var buffer = new byte[1024];
        while (ws.State == WebSocketState.Open)
        {
            var r = await ws.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
                return;
            }
            await ws.SendAsync(buffer.AsMemory(0, r.Count), WebSocketMessageType.Text, true, ct);
        }
    });

    private static WebSocketTransportSettings Trusting() => TransportTestSettings.Create() with
    {
        CertificateValidation = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None || certificate?.GetCertHashString() == s_certificate.GetCertHashString(),
    };

    [Fact]
    public async Task WebsocketClientOverTlsRunsItsWholeReceiveLoopOnTheConnectionsThread()
    {
        await using var server = TlsServer(count: 50);
        var transport = new WebSocketTransport(Trusting());
        using var client = Client(server, transport);
        using var log = new FrameLog(client, expected: 51);
        await client.StartOrFail().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(client.IsRunning);
        client.Send("echo me");
        var (texts, threads) = await log.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([.. Enumerable.Range(0, 50).Select(i => $"frame {i}"), "echo me"], texts);
        Assert.True(threads.All(t => ReferenceEquals(t, transport.ReceiveThread!.Thread)), string.Join(",", threads.Select((t, i) => $"{i}:{t.Name}#{t.ManagedThreadId}")));
        Assert.Equal("Bitget receive (test)", threads[0].Name);

        // Stop() completes the close handshake, and the thread ends.
        Assert.True(await client.Stop(WebSocketCloseStatus.NormalClosure, "done").WaitAsync(TimeSpan.FromSeconds(10)));
        // Off the receive thread: Stop() may have completed, and this test continued, on it.
        await Task.Run(() =>
        {
            client.Dispose();
            Assert.True(transport.ReceiveThread!.Thread.Join(TimeSpan.FromSeconds(10)), "the receive thread ended");
        });
    }

    [Fact]
    public async Task AConsumerBorrowingTheReadOverTlsGetsEveryFrameInOrderOnItsOwnThread()
    {
        // Frames 2 ms apart: the reads block between them, so the receive thread lends them to the consumer.
        await using var server = TlsServer(count: 200, gapMs: 2);
        var transport = new WebSocketTransport(Trusting());
        using var client = Client(server, transport);
        using var log = new FrameLog(client, expected: 200);
        await client.StartOrFail().WaitAsync(TimeSpan.FromSeconds(30));
        using var consumer = new BorrowingConsumer(transport.Lender!);
        var (texts, threads) = await log.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"frame {i}"), texts);
        Assert.True(threads.All(t => ReferenceEquals(t, transport.ReceiveThread!.Thread) || ReferenceEquals(t, consumer.Thread)),
            string.Join(",", threads.Distinct().Select(t => $"{t.Name}#{t.ManagedThreadId}")));
        Assert.True(threads.Count(t => ReferenceEquals(t, consumer.Thread)) >= 20, $"{threads.Count(t => ReferenceEquals(t, consumer.Thread))} frames on the consumer");
        consumer.Dispose();
        // The read goes back to the receive thread: an echo still comes back, and Stop() completes the close handshake.
        using var echo = new SemaphoreSlim(0);
        using var __ = client.MessageReceived.Subscribe(m => { if (Encoding.UTF8.GetString(m.Binary!) == "echo me") echo.Release(); });
        client.Send("echo me");
        Assert.True(await echo.WaitAsync(TimeSpan.FromSeconds(10)), "the echo");
        Assert.True(await client.Stop(WebSocketCloseStatus.NormalClosure, "done").WaitAsync(TimeSpan.FromSeconds(10)));
        await Task.Run(() =>
        {
            client.Dispose();
            Assert.True(transport.ReceiveThread!.Thread.Join(TimeSpan.FromSeconds(10)), "the receive thread ended");
        });
    }

    private static WebsocketClient Client(ScriptedServer server, WebSocketTransport transport) =>
        new(new Uri($"wss://localhost:{server.Port}/v2/ws/public"), null, transport.ConnectAsync)
        {
            IsReconnectionEnabled = false,
            IsTextMessageConversionEnabled = false,
        };

    /// <summary>The text of every frame a client receives and the thread that handled it, until a count is reached.</summary>
    private sealed class FrameLog : IDisposable
    {
        private readonly List<Thread> _threads = [];
        private readonly List<string> _texts = [];
        private readonly SemaphoreSlim _all = new(0);
        private readonly IDisposable _subscription;

        public FrameLog(WebsocketClient client, int expected) => _subscription = client.MessageReceived.Subscribe(m =>
        {
            lock (_texts)
            {
                _threads.Add(Thread.CurrentThread);
                _texts.Add(Encoding.UTF8.GetString(m.Binary!));
                if (_texts.Count == expected)
                    _all.Release();
            }
        });

        public async Task<(List<string> Texts, List<Thread> Threads)> WaitAsync(TimeSpan patience)
        {
            Assert.True(await _all.WaitAsync(patience), $"{_texts.Count} messages");
            lock (_texts)
                return ([.. _texts], [.. _threads]);
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _all.Dispose();
        }
    }

    /// <summary>A consumer thread that borrows the read whenever it is lent, as a feed's Take does while it waits.</summary>
    private sealed class BorrowingConsumer : IDeferredWake, IDisposable
    {
        private readonly ReadLender _lender;
        private readonly ManualResetEventSlim _woken = new(false);
        private volatile bool _stop;

        public BorrowingConsumer(ReadLender lender)
        {
            _lender = lender;
            Thread = new Thread(Run) { IsBackground = true, Name = "borrowing consumer" };
            Thread.Start();
        }

        public Thread Thread { get; }

        public void WakeNow() => _woken.Set();

        private void Run()
        {
            while (!_stop)
            {
                _woken.Reset();
                var outcome = _lender.Borrow(this, 50);
                if (outcome == ReadBorrowOutcome.Closed)
                    return;
                if (outcome == ReadBorrowOutcome.NotLent)
                    _woken.Wait(50);
            }
            _lender.GiveBack(this);
        }

        public void Dispose()
        {
            _stop = true;
            Thread.Join();
            _woken.Dispose();
        }
    }

    [Fact]
    public async Task AnUntrustedCertificateIsRefusedWithoutTheHook()
    {
        await using var server = TlsServer(count: 0);
        await Assert.ThrowsAsync<AuthenticationException>(() =>
            new WebSocketTransport(TransportTestSettings.Create()).ConnectAsync(new Uri($"wss://localhost:{server.Port}/"), default).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
