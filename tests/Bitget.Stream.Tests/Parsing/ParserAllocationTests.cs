using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

/// <summary>
/// Issue 4's rule: parsing a push allocates its result objects and nothing else (symbols, channels and intervals
/// are shared strings, decimals come straight from the bytes). Measured on this thread after a warm-up.
/// </summary>
public class ParserAllocationTests
{
    private static long AllocatedBy(Action action)
    {
        for (var i = 0; i < 20; i++)
            action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData("futures-ticker-snapshot.json")]
    [InlineData("spot-ticker.json")]
    [InlineData("futures-ticker-ccxt-observed.json")]
    public void TickerPushAllocatesOnlyTheTicker(string fixture)
    {
        var parser = new BitgetFrameParser();
        var bytes = Fixtures.Bytes(fixture);
        var tickers = new List<BitgetTicker>(4);
        var kind = BitgetFrameKind.Invalid;
        // No assertion inside the measured call: xUnit's Assert.Equal allocates a comparer.
        var parse = AllocatedBy(() =>
        {
            tickers.Clear();
            kind = parser.Parse(bytes, default, tickers).Kind;
        });
        Assert.Equal(BitgetFrameKind.Push, kind);
        var one = AllocatedBy(() => GC.KeepAlive(new BitgetTicker()));
        Assert.Equal(one, parse);
    }

    [Fact]
    public void CandlePushAllocatesOnlyTheCandles()
    {
        var parser = new BitgetFrameParser();
        var bytes = Fixtures.Bytes("candle-update.json");
        var candles = new List<BitgetCandle>(4);
        var count = 0;
        var parse = AllocatedBy(() =>
        {
            candles.Clear();
            count = parser.ParseCandles(bytes, default, candles).ItemCount;
        });
        Assert.Equal(1, count);
        var one = AllocatedBy(() => GC.KeepAlive(new BitgetCandle()));
        Assert.Equal(one, parse);
    }

    [Fact]
    public void BookPushAllocatesOnlyTheBookAndItsTwoLevelArrays()
    {
        var parser = new BitgetFrameParser();
        var bytes = Fixtures.Bytes("legacy-v1-books-update.json"); // 12 asks, 14 bids
        var books = new List<BitgetOrderBook>(1);
        var count = 0;
        var parse = AllocatedBy(() =>
        {
            books.Clear();
            count = parser.ParseOrderBooks(bytes, default, books).ItemCount;
        });
        Assert.Equal(1, count);
        var expected = AllocatedBy(() =>
        {
            GC.KeepAlive(new BitgetOrderBook());
            GC.KeepAlive(new BitgetBookLevel[12]);
            GC.KeepAlive(new BitgetBookLevel[14]);
        });
        Assert.Equal(expected, parse);
    }
}
