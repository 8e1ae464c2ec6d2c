using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Tests.Channels;

public class TradeHandlerTests
{
    private readonly HandlerHarness<BitgetTrade> _h = new(services => new TradeHandler(services));

    // Trades by id, newest first as Bitget sends them; trade n happens at second n.
    private static string Frame(string action, params long[] idsNewestFirst) =>
        $$"""{"action":"{{action}}","arg":{"instType":"SPOT","channel":"trade","instId":"BTCUSDT"},"data":[{{string.Join(",", idsNewestFirst.Select(id =>
            $$"""{"ts":"{{1_700_000_000_000 + id * 1000}}","price":"100.5","size":"0.01","side":"buy","tradeId":"{{id}}"}"""))}}],"ts":1700000000000}""";

    private static long[] Ids(int from, int to) => Enumerable.Range(from, to - from + 1).Reverse().Select(i => (long)i).ToArray();

    private List<string> Take() => _h.Take().Select(t => t.TradeId).ToList();

    [Fact]
    public void AReconnectSnapshotOverlapIsSkippedAndCountedAndNothingIsMissed()
    {
        _h.Push(Frame("snapshot", Ids(1, 5)));
        _h.Push(Frame("update", 6));
        _h.Resubscribe();
        _h.Push(Frame("snapshot", Ids(3, 9)));
        _h.Push(Frame("update", Ids(10, 11)));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => i.ToString()), Take());
        Assert.Equal(4, _h.Counters.Duplicates);
    }

    [Fact]
    public void ARepeatedSnapshotWithinASubscriptionDeliversNothing()
    {
        _h.Push(Frame("snapshot", Ids(1, 3)));
        _h.Push(Frame("snapshot", Ids(1, 3)));
        Assert.Equal(["1", "2", "3"], Take());
        Assert.Equal(3, _h.Counters.Duplicates);
    }

    [Fact]
    public void TheDocsPlaceholderIdsAreOneTrade()
    {
        _h.Push(Fixtures.Text("futures-trade.json"));
        var trade = Assert.Single(_h.Take());
        Assert.Equal("sell", trade.Side); // the older of the two comes first
        Assert.Equal(1, _h.Counters.Duplicates);
    }

    [Fact]
    public void TradesOfOneMillisecondSentNewestFirstAreDeliveredOldestFirst()
    {
        _h.Push("""{"action":"update","arg":{"instType":"SPOT","channel":"trade","instId":"BTCUSDT"},"data":[""" +
            """{"ts":"1700000000000","price":"1","size":"1","side":"buy","tradeId":"10"},""" +
            """{"ts":"1700000000000","price":"1","size":"1","side":"buy","tradeId":"9"}],"ts":1700000000000}""");
        Assert.Equal(["9", "10"], Take());
    }

    [Fact]
    public void TheIdWindowIsBoundedAndForgetsTheOldest()
    {
        var window = new TradeIdWindow(3);
        Assert.True(window.Add("1"));
        Assert.True(window.Add("2"));
        Assert.True(window.Add("3"));
        Assert.False(window.Add("2"));
        Assert.True(window.Add("4"));
        Assert.Equal(3, window.Count);
        Assert.True(window.Add("1")); // forgotten
        Assert.False(window.Add("4"));
    }
}
