using System.Globalization;
using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

public class OrderBookParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static (BitgetFrame Frame, List<BitgetOrderBook> Books) ParseFixture(string fixture)
    {
        var books = new List<BitgetOrderBook>();
        var frame = new BitgetFrameParser().ParseOrderBooks(Fixtures.Bytes(fixture), ReceivedAt, books);
        return (frame, books);
    }

    private static (BitgetFrame Frame, List<BitgetOrderBook> Books) Parse(string text, BitgetFrameParser? parser = null)
    {
        var books = new List<BitgetOrderBook>();
        var frame = (parser ?? new BitgetFrameParser()).ParseOrderBooks(Encoding.UTF8.GetBytes(text), ReceivedAt, books);
        return (frame, books);
    }

    // A books15 push around one data item; the item's fields are the test's.
    private static string Frame(string item, string channel = "books15") =>
        "{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"" + channel + "\",\"instId\":\"BTCUSDT\"},\"data\":[" + item + "],\"ts\":1695716059516}";

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static BitgetBookLevel L(string price, string size) =>
        new(decimal.Parse(price, CultureInfo.InvariantCulture), decimal.Parse(size, CultureInfo.InvariantCulture));

    // Levels compared with their scale: "0.0500" must not come back as 0.05.
    private static void AssertLevels(BitgetBookLevel[] actual, params (string Price, string Size)[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Price, actual[i].Price.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].Size, actual[i].Size.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void SpotBooks5FromTheDocs()
    {
        var (frame, books) = ParseFixture("books5.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(1, frame.ItemCount);
        var b = Assert.Single(books);
        Assert.Equal(("BTCUSDT", "SPOT", "books5", "snapshot"), (b.Symbol, b.InstType, b.Channel, b.Action));
        Assert.True(b.IsSnapshot);
        AssertLevels(b.Asks, ("26274.9", "0.0009"), ("26275.0", "0.0500"));
        AssertLevels(b.Bids, ("26274.8", "0.0009"), ("26274.7", "0.0027"));
        Assert.Equal(0, b.Checksum);
        Assert.Equal(123L, b.Sequence);
        Assert.Null(b.PreviousSequence);
        Assert.Equal(Ms(1695710946294), b.Timestamp);
        Assert.Equal(TimeSpan.Zero, b.Timestamp.Offset);
        Assert.Equal(ReceivedAt, b.ReceivedAt);
    }

    [Fact]
    public void FuturesBooks5FromTheDocs()
    {
        var (frame, books) = ParseFixture("futures-books5.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(("BTCUSDT", "USDT-FUTURES", "books5", "snapshot"), (b.Symbol, b.InstType, b.Channel, b.Action));
        AssertLevels(b.Asks, ("27000.5", "8.760"), ("27001.0", "0.400"));
        AssertLevels(b.Bids, ("27000.0", "2.710"), ("26999.5", "1.460"));
        Assert.Equal(new BitgetBookLevel(27000.5m, 8.76m), b.Asks[0]);
        Assert.Equal(0, b.Checksum);
        Assert.Equal(123L, b.Sequence);
        Assert.Equal(Ms(1695716059516), b.Timestamp);
    }

    [Fact]
    public void CapturedFullBookSnapshotHasSeqAndPseqButNoChecksum()
    {
        var (frame, books) = ParseFixture("books-snapshot.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(("MAVUSDT", "USDT-FUTURES", "books", "snapshot"), (b.Symbol, b.InstType, b.Channel, b.Action));
        AssertLevels(b.Asks, ("0.01039", "4499.23"), ("0.0104", "116536.86"));
        AssertLevels(b.Bids, ("0.01038", "4311.15"), ("0.01037", "175152.28"));
        Assert.Null(b.Checksum);
        Assert.Equal(427583461144L, b.Sequence);
        Assert.Equal(0L, b.PreviousSequence);
        Assert.Equal(Ms(1789456510736), b.Timestamp);
    }

    [Fact]
    public void CapturedUpdatesChainBySeqAndPseq()
    {
        var snapshot = ParseFixture("books-snapshot.json").Books[0];
        var (frame1, books1) = ParseFixture("books-update.json");
        var (frame2, books2) = ParseFixture("books-update-2.json");
        Assert.Equal(BitgetFrameKind.Push, frame1.Kind);
        Assert.Equal(BitgetFrameKind.Push, frame2.Kind);
        var u1 = Assert.Single(books1);
        var u2 = Assert.Single(books2);

        Assert.Equal(("update", false), (u1.Action, u1.IsSnapshot));
        Assert.Empty(u1.Asks);
        AssertLevels(u1.Bids, ("0.00519", "30828.52"));
        Assert.Equal((427583480559L, 427583461144L), (u1.Sequence!.Value, u1.PreviousSequence!.Value));
        Assert.Equal(Ms(1789456512452), u1.Timestamp);

        AssertLevels(u2.Asks, ("0.0104", "116536.86"), ("0.01042", "382403.68"));
        AssertLevels(u2.Bids, ("0.01036", "463711.3"), ("0.01035", "175053.47"));
        Assert.Equal((427583480664L, 427583480559L), (u2.Sequence!.Value, u2.PreviousSequence!.Value));
        Assert.Equal(Ms(1789456512458), u2.Timestamp);

        Assert.Equal(snapshot.Sequence, u1.PreviousSequence);
        Assert.Equal(u1.Sequence, u2.PreviousSequence);
    }

    [Fact]
    public void LegacyV1UpdateKeepsTheChecksumAndItsLevelsReproduceIt()
    {
        var (frame, books) = ParseFixture("legacy-v1-books-update.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(("GOGUSDT", "SPOT", "books", "update"), (b.Symbol, b.InstType, b.Channel, b.Action));
        Assert.Equal(12, b.Asks.Length);
        Assert.Equal(14, b.Bids.Length);
        Assert.Equal(L("0.5625", "16.3333"), b.Asks[0]);
        Assert.Equal("9.0000", b.Asks[1].Size.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(L("0.5739", "8.7133"), b.Asks[11]);
        Assert.Equal(L("0.5512", "15.0667"), b.Bids[0]);
        Assert.Equal(L("0.5482", "3682.2333"), b.Bids[3]);
        Assert.Equal(L("0.5410", "15.0000"), b.Bids[13]);
        Assert.Equal(871848329, b.Checksum);
        Assert.Null(b.Sequence);
        Assert.Equal(Ms(1649290078141), b.Timestamp);
    }

    [Theory]
    [InlineData("legacy-v1-books-update.json")]
    [InlineData("books5.json")]
    [InlineData("books-update-2.json")]
    public void LevelsGiveBackTheTextsSentForTheChecksum(string fixture)
    {
        // Bitget's CRC-32 runs over the price/size texts as sent ("9.0000", not "9"). decimal keeps the scale, so
        // the invariant ToString of each parsed value is that text: a checksum can be computed from the levels.
        var b = Assert.Single(ParseFixture(fixture).Books);
        using var doc = System.Text.Json.JsonDocument.Parse(Fixtures.Bytes(fixture));
        var item = doc.RootElement.GetProperty("data")[0];
        foreach (var (side, levels) in new[] { ("asks", b.Asks), ("bids", b.Bids) })
        {
            var sent = item.GetProperty(side).EnumerateArray().Select(l => l[0].GetString() + ":" + l[1].GetString()).ToArray();
            Assert.Equal(sent, levels.Select(Invariant));
        }
    }

    private static string Invariant(BitgetBookLevel l) =>
        l.Price.ToString(CultureInfo.InvariantCulture) + ":" + l.Size.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("books-subscribe-request.json")]
    [InlineData("uta-books.json")]
    [InlineData("uta-books-update-captured.json")]
    [InlineData("uta-books-subscribe-request.json")]
    public void RequestsAndV3BooksAreNotV2Pushes(string fixture)
    {
        var (frame, books) = ParseFixture(fixture);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Empty(books);
    }

    [Theory]
    [InlineData("futures-ticker-snapshot.json")]
    [InlineData("candle-update.json")]
    [InlineData("trade.json")]
    public void OtherChannelsYieldNoBooks(string fixture)
    {
        var (frame, books) = ParseFixture(fixture);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Empty(books);
    }

    [Fact]
    public void BookFramesYieldNoTickersOrCandles()
    {
        var parser = new BitgetFrameParser();
        Assert.Equal(BitgetFrameKind.Push, parser.Parse(Fixtures.Bytes("books5.json"), ReceivedAt, []).Kind);
        var candles = new List<BitgetCandle>();
        Assert.Equal(BitgetFrameKind.Push, parser.ParseCandles(Fixtures.Bytes("books5.json"), ReceivedAt, candles).Kind);
        Assert.Empty(candles);
    }

    [Fact]
    public void FifteenLevelsASideAreKeptInOrder()
    {
        var asks = string.Join(',', Enumerable.Range(0, 15).Select(i => $"[\"{27000.5m + i * 0.5m:0.0}\",\"{i + 1}.000\"]"));
        var bids = string.Join(',', Enumerable.Range(0, 15).Select(i => $"[\"{27000.0m - i * 0.5m:0.0}\",\"0.{i + 1:000}\"]"));
        var (frame, books) = Parse(Frame($"{{\"asks\":[{asks}],\"bids\":[{bids}],\"checksum\":0,\"seq\":1,\"ts\":\"1695716059516\"}}"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(15, b.Asks.Length);
        Assert.Equal(15, b.Bids.Length);
        Assert.Equal(new BitgetBookLevel(27007.5m, 15m), b.Asks[14]);
        Assert.Equal("15.000", b.Asks[14].Size.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(new BitgetBookLevel(26993.0m, 0.015m), b.Bids[14]);
    }

    [Fact]
    public void DeepBooksGoPastTheStackBuffer()
    {
        var asks = string.Join(',', Enumerable.Range(0, 400).Select(i => $"[\"{1 + i}.5\",\"{i}\"]"));
        var (frame, books) = Parse(Frame($"{{\"asks\":[{asks}],\"bids\":[],\"ts\":\"1\"}}", "books"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(400, b.Asks.Length);
        Assert.Equal(Enumerable.Range(0, 400).Select(i => new BitgetBookLevel(1.5m + i, i)), b.Asks);
        Assert.Empty(b.Bids);
    }

    [Fact]
    public void SeqBeyondDoublePrecisionIsExact()
    {
        // 2^53 + 1 would round through double; v3 and coin-M seqs are this large.
        var (_, books) = Parse(Frame("{\"asks\":[],\"bids\":[],\"seq\":1304314508780744705,\"pseq\":\"9007199254740993\",\"ts\":\"1\"}"));
        var b = Assert.Single(books);
        Assert.Equal(1304314508780744705L, b.Sequence);
        Assert.Equal(9007199254740993L, b.PreviousSequence);
    }

    [Theory]
    [InlineData("-1294967296", -1294967296)]
    [InlineData("3000000000", -1294967296)] // the same CRC written unsigned
    [InlineData("\"871848329\"", 871848329)]
    [InlineData("4294967295", -1)]
    public void ChecksumIsASigned32BitValue(string wire, int expected)
    {
        var (_, books) = Parse(Frame("{\"asks\":[],\"bids\":[],\"checksum\":" + wire + ",\"ts\":\"1\"}"));
        Assert.Equal(expected, Assert.Single(books).Checksum);
    }

    [Fact]
    public void NullOrMissingOptionalFieldsAreNotSent()
    {
        var (frame, books) = Parse(Frame("{\"asks\":null,\"checksum\":null,\"seq\":null,\"pseq\":\"\",\"ts\":\"1695716059000\"}"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Empty(b.Asks);
        Assert.Empty(b.Bids);
        Assert.Null(b.Checksum);
        Assert.Null(b.Sequence);
        Assert.Null(b.PreviousSequence);
        Assert.Equal(Ms(1695716059000), b.Timestamp);
    }

    [Fact]
    public void BookWithoutItsOwnTsTakesTheEnvelopeTs()
    {
        var (frame, books) = Parse(Frame("{\"asks\":[[\"1\",\"2\"]],\"bids\":[]}"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(Ms(1695716059516), Assert.Single(books).Timestamp);
    }

    [Fact]
    public void ActionAndArgAfterDataAreStillApplied()
    {
        var (frame, books) = Parse("{\"data\":[{\"asks\":[[\"2\",\"1\"]],\"bids\":[[\"1\",\"1\"]],\"ts\":\"5\"}],\"arg\":{\"instType\":\"SPOT\",\"channel\":\"books1\",\"instId\":\"ETHUSDT\"},\"action\":\"snapshot\",\"ts\":6}");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(("ETHUSDT", "SPOT", "books1", "snapshot"), (b.Symbol, b.InstType, b.Channel, b.Action));
        Assert.Equal(Ms(5), b.Timestamp);
    }

    [Fact]
    public void ActionAfterDataInTheSameOrderAsV3IsApplied()
    {
        var (_, books) = Parse("{\"arg\":{\"instType\":\"SPOT\",\"channel\":\"books\",\"instId\":\"ETHUSDT\"},\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"5\"}],\"action\":\"update\"}");
        Assert.Equal("update", Assert.Single(books).Action);
    }

    [Fact]
    public void ExtraLevelItemsAndUnknownFieldsAreIgnored()
    {
        var (frame, books) = Parse(Frame("{\"asks\":[[\"1.5\",\"2\",\"3\",[4]]],\"bids\":[],\"new\":{\"x\":[1]},\"ts\":\"1\"}"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(new BitgetBookLevel(1.5m, 2m), Assert.Single(Assert.Single(books).Asks));
    }

    [Fact]
    public void SymbolsAndChannelsAreSharedStrings()
    {
        var parser = new BitgetFrameParser();
        var a = Parse(Frame("{\"asks\":[],\"bids\":[],\"ts\":\"1\"}"), parser).Books[0];
        var b = Parse(Frame("{\"asks\":[],\"bids\":[],\"ts\":\"2\"}"), parser).Books[0];
        Assert.Same(a.Symbol, b.Symbol);
        Assert.Same(a.Channel, b.Channel);
        Assert.Same(BitgetChannelNames.Books15, a.Channel);
        Assert.Same(a.Action, b.Action);
    }

    [Theory]
    // Truncated JSON.
    [InlineData("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"books15\",\"instId\":\"BTCUSDT\"},\"data\":[{\"asks\":[[\"27000.5\",\"8.7", "invalid JSON")]
    [InlineData("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"books15\",\"instId\":\"BTCUSDT\"},\"data\":[{\"asks\":[[\"27000.5\",\"8.760\"]", "invalid JSON")]
    // Non-numeric price or size.
    [InlineData("{\"asks\":[[\"abc\",\"1\"]],\"bids\":[],\"ts\":\"1\"}", "malformed asks price")]
    [InlineData("{\"asks\":[],\"bids\":[[\"1\",\"1\"],[\"27000,5\",\"1\"]],\"ts\":\"1\"}", "malformed bids price")]
    [InlineData("{\"asks\":[[\"1\",\"x\"]],\"bids\":[],\"ts\":\"1\"}", "malformed asks size")]
    [InlineData("{\"asks\":[[\"1e400\",\"1\"]],\"bids\":[],\"ts\":\"1\"}", "malformed asks price")]
    [InlineData("{\"asks\":[[\"\",\"1\"]],\"bids\":[],\"ts\":\"1\"}", "malformed asks price")]
    [InlineData("{\"asks\":[[null,\"1\"]],\"bids\":[],\"ts\":\"1\"}", "malformed asks price")]
    // Missing parts of a level.
    [InlineData("{\"asks\":[[\"1\"]],\"bids\":[],\"ts\":\"1\"}", "malformed asks size")]
    [InlineData("{\"asks\":[],\"bids\":[[]],\"ts\":\"1\"}", "malformed bids price")]
    [InlineData("{\"asks\":[\"1\",\"2\"],\"bids\":[],\"ts\":\"1\"}", "malformed asks level")]
    [InlineData("{\"asks\":{\"1\":\"2\"},\"bids\":[],\"ts\":\"1\"}", "asks is not an array")]
    // Malformed integers and times.
    [InlineData("{\"asks\":[],\"bids\":[],\"seq\":\"x\",\"ts\":\"1\"}", "malformed seq")]
    [InlineData("{\"asks\":[],\"bids\":[],\"seq\":1.5,\"ts\":\"1\"}", "malformed seq")]
    [InlineData("{\"asks\":[],\"bids\":[],\"pseq\":[1],\"ts\":\"1\"}", "malformed pseq")]
    [InlineData("{\"asks\":[],\"bids\":[],\"checksum\":99999999999,\"ts\":\"1\"}", "malformed checksum")]
    [InlineData("\"not an object\"", "order book data item is not an object")]
    public void MalformedBookFramesAreInvalidWithAReasonAndYieldNothing(string itemOrFrame, string reason)
    {
        var text = itemOrFrame.StartsWith("{\"action\"", StringComparison.Ordinal) ? itemOrFrame : Frame(itemOrFrame);
        var books = new List<BitgetOrderBook> { new() { Symbol = "KEPT" } };
        var frame = new BitgetFrameParser().ParseOrderBooks(Encoding.UTF8.GetBytes(text), ReceivedAt, books);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
        Assert.Equal("KEPT", Assert.Single(books).Symbol);
    }

    [Fact]
    public void BookWithoutAnyTsIsInvalid()
    {
        var (frame, books) = Parse("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"books5\",\"instId\":\"BTCUSDT\"},\"data\":[{\"asks\":[],\"bids\":[]}]}");
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Equal("SPOT/books5/BTCUSDT: order book without ts", frame.InvalidReason);
        Assert.Empty(books);
    }

    [Fact]
    public void BookWithoutInstIdIsInvalid()
    {
        var (frame, books) = Parse("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"books5\"},\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"1\"}]}");
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("order book without instId", frame.InvalidReason);
        Assert.Empty(books);
    }

    [Fact]
    public void EveryBooksFixtureIsClassified()
    {
        foreach (var fixture in Fixtures.All().Where(f => f.Contains("books")))
        {
            var (frame, books) = ParseFixture(fixture);
            var push = !fixture.Contains("request") && !fixture.StartsWith("uta-");
            Assert.True(push == (frame.Kind == BitgetFrameKind.Push), fixture);
            Assert.True(push == (books.Count == 1), fixture);
        }
    }
}
