using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bitget.Stream.Transport;

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

    private static FrameTransportSettings Trusting(ScriptedServer server) =>
        TransportTestSettings.Create(endpoint: new Uri($"wss://localhost:{server.Port}/v2/ws/public")) with
        {
            CertificateValidation = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate?.GetCertHashString() == s_certificate.GetCertHashString(),
        };

    [Fact]
    public async Task OverTlsEveryFrameAndEveryDrainIsHandledOnTheConnectionsOwnThread()
    {
        // Frames 2 ms apart: the thread blocks in its read between them, so it reports a drained socket between frames.
        await using var server = TlsServer(count: 50, gapMs: 2);
        var receiver = new RecordingReceiver(expected: 51);
        var transport = new WebsocketClientTransport(Trusting(server), receiver);
        await transport.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(transport.Send("echo me"));
        var (texts, threads) = await receiver.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([.. Enumerable.Range(0, 50).Select(i => $"frame {i}"), "echo me"], texts);
        var receiveThread = transport.ReceiveThread!;
        Assert.True(threads.All(t => ReferenceEquals(t, receiveThread)), string.Join(",", threads.Select((t, i) => $"{i}:{t.Name}#{t.ManagedThreadId}")));
        Assert.Equal("Bitget receive (test)", receiveThread.Name);
        Assert.True(receiver.DrainThreads.All(t => ReferenceEquals(t, receiveThread)), "every drain on the receive thread");
        Assert.True(receiver.DrainThreads.Count >= 10, $"{receiver.DrainThreads.Count} drains for 51 frames arriving 2 ms apart");

        // A polite close completes the handshake, and the thread ends.
        await Task.Run(async () =>
        {
            await transport.CloseAsync(graceful: true);
            Assert.True(receiveThread.Join(TimeSpan.FromSeconds(10)), "the receive thread ended");
        });
        Assert.NotNull(receiver.ClosedReason);
    }

    [Fact]
    public async Task AbortEndsABlockedReadAtOnceAndReportsTheClose()
    {
        // One frame, then silence: the receive thread blocks in its read until the transport is aborted.
        await using var server = TlsServer(count: 1);
        var receiver = new RecordingReceiver(expected: 1);
        var transport = new WebsocketClientTransport(Trusting(server), receiver);
        await transport.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await receiver.WaitAsync(TimeSpan.FromSeconds(10));
        var receiveThread = transport.ReceiveThread!;
        Assert.True(receiveThread.IsAlive);
        transport.Abort();
        Assert.True(await Task.Run(() => receiveThread.Join(TimeSpan.FromSeconds(10))), "the blocked read ended with the abort");
        Assert.True(await receiver.Closed.WaitAsync(TimeSpan.FromSeconds(10)), "the close was reported");
        await transport.CloseAsync(graceful: false);
    }

    /// <summary>What a transport reports, with the thread of each call.</summary>
    private sealed class RecordingReceiver(int expected) : IFrameReceiver
    {
        private readonly List<Thread> _threads = [];
        private readonly List<string> _texts = [];
        private readonly SemaphoreSlim _all = new(0);

        public List<Thread> DrainThreads { get; } = [];

        public TaskCompletionSource<bool> ClosedSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<bool> Closed => ClosedSignal.Task;

        public string? ClosedReason { get; private set; }

        public void OnFrame(ReadOnlySpan<byte> frame)
        {
            lock (_texts)
            {
                _threads.Add(Thread.CurrentThread);
                _texts.Add(Encoding.UTF8.GetString(frame));
                if (_texts.Count == expected)
                    _all.Release();
            }
        }

        public void OnReceiveDrained()
        {
            lock (_texts)
                DrainThreads.Add(Thread.CurrentThread);
        }

        public void OnClosed(string reason)
        {
            ClosedReason = reason;
            ClosedSignal.TrySetResult(true);
        }

        public async Task<(List<string> Texts, List<Thread> Threads)> WaitAsync(TimeSpan patience)
        {
            Assert.True(await _all.WaitAsync(patience), $"{_texts.Count} messages");
            lock (_texts)
                return ([.. _texts], [.. _threads]);
        }
    }

    [Fact]
    public async Task AnUntrustedCertificateIsRefusedWithoutTheHook()
    {
        await using var server = TlsServer(count: 0);
        await Assert.ThrowsAsync<AuthenticationException>(() =>
            TransportTestSettings.Connector().ConnectAsync(new Uri($"wss://localhost:{server.Port}/"), default).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
