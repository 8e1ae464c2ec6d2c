using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// The hook between "connection open" and "replay subscriptions" (where the private channels log in): it runs on every
/// new connection before any subscription goes out, a failing hook fails only that connection, and a fatal one ends
/// the session instead of a reconnect loop.
/// </summary>
public sealed class ConnectionHookTests : SessionHarness
{
    private sealed class RecordingHook(Func<int, Task> onOpened) : IConnectionHook
    {
        public int Opened;
        public readonly List<string> Events = [];

        public async Task OnOpenedAsync(BitgetConnection connection, CancellationToken cancellation) =>
            await onOpened(Interlocked.Increment(ref Opened));

        public void OnEvent(BitgetConnection connection, in BitgetFrame frame)
        {
            lock (Events)
                Events.Add(frame.Event ?? "");
        }
    }

    private int SubscribeRequests => _mock.ReceivedTextFrames.Count(f => f.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal));

    [Fact]
    public async Task TheHookRunsOnEveryConnectionBeforeTheReplay()
    {
        var seenAtHook = new List<int>();
        var hook = new RecordingHook(async _ =>
        {
            lock (seenAtHook)
                seenAtHook.Add(SubscribeRequests);
            await Task.Delay(150); // a login round trip: the replay waits for it
        });
        var session = NewSession();
        session.ConnectionHook = hook;
        session.Subscribe([Btc]);
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        TakeTicker(feed);
        Assert.Equal(1, SubscribeRequests);

        _mock.DropAllConnections();
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1 && SubscribeRequests == 2, Patience));
        Assert.Equal(2, hook.Opened);
        // Each time, nothing had been subscribed on the new connection when the hook ran.
        Assert.Equal([0, 1], seenAtHook);
    }

    [Fact]
    public async Task AFatalHookEndsTheSessionWithItsMessage()
    {
        var hook = new RecordingHook(attempt => attempt == 1
            ? Task.CompletedTask
            : throw new BitgetSessionFatalException("Login refused (30012): check the passphrase."));
        var session = NewSession();
        session.ConnectionHook = hook;
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        TakeTicker(feed);
        _mock.DropAllConnections();
        await session.Completion.WaitAsync(Patience);
        Assert.Equal(BitgetSessionState.Failed, session.State);
        Assert.Contains("30012", session.EndReason);
        Assert.Equal(2, hook.Opened);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public async Task AFailingHookFailsOnlyThatConnection()
    {
        var hook = new RecordingHook(attempt => attempt == 2 ? throw new IOException("login timed out") : Task.CompletedTask);
        var session = NewSession();
        session.ConnectionHook = hook;
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        TakeTicker(feed);
        _mock.DropAllConnections();
        TakeNotice(feed, n => n.Message.Contains("login timed out", StringComparison.Ordinal));
        Assert.True(await _mock.WaitUntilAsync(_ => hook.Opened == 3 && session.State == BitgetSessionState.Connected, Patience));
        TakeTicker(feed);
    }

    [Fact]
    public void FeedsAreOpenedByItemTypeAndRefuseATypeNoChannelDelivers()
    {
        var session = NewSession();
        using var tickers = session.Open<BitgetTicker>(null);
        Assert.False(tickers.IsCompleted);
        var error = Assert.Throws<ArgumentException>(() => session.Open<System.Text.StringBuilder>(null));
        Assert.Contains(nameof(System.Text.StringBuilder), error.Message);
    }
}
