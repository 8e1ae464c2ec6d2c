using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Xunit;

namespace Bitget.Stream.Tests.Protocol;

public class OrderBookDepthTests
{
    [Theory]
    [InlineData("1", BitgetApi.Unified, "books1", null)]
    [InlineData("5", BitgetApi.Unified, "books5", null)]
    [InlineData("50", BitgetApi.Unified, "books50", null)]
    [InlineData("full", BitgetApi.Unified, "books", null)]
    [InlineData("20", BitgetApi.Unified, "books", 20)]
    [InlineData("15", BitgetApi.Classic, "books15", null)]
    [InlineData("Full", BitgetApi.Classic, "books", null)]
    [InlineData("20", BitgetApi.Classic, "books", 20)]
    public void EachApiHasItsSnapshotDepths(string typed, BitgetApi api, string channel, int? levels) =>
        Assert.Equal(new OrderBookDepth(channel, levels), OrderBookDepth.Parse(typed, api));

    [Theory]
    [InlineData("15", BitgetApi.Unified, "books15")]
    [InlineData("50", BitgetApi.Classic, "books50")]
    public void ADepthTheApiLacksIsRefusedBeforeSubscribing(string typed, BitgetApi api, string missing)
    {
        var error = Assert.Throws<BitgetArgumentException>(() => OrderBookDepth.Parse(typed, api));
        Assert.Equal("Depth", error.ParamName);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Books50IsAnOrderBookChannel() => Assert.True(BitgetChannelNames.IsOrderBook(BitgetChannelNames.Books50));
}
