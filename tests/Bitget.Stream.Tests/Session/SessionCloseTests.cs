using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Disposing a session closes its connections politely and returns once they are closed, not while their close
/// handshakes are still under way (issue 18, item 9): a runspace that closes its sessions together then waits about one
/// close, and a process that exits after it has said goodbye to the exchange.
/// </summary>
public sealed class SessionCloseTests
{
    [Fact]
    public async Task DisposeReturnsOnceItsConnectionIsClosed()
    {
        var transport = new StallingTransport();
        var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = new Uri("wss://ws.bitget.test/v2/ws/public"),
            Limits = new ExchangeLimits(),
            TransportFactory = (_, _) => transport,
        });
        await session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var disposing = session.DisposeAsync().AsTask();
        Assert.True(await transport.CloseStarted.Task.WaitAsync(TimeSpan.FromSeconds(10)), "a polite close");
        await Task.Delay(300);
        Assert.False(disposing.IsCompleted, "disposed while its connection was still closing");

        transport.FinishClose();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Bitget.Stream.Models.BitgetSessionState.Closed, session.State);
    }

    /// <summary>A transport whose polite close waits until the test lets it finish (a peer slow to answer the close).</summary>
    private sealed class StallingTransport : IFrameTransport
    {
        private readonly TaskCompletionSource _closeFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> CloseStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Thread? ReceiveThread => null;

        public Task ConnectAsync(CancellationToken cancellation) => Task.CompletedTask;

        public bool Send(string text) => true;

        public void Abort() => _closeFinished.TrySetResult();

        public async ValueTask CloseAsync(bool graceful)
        {
            CloseStarted.TrySetResult(graceful);
            if (graceful)
                await _closeFinished.Task.ConfigureAwait(false);
        }

        public void FinishClose() => _closeFinished.TrySetResult();

        public ValueTask DisposeAsync() => CloseAsync(false);
    }
}
