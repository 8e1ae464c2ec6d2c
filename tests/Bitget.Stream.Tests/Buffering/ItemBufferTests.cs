using Bitget.Stream.Buffering;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Tests.Session;
using Xunit.Abstractions;

namespace Bitget.Stream.Tests.Buffering;

public sealed class ItemBufferTests(ITestOutputHelper output) : SessionHarness
{
    private static string Symbol(int i) => $"SYM{i}USDT";

    // Every symbol in turn, as pushes arrive: round after round.
    private static void Fill(ItemBuffer<BitgetTicker> buffer, int symbols, int perSymbol)
    {
        for (var n = 1; n <= perSymbol; n++)
        {
            for (var i = 1; i <= symbols; i++)
                buffer.Add(new BitgetTicker { Symbol = Symbol(i), InstType = "USDT-FUTURES", LastPrice = n });
        }
    }

    [Fact]
    public void ASessionOfManySymbolsStaysWithinItsTotalOldestFirst()
    {
        // The default: 1,000 a symbol, 100,000 in all. 500 symbols x 1,000 tickers would be 500,000 (about 230 MiB).
        using var buffers = new SessionBuffers(NewSession(), capacityPerKey: 1000, totalCapacity: 100_000);
        var buffer = buffers.Of<BitgetTicker>();
        Fill(buffer, symbols: 500, perSymbol: 1000);

        Assert.Equal(100_000, buffer.Count);
        Assert.Equal(200, buffer.DepthPerKey);
        Assert.Equal(500, buffer.KeyCount);
        // Each symbol keeps its newest, in order: the oldest went first.
        foreach (var i in new[] { 1, 250, 500 })
        {
            var kept = buffer.Last(1000, t => t.Symbol == Symbol(i)).Select(t => t.LastPrice!.Value).ToList();
            Assert.Equal(Enumerable.Range(801, 200).Select(n => (decimal)n), kept);
        }
        // Removed before their symbol held 1,000: visible, and no drop of delivery.
        Assert.Equal(400_000, buffer.Trimmed);
        Assert.Equal(0, buffer.DroppedItems);
    }

    [Fact]
    public void AFewSymbolsKeepTheirFullDepth()
    {
        using var buffers = new SessionBuffers(NewSession(), capacityPerKey: 1000, totalCapacity: 100_000);
        var buffer = buffers.Of<BitgetTicker>();
        Fill(buffer, symbols: 3, perSymbol: 500);

        Assert.Equal(1000, buffer.DepthPerKey);
        for (var i = 1; i <= 3; i++)
            Assert.Equal(Enumerable.Range(1, 500).Select(n => (decimal)n), buffer.Last(500, t => t.Symbol == Symbol(i)).Select(t => t.LastPrice!.Value));
        Assert.Equal(0, buffer.Trimmed);

        // Past 1,000 a symbol the ring wraps as before: that is its depth, not the total.
        Fill(buffer, symbols: 3, perSymbol: 1200);
        Assert.Equal(3000, buffer.Count);
        Assert.Equal(0, buffer.Trimmed);
    }

    [Fact]
    public void AnExplicitDepthHasNoTotal()
    {
        // Connect-BitgetStream -BufferSize 300: that depth for every symbol, however many.
        using var buffers = new SessionBuffers(NewSession(), capacityPerKey: 300, totalCapacity: 0);
        var buffer = buffers.Of<BitgetTicker>();
        Fill(buffer, symbols: 500, perSymbol: 400);
        Assert.Equal(150_000, buffer.Count);
        Assert.Equal(300, buffer.DepthPerKey);
        Assert.Equal(0, buffer.Trimmed);
    }

    [Fact]
    public void MemoryPerThousandTickers()
    {
        // What the help states. A buffered ticker costs its object (the parser allocates exactly one a push; symbol and
        // instType strings are shared) and one slot of its symbol's ring (a reference). Bytes, measured on this thread.
        var parser = new BitgetFrameParser();
        var frame = Fixtures.Bytes("futures-ticker-snapshot.json");
        var parsed = new List<BitgetTicker>(10_000);
        for (var i = 0; i < 1000; i++)
            parser.Parse(frame, default, parsed);       // warm-up
        parsed.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
            parser.Parse(frame, default, parsed);
        var perTicker = (GC.GetAllocatedBytesForCurrentThread() - before) / 10_000.0;
        Assert.Equal(10_000, parsed.Count);

        var perThousand = 1000 * (perTicker + IntPtr.Size);
        output.WriteLine($"a ticker: {perTicker:0} B; a slot: {IntPtr.Size} B; 1,000 buffered tickers: {perThousand / 1024:0} KiB; 100,000: {100 * perThousand / (1024 * 1024):0.0} MiB");
        Assert.InRange(perThousand, 400 * 1024, 560 * 1024); // help: about 0.5 MiB (523 KiB) per 1,000 tickers, 50 MiB per 100,000
    }

    [Fact]
    public async Task KeepsTheLastItemsPerSymbolBoundedAndInOrder()
    {
        var session = NewSession();
        using var buffers = new SessionBuffers(session, capacityPerKey: 5);
        var buffer = buffers.Of<BitgetTicker>();
        await session.ConnectAsync();
        session.Subscribe([Btc, Eth]);
        // Well past the capacity for both symbols: the rings must have wrapped.
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.All(s => s.Messages >= 12), Patience));

        var last = buffer.Last(100);
        Assert.Equal(10, last.Count);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], last.Select(t => t.Symbol).Distinct());
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            var times = last.Where(t => t.Symbol == symbol).Select(t => t.Timestamp).ToList();
            Assert.Equal(times.Order(), times);
        }
        var latest = buffer.Latest();
        Assert.Equal(2, latest.Count);
        var btc = buffer.Latest(t => t.Symbol == "BTCUSDT").Single();
        Assert.Same(btc, buffer.Last(1, t => t.Symbol == "BTCUSDT").Single());
        Assert.True(btc.Timestamp >= last.Where(t => t.Symbol == "BTCUSDT").Max(t => t.Timestamp));
        Assert.Equal(3, buffer.Last(3, t => t.Symbol == "ETHUSDT").Count);
        Assert.Equal(0, buffer.DroppedItems);
        Assert.Equal(2, buffer.KeyCount);
    }

    [Fact]
    public void AskingForAKindWithoutABufferIsRefused()
    {
        using var buffers = new SessionBuffers(NewSession(), 10);
        Assert.Throws<ArgumentException>(() => buffers.Of<BitgetCandle>());
    }
}
