using System.Diagnostics;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A consumer waiting in <see cref="BitgetFeed{T}.Take"/> reads its connection's socket itself (Transport/ReadLender):
/// nothing lost, duplicated or reordered; a consumer that stops taking does not starve the connection; a quiet
/// connection is given back; cancellation and timeouts still end a borrowing Take.
/// </summary>
public sealed class ReadLendingTests : SessionHarness
{
    [Fact]
    public async Task AWaitingConsumerReadsTheSocketItselfAndGetsEveryTickerInOrder()
    {
        var session = NewSession();
        using var feed = session.Open<BitgetTicker>([Btc, Eth, Sol]);
        await session.ConnectAsync();
        var last = new Dictionary<string, DateTimeOffset>();
        var count = 0;
        // On a thread of its own, as the pipeline thread: Take blocks (borrows) between the mock's pushes every 20 ms.
        OnOwnThread(() =>
        {
            while (count < 150)
            {
                var ticker = TakeTicker(feed);
                Assert.True(!last.TryGetValue(ticker.Symbol, out var before) || ticker.Timestamp >= before,
                    $"{ticker.Symbol} {ticker.Timestamp:O} after {before:O}");
                last[ticker.Symbol] = ticker.Timestamp;
                count++;
            }
        });
        Assert.Equal(150, count);
        var lender = session.LenderOf(0)!;
        Assert.True(lender.BorrowedReads >= 10, $"reads borrowed by the consumer: {lender.BorrowedReads}");
        Assert.Equal(0, session.OutOfOrderMessages);
        Assert.Equal(0, session.DuplicateMessages);
        Assert.Equal(0, feed.Dropped);
    }

    [Fact]
    public async Task AConsumerWhoseTopicsAreOnSeveralConnectionsReadsThemAllItself()
    {
        // One topic a connection: the feed's three topics are on three connections, read by one waiting consumer.
        var session = NewSession(o => o.MaxTopicsPerConnection = 1);
        using var feed = session.Open<BitgetTicker>([Btc, Eth, Sol]);
        await session.ConnectAsync();
        var last = new Dictionary<string, DateTimeOffset>();
        var bySymbol = new Dictionary<string, int>();
        OnOwnThread(() =>
        {
            for (var i = 0; i < 180; i++)
            {
                var ticker = TakeTicker(feed);
                Assert.True(!last.TryGetValue(ticker.Symbol, out var before) || ticker.Timestamp >= before,
                    $"{ticker.Symbol} {ticker.Timestamp:O} after {before:O}");
                last[ticker.Symbol] = ticker.Timestamp;
                bySymbol[ticker.Symbol] = bySymbol.GetValueOrDefault(ticker.Symbol) + 1;
            }
        });
        Assert.Equal(3, bySymbol.Count);
        var lenders = Enumerable.Range(0, 3).Select(session.LenderOf).ToList();
        Assert.All(lenders, l => Assert.NotNull(l));
        Assert.True(lenders.All(l => l!.BorrowedReads >= 5), "reads borrowed per connection: " + string.Join(", ", lenders.Select(l => l!.BorrowedReads)));
        Assert.Equal(0, session.OutOfOrderMessages);
        Assert.Equal(0, session.DuplicateMessages);
        Assert.Equal(0, feed.Dropped);
    }

    [Fact]
    public async Task WithLendingOffTheReceiveThreadReadsAlone()
    {
        var session = NewSession(o => o.LendReads = false);
        using var feed = session.Open<BitgetTicker>([Btc]);
        await session.ConnectAsync();
        for (var i = 0; i < 20; i++)
            TakeTicker(feed);
        Assert.Null(session.LenderOf(0));
    }

    [Fact]
    public async Task AConsumerThatStopsTakingHasItsReadTakenBackSoTheConnectionsOtherConsumersKeepReceiving()
    {
        var session = NewSession();
        using var taker = session.Open<BitgetTicker>([Btc]);
        // A consumer that is woken rather than blocked (as an -Action job): it never borrows, it depends on whoever reads.
        using var watcher = session.Open<BitgetTicker>([Eth]);
        var arrivals = new List<long>();
        watcher.Available = () =>
        {
            while (watcher.TryTakeItem(out _))
            {
                lock (arrivals)
                    arrivals.Add(Stopwatch.GetTimestamp());
            }
        };
        await session.ConnectAsync();
        // The taker borrows the read, then goes away (a slow pipeline downstream) without giving it back.
        for (var i = 0; i < 10; i++)
            TakeTicker(taker);
        var lender = session.LenderOf(0)!;
        Assert.True(lender.BorrowedReads > 0, "the taker borrowed");
        var awayFrom = Stopwatch.GetTimestamp();
        lock (arrivals)
            arrivals.Clear();
        await Task.Delay(1500);
        long[] seen;
        lock (arrivals)
            seen = [awayFrom, .. arrivals, Stopwatch.GetTimestamp()];
        var longestGap = seen.Zip(seen.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).Max();
        // Pushes come every 20 ms; the receive thread takes an unborrowed read back after 100 ms.
        Assert.True(longestGap < TimeSpan.FromMilliseconds(900), $"the watcher waited {longestGap.TotalMilliseconds:0} ms for a ticker");
        Assert.True(lender.Reclaimed >= 1, "the receive thread took the read back");
        // The taker comes back and gets tickers again (it borrows again once the receive thread lends).
        TakeTicker(taker);
        TakeTicker(taker);
    }

    [Fact]
    public async Task ADropWhileTheConsumerBorrowsTheReadIsHandledByTheSessionAndDataComesBack()
    {
        var session = NewSession();
        using var feed = session.Open<BitgetTicker>([Btc, Eth]);
        await session.ConnectAsync();
        for (var i = 0; i < 20; i++)
            TakeTicker(feed);
        var lender = session.LenderOf(0)!;
        Assert.True(lender.BorrowedReads > 0, "the consumer borrowed");
        // The consumer waits in Take (borrowing) when the socket is reset under it.
        var taking = Task.Run(() =>
        {
            var notices = new List<BitgetNotice>();
            var after = new List<BitgetTicker>();
            while (after.Count < 20)
                after.Add(TakeTicker(feed, notices));
            return notices;
        });
        await Task.Delay(100);
        _mock.DropAllConnections();
        var notices = await taking.WaitAsync(Patience * 2);
        Assert.True(session.ReconnectCount >= 1, "reconnected");
        Assert.Contains(notices, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("Lost the connection", StringComparison.Ordinal));
        Assert.True(lender.IsClosed, "the old connection's lender is closed");
        Assert.NotSame(lender, session.LenderOf(0));
        Assert.Equal(0, session.OutOfOrderMessages);
    }

    [Fact]
    public async Task AQuietConnectionIsGivenBackAndTheConsumerIsWokenWhenDataReturns()
    {
        var session = NewSession();
        using var feed = session.Open<BitgetTicker>([Btc]);
        await session.ConnectAsync();
        TakeTicker(feed);
        _mock.Options.SendData = false;
        // Nothing but pongs for 1.5 s: after 250 ms without data the consumer gives the read back and waits on its feed.
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1.5))
            feed.Take(TimeSpan.FromMilliseconds(200), CancellationToken.None, out _, out _);
        var lender = session.LenderOf(0)!;
        Assert.False(lender.IsLent && !lender.IsBorrowerThread, "a quiet connection's read is not left lent");
        _mock.Options.SendData = true;
        TakeTicker(feed);
    }

    [Fact]
    public async Task CancellationAndATimeoutEndATakeThatBorrows()
    {
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(400);
        var session = NewSession();
        using var feed = session.Open<BitgetTicker>([Btc]);
        await session.ConnectAsync();
        TakeTicker(feed);
        TakeTicker(feed);

        var started = Stopwatch.GetTimestamp();
        var result = feed.Take(TimeSpan.FromMilliseconds(120), CancellationToken.None, out _, out _);
        var took = Stopwatch.GetElapsedTime(started);
        Assert.True(result == BitgetFeedResult.TimedOut || result == BitgetFeedResult.Item, result.ToString());
        Assert.True(took < TimeSpan.FromSeconds(2), $"Take(120 ms) took {took.TotalMilliseconds:0} ms");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        started = Stopwatch.GetTimestamp();
        Assert.Throws<OperationCanceledException>(() => TakeUntilCancelled(feed, cancel.Token));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(3), "cancelled promptly");
        // Disposing the feed gives a lent read back at once: the session's other work goes on.
        feed.Dispose();
        using var next = session.Open<BitgetTicker>([Eth]);
        TakeTicker(next);
    }

    // Runs the consumer on a thread of its own, as a pipeline thread, and rethrows its failure on the test's thread.
    private static void OnOwnThread(Action consume)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                consume();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { Name = "consumer" };
        thread.Start();
        Assert.True(thread.Join(Patience * 3), "the consumer finished in time");
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private static void TakeUntilCancelled(BitgetFeed<BitgetTicker> feed, CancellationToken cancellation)
    {
        while (true)
            feed.Take(Timeout.InfiniteTimeSpan, cancellation, out _, out _);
    }
}
