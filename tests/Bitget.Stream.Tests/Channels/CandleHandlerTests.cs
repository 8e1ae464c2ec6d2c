using System.Globalization;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Tests.Channels;

public class CandleHandlerTests
{
    private const long Minute = 60_000;
    private const long T0 = 1_786_650_000_000; // a whole minute

    private readonly HandlerHarness<BitgetCandle> _h = new(services => new CandleHandler(services));

    // Rows as (minute number, close); open 100, high/low around it, volume 1.
    private static string Frame(string action, params (int Minute, string Close)[] rows) =>
        $$"""{"action":"{{action}}","arg":{"instType":"USDT-FUTURES","channel":"candle1m","instId":"BTCUSDT"},"data":[{{string.Join(",", rows.Select(r =>
            $"[\"{(T0 + r.Minute * Minute).ToString(CultureInfo.InvariantCulture)}\",\"100\",\"200\",\"50\",\"{r.Close}\",\"1\",\"2\",\"2\"]"))}}],"ts":1786650000000}""";

    private static string Describe(BitgetCandle c) =>
        $"{(c.OpenTime.ToUnixTimeMilliseconds() - T0) / Minute}:{c.Close}{(c.IsClosed ? " closed" : "")}{(c.IsHistory ? " history" : "")}";

    private List<string> Take() => _h.Take().Select(Describe).ToList();

    [Fact]
    public void TheFirstSnapshotsPastCandlesAreClosedHistoryAndTheNewestIsLive()
    {
        _h.Push(Frame("snapshot", (0, "1"), (1, "2"), (2, "3")));
        Assert.Equal(["0:1 closed history", "1:2 closed history", "2:3"], Take());
    }

    [Fact]
    public void ASnapshotSentNewestFirstIsTakenOldestFirst()
    {
        _h.Push(Frame("snapshot", (2, "3"), (1, "2"), (0, "1")));
        Assert.Equal(["0:1 closed history", "1:2 closed history", "2:3"], Take());
    }

    [Fact]
    public void TheSameStartTimeReplacesAndTheNextStartClosesThePreviousOnce()
    {
        _h.Push(Frame("snapshot", (0, "1")));
        _h.Push(Frame("update", (0, "1.5")));
        _h.Push(Frame("update", (0, "1.5"))); // unchanged: a duplicate
        _h.Push(Frame("update", (1, "2")));
        _h.Push(Frame("update", (0, "9"))); // late: the period is over
        _h.Push(Frame("update", (1, "2.5")));
        Assert.Equal(["0:1", "0:1.5", "0:1.5 closed", "1:2", "1:2.5"], Take());
        Assert.Equal(1, _h.Counters.Duplicates);
        Assert.Equal(1, _h.Counters.OutOfOrder);
    }

    [Fact]
    public void AfterAReconnectTheSnapshotAddsOnlyWhatClosedMeanwhileAndNothingTwice()
    {
        _h.Push(Frame("snapshot", (0, "1"), (1, "2")));
        _h.Push(Frame("update", (2, "3")));
        Take();
        // Disconnected during minutes 2-4; the new subscription's snapshot covers minutes 0-5.
        _h.Resubscribe();
        _h.Push(Frame("snapshot", (0, "1"), (1, "2"), (2, "3.3"), (3, "4"), (4, "5"), (5, "6")));
        Assert.Equal(["2:3.3 closed", "3:4 closed", "4:5 closed", "5:6"], Take());
        // Again, with nothing new: nothing delivered.
        _h.Resubscribe();
        _h.Push(Frame("snapshot", (3, "4"), (4, "5"), (5, "6")));
        Assert.Empty(Take());
        Assert.True(_h.Counters.Duplicates >= 5);
    }

    [Fact]
    public void ALiveCandleMissingFromTheReconnectSnapshotIsClosedWithItsLastValues()
    {
        _h.Push(Frame("snapshot", (0, "1")));
        Take();
        _h.Resubscribe();
        _h.Push(Frame("snapshot", (1, "2"), (2, "3")));
        Assert.Equal(["0:1 closed", "1:2 closed", "2:3"], Take());
    }

    [Fact]
    public void EveryCandleIsDeliveredClosedExactlyOnce()
    {
        _h.Push(Frame("snapshot", (0, "1"), (1, "2")));
        for (var m = 1; m < 30; m++)
        {
            _h.Push(Frame("update", (m, "2")));
            _h.Push(Frame("update", (m, "3")));
            if (m % 7 == 0)
            {
                _h.Resubscribe();
                _h.Push(Frame("snapshot", (m - 2, "3"), (m - 1, "3"), (m, "3")));
            }
        }
        var closed = _h.Take().Where(c => c.IsClosed).Select(c => (c.OpenTime.ToUnixTimeMilliseconds() - T0) / Minute).ToList();
        Assert.Equal(Enumerable.Range(0, 29).Select(i => (long)i), closed);
    }

    [Fact]
    public void ADeliveredCandleIsNeverChangedAfterwards()
    {
        _h.Push(Frame("snapshot", (0, "1")));
        var live = Assert.Single(_h.Take());
        _h.Push(Frame("update", (1, "2")));
        Assert.False(live.IsClosed);
        var closed = _h.Take()[0];
        Assert.NotSame(live, closed);
        Assert.True(closed.IsClosed);
    }
}
