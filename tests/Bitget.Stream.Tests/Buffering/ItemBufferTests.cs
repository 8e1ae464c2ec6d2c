using Bitget.Stream.Buffering;
using Bitget.Stream.Models;
using Bitget.Stream.Tests.Session;

namespace Bitget.Stream.Tests.Buffering;

public sealed class ItemBufferTests : SessionHarness
{
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
