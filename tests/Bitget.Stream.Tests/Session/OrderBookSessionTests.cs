using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Order books through a session against the mock exchange: <c>books</c> kept as a local book that matches the mock's
/// checksums, a seq gap and a bad checksum each caught, warned about, counted and healed by a resync (a fresh snapshot),
/// the snapshot channels delivered whole, and delivered books never changed afterwards.
/// </summary>
public sealed class OrderBookSessionTests : SessionHarness
{
    private static readonly BitgetTopic Books = new("SPOT", BitgetChannelNames.Books, "BTCUSDT");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _mock.Options.BookInterval = TimeSpan.FromMilliseconds(20);
    }

    private static BitgetOrderBook TakeBook(BitgetFeed<BitgetOrderBook> feed, List<BitgetNotice>? notices = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            switch (feed.Take(deadline - DateTime.UtcNow, CancellationToken.None, out var book, out var notice))
            {
                case BitgetFeedResult.Item:
                    return book!;
                case BitgetFeedResult.Notice:
                    notices?.Add(notice!);
                    break;
                case BitgetFeedResult.Completed:
                    throw new InvalidOperationException("feed completed");
            }
        }
        throw new TimeoutException("no book");
    }

    private static void AssertOrdered(BitgetOrderBook book)
    {
        Assert.NotEmpty(book.Bids);
        Assert.NotEmpty(book.Asks);
        for (var i = 1; i < book.Bids.Length; i++)
            Assert.True(book.Bids[i - 1].Price > book.Bids[i].Price);
        for (var i = 1; i < book.Asks.Length; i++)
            Assert.True(book.Asks[i - 1].Price < book.Asks[i].Price);
        Assert.True(book.BestBid < book.BestAsk);
        Assert.All(book.Bids.Concat(book.Asks), l => Assert.True(l.Size > 0));
    }

    private async Task<(BitgetStreamSession Session, BitgetFeed<BitgetOrderBook> Feed)> BooksAsync(BitgetTopic topic)
    {
        var session = NewSession();
        await session.ConnectAsync();
        return (session, session.Open<BitgetOrderBook>([topic]));
    }

    [Fact]
    public async Task TheLocalBookFollowsTheMockAndDeliveredBooksNeverChange()
    {
        var (session, feed) = await BooksAsync(Books);
        var first = TakeBook(feed);
        Assert.True(first.IsSnapshot);
        Assert.Equal(("SPOT", "books", "BTCUSDT"), (first.InstType, first.Channel, first.Symbol));
        var firstBids = first.Bids.ToArray();
        var firstAsks = first.Asks.ToArray();
        long? seq = first.Sequence;
        for (var i = 0; i < 40; i++)
        {
            var book = TakeBook(feed);
            Assert.False(book.IsSnapshot);
            AssertOrdered(book);
            Assert.True(book.Sequence > seq);
            Assert.Equal(seq, book.PreviousSequence);
            Assert.True(book.Sequence > 9_007_199_254_740_992L);
            seq = book.Sequence;
        }
        // Every update applied and checked against the mock's checksum; the first book handed out is as it was.
        Assert.Equal(0, session.OrderBookChecksumMismatches);
        Assert.Equal(0, session.OrderBookSequenceGaps);
        Assert.Equal(firstBids, first.Bids);
        Assert.Equal(firstAsks, first.Asks);
    }

    [Fact]
    public async Task ASequenceGapWarnsCountsAndResyncsToAFreshSnapshot()
    {
        var (session, feed) = await BooksAsync(Books);
        for (var i = 0; i < 5; i++)
            TakeBook(feed);
        var subscribesBefore = _mock.ReceivedTextFrames.Count(f => f.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal));
        _mock.Options.BookSequenceGaps = 1;
        var notices = new List<BitgetNotice>();
        BitgetOrderBook book;
        do
            book = TakeBook(feed, notices);
        while (!book.IsSnapshot);
        Assert.Equal(1, session.OrderBookSequenceGaps);
        Assert.Contains(notices, n => n.Kind == BitgetNoticeKind.Warning && n.Target == Books.ToString()
            && n.Message.Contains("skipped updates", StringComparison.Ordinal));
        Assert.Contains(_mock.ReceivedTextFrames, f => f.Contains("\"op\":\"unsubscribe\"", StringComparison.Ordinal) && f.Contains("\"books\"", StringComparison.Ordinal));
        Assert.True(_mock.ReceivedTextFrames.Count(f => f.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal)) > subscribesBefore);
        // In sync again from the new snapshot: updates follow and match their checksums.
        for (var i = 0; i < 10; i++)
            AssertOrdered(TakeBook(feed));
        Assert.Equal(0, session.OrderBookChecksumMismatches);
        Assert.Equal(1, session.OrderBookSequenceGaps);
    }

    [Fact]
    public async Task ABadChecksumWarnsCountsAndResyncsToAFreshSnapshot()
    {
        var (session, feed) = await BooksAsync(Books);
        for (var i = 0; i < 5; i++)
            TakeBook(feed);
        _mock.Options.BookBadChecksums = 1;
        var notices = new List<BitgetNotice>();
        BitgetOrderBook book;
        do
            book = TakeBook(feed, notices);
        while (!book.IsSnapshot);
        Assert.Equal(1, session.OrderBookChecksumMismatches);
        Assert.Contains(notices, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("checksum", StringComparison.Ordinal));
        for (var i = 0; i < 10; i++)
            AssertOrdered(TakeBook(feed));
        Assert.Equal(1, session.OrderBookChecksumMismatches);
        Assert.Equal(0, session.OrderBookSequenceGaps);
    }

    [Fact]
    public async Task WithoutChecksumsTheSequenceStillCatchesAGap()
    {
        _mock.Options.BookChecksums = false;
        var (session, feed) = await BooksAsync(Books);
        var first = TakeBook(feed);
        Assert.Null(first.Checksum);
        for (var i = 0; i < 5; i++)
            TakeBook(feed);
        _mock.Options.BookSequenceGaps = 1;
        BitgetOrderBook book;
        do
            book = TakeBook(feed);
        while (!book.IsSnapshot);
        Assert.Equal(1, session.OrderBookSequenceGaps);
        Assert.Equal(0, session.OrderBookChecksumMismatches);
    }

    [Theory]
    [InlineData("books1", 1)]
    [InlineData("books5", 5)]
    [InlineData("books15", 15)]
    public async Task SnapshotChannelsDeliverWholeBooks(string channel, int depth)
    {
        var topic = new BitgetTopic("USDT-FUTURES", channel, "ETHUSDT");
        var (session, feed) = await BooksAsync(topic);
        long? seq = null;
        for (var i = 0; i < 5; i++)
        {
            var book = TakeBook(feed);
            Assert.True(book.IsSnapshot);
            Assert.Equal(channel, book.Channel);
            Assert.Equal(depth, book.Bids.Length);
            Assert.Equal(depth, book.Asks.Length);
            AssertOrdered(book);
            Assert.True(seq is null || book.Sequence > seq);
            seq = book.Sequence;
        }
        Assert.Equal(0, session.OrderBookChecksumMismatches);
    }
}
