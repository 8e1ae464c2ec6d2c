using System.Globalization;
using System.Text;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Channels;

public class LocalOrderBookTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    internal static BitgetOrderBook Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    internal static BitgetOrderBook Parse(byte[] utf8)
    {
        var books = new List<BitgetOrderBook>();
        new BitgetFrameParser().ParseOrderBooks(utf8, ReceivedAt, books);
        return Assert.Single(books);
    }

    // A v2 books push; levels are JSON arrays of [price, size] strings.
    internal static BitgetOrderBook Push(string action, string bids, string asks, long? seq = null, long? pseq = null, long? checksum = null)
    {
        var extra = (seq is null ? "" : $",\"seq\":{seq}") + (pseq is null ? "" : $",\"pseq\":{pseq}")
            + (checksum is null ? "" : $",\"checksum\":{checksum}");
        return Parse("{\"action\":\"" + action + "\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"books\",\"instId\":\"BTCUSDT\"},\"data\":[{\"asks\":"
            + asks + ",\"bids\":" + bids + ",\"ts\":\"1789456510736\"" + extra + "}],\"ts\":1789456511968}");
    }

    private static string Levels(BitgetBookLevel[] levels) =>
        string.Join(" ", levels.Select(l => l.Price.ToString(CultureInfo.InvariantCulture) + "x" + l.Size.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public void Crc32OfTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
        // zlib.crc32 of the same text (Python).
        Assert.Equal(0x3C8B7564u, Crc32.Compute("The quick brown fox jumps over the lazy dog, again and again."u8));
    }

    [Fact]
    public void TheRealCaptureMatchesEveryChecksum()
    {
        // 443 real books frames of 8 symbols, interleaved, each with a non-zero checksum: the book must match every one.
        var books = new Dictionary<string, LocalOrderBook>();
        var lines = File.ReadAllLines(Path.Combine(Fixtures.Folder, "captured-v1-books-stream.jsonl"));
        Assert.Equal(443, lines.Length);
        var checkedFrames = 0;
        foreach (var line in lines)
        {
            var push = Parse(line);
            Assert.NotEqual(0, push.Checksum ?? 0);
            if (!books.TryGetValue(push.Symbol, out var book))
                books[push.Symbol] = book = new LocalOrderBook();
            Assert.Equal(BookUpdateResult.Applied, book.Apply(push));
            Assert.Equal(push.Checksum, book.Checksum());
            checkedFrames++;
        }
        Assert.Equal(443, checkedFrames);
        Assert.Equal(8, books.Count);
        Assert.All(books.Values, b => Assert.True(b.IsSynced));
    }

    [Fact]
    public void AChangedSizeInTheCaptureIsAMismatch()
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures.Folder, "captured-v1-books-stream.jsonl"));
        var book = new LocalOrderBook();
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Parse(lines[0])));
        var next = lines.Skip(1).First(l => l.Contains("\"CULTUSDT\"", StringComparison.Ordinal));
        // The same size written with one more trailing zero: equal as a number, not as the text the checksum covers.
        var first = Parse(next);
        var level = first.Bids.Length > 0 ? first.Bids[0] : first.Asks[0];
        var text = level.Size.ToString(CultureInfo.InvariantCulture);
        var tampered = next.Replace($"\"{text}\"]", $"\"{text}{(text.Contains('.') ? "0" : ".0")}\"]", StringComparison.Ordinal);
        Assert.NotEqual(next, tampered);
        Assert.Equal(BookUpdateResult.ChecksumMismatch, book.Apply(Parse(tampered)));
        Assert.False(book.IsSynced);
        Assert.Equal(BookUpdateResult.AwaitingSnapshot, book.Apply(Parse(next)));
    }

    [Fact]
    public void UpdatesDeleteReplaceAndInsertInOrder()
    {
        var book = new LocalOrderBook();
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("snapshot",
            "[[\"100.0\",\"1\"],[\"99.5\",\"2\"],[\"99.0\",\"3\"]]", "[[\"100.5\",\"1\"],[\"101.0\",\"2\"]]", seq: 10, pseq: 0)));
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("update",
            "[[\"99.5\",\"0\"],[\"99.75\",\"4\"],[\"100.0\",\"1.50\"],[\"98.0\",\"0\"]]", "[[\"100.25\",\"7\"],[\"101.0\",\"0\"],[\"102\",\"1\"]]", seq: 11, pseq: 10)));
        Assert.Equal("100.0x1.50 99.75x4 99.0x3", Levels(book.CopyBids()));
        Assert.Equal("100.25x7 100.5x1 102x1", Levels(book.CopyAsks()));
        Assert.Equal("100.0x1.50 99.75x4", Levels(book.CopyBids(2)));
        Assert.Equal(11, book.Sequence);
    }

    [Fact]
    public void ChecksumFollowsTheRecipe()
    {
        var book = new LocalOrderBook();
        book.Apply(Push("snapshot", "[[\"100.0\",\"1.50\"],[\"99.5\",\"2\"]]", "[[\"100.5\",\"0.0100\"]]"));
        // bid1:size:ask1:size:bid2:size, the original strings, a missing ask skipped.
        var expected = unchecked((int)Crc32.Compute("100.0:1.50:100.5:0.0100:99.5:2"u8));
        Assert.Equal(expected, book.Checksum());
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("snapshot", "[[\"100.0\",\"1.50\"],[\"99.5\",\"2\"]]", "[[\"100.5\",\"0.0100\"]]", checksum: expected)));
        // The same CRC sent unsigned is the same checksum.
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("snapshot", "[[\"100.0\",\"1.50\"],[\"99.5\",\"2\"]]", "[[\"100.5\",\"0.0100\"]]",
            checksum: unchecked((uint)expected))));
        Assert.Equal(BookUpdateResult.ChecksumMismatch, book.Apply(Push("snapshot", "[[\"100.0\",\"1.5\"],[\"99.5\",\"2\"]]", "[[\"100.5\",\"0.0100\"]]", checksum: expected)));
    }

    [Fact]
    public void OnlyTheFirst25LevelsCount()
    {
        var bids = "[" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"[\"{1000 - i}\",\"1\"]")) + "]";
        var asks = "[" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"[\"{1001 + i}\",\"1\"]")) + "]";
        var book = new LocalOrderBook();
        book.Apply(Push("snapshot", bids, asks));
        var sum = book.Checksum();
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("update", "[[\"972\",\"5\"]]", "[[\"1029\",\"0\"]]", checksum: sum)));
        Assert.Equal(BookUpdateResult.ChecksumMismatch, book.Apply(Push("snapshot", bids, asks.Replace("[\"1025\",\"1\"]", "[\"1025\",\"2\"]"), checksum: sum)));
    }

    [Fact]
    public void TheSequenceChainOfTheCapturedV2Fixtures()
    {
        var book = new LocalOrderBook();
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Parse(Fixtures.Bytes("books-snapshot.json"))));
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Parse(Fixtures.Bytes("books-update.json"))));
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Parse(Fixtures.Bytes("books-update-2.json"))));
        Assert.Equal(427583480664L, book.Sequence);
        // The same update again is a repeat, not a gap.
        Assert.Equal(BookUpdateResult.Stale, book.Apply(Parse(Fixtures.Bytes("books-update-2.json"))));
        Assert.True(book.IsSynced);
    }

    [Fact]
    public void AGapWaitsForTheNextSnapshot()
    {
        var book = new LocalOrderBook();
        book.Apply(Push("snapshot", "[[\"1\",\"1\"]]", "[[\"2\",\"1\"]]", seq: 9_007_199_254_740_993, pseq: 0));
        // Past 2^53: a double would make 9007199254740993 and ...992 equal.
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("update", "[[\"1\",\"2\"]]", "[]", seq: 9_007_199_254_740_995, pseq: 9_007_199_254_740_993)));
        Assert.Equal(BookUpdateResult.SequenceGap, book.Apply(Push("update", "[[\"1\",\"3\"]]", "[]", seq: 9_007_199_254_740_999, pseq: 9_007_199_254_740_996)));
        Assert.False(book.IsSynced);
        Assert.Equal(BookUpdateResult.AwaitingSnapshot, book.Apply(Push("update", "[[\"1\",\"4\"]]", "[]", seq: 9_007_199_254_741_000, pseq: 9_007_199_254_740_999)));
        Assert.Equal(BookUpdateResult.Applied, book.Apply(Push("snapshot", "[[\"1\",\"5\"]]", "[[\"2\",\"1\"]]", seq: 9_007_199_254_741_000, pseq: 0)));
        Assert.Equal("1x5", Levels(book.CopyBids()));
    }

    [Fact]
    public void AnUpdateBeforeAnySnapshotIsNotApplied()
    {
        var book = new LocalOrderBook();
        Assert.Equal(BookUpdateResult.AwaitingSnapshot, book.Apply(Parse(Fixtures.Bytes("books-update.json"))));
        Assert.Equal(0, book.BidCount);
    }

    [Fact]
    public void ASideIsBounded()
    {
        var book = new LocalOrderBook();
        var bids = "[" + string.Join(",", Enumerable.Range(1, LocalOrderBook.MaxLevelsPerSide + 10).Select(i => $"[\"{i}\",\"1\"]")) + "]";
        book.Apply(Push("snapshot", bids, "[]"));
        Assert.Equal(LocalOrderBook.MaxLevelsPerSide, book.BidCount);
        Assert.Equal(10, book.TrimmedLevels);
        // The highest bids were kept: the far end (lowest) was dropped.
        Assert.Equal((decimal)(LocalOrderBook.MaxLevelsPerSide + 10), book.CopyBids(1)[0].Price);
        Assert.Equal(11m, book.CopyBids()[^1].Price);
    }

    [Fact]
    public void ManyChangesMergeLikeOneByOne()
    {
        // Pushes of 8 or more changes in best-first order take the one-pass merge; shuffled, the same changes go level by
        // level. Both must give the same book, text (scale) included, over many random pushes.
        var random = new Random(7);
        var merged = new LocalOrderBook();
        var single = new LocalOrderBook();
        string Side(bool bids, int n) => "[" + string.Join(",", Enumerable.Range(0, n)
            .Select(i => bids ? 5000 - (i * 5) : 5001 + (i * 5)).Select(p => $"[\"{p / 10m:0.0}\",\"{random.Next(1, 999)}.{random.Next(0, 99):00}\"]")) + "]";
        var snapshot = Push("snapshot", Side(true, 60), Side(false, 60));
        merged.Apply(snapshot);
        single.Apply(snapshot);
        for (var round = 0; round < 300; round++)
        {
            var bidPrices = Enumerable.Range(0, 80).Select(i => 5000 - (i * 5)).OrderBy(_ => random.Next()).Take(random.Next(8, 30)).ToList();
            var askPrices = Enumerable.Range(0, 80).Select(i => 5001 + (i * 5)).OrderBy(_ => random.Next()).Take(random.Next(8, 30)).ToList();
            string Level(int p) => $"[\"{p / 10m:0.0}\",\"{(random.Next(3) == 0 ? "0" : $"{random.Next(1, 999)}.{random.Next(0, 999):000}")}\"]";
            var bidLevels = bidPrices.OrderByDescending(p => p).Select(Level).ToList();
            var askLevels = askPrices.OrderBy(p => p).Select(Level).ToList();
            var sorted = Push("update", "[" + string.Join(",", bidLevels) + "]", "[" + string.Join(",", askLevels) + "]");
            var shuffled = Push("update", "[" + string.Join(",", bidLevels.OrderBy(_ => random.Next())) + "]",
                "[" + string.Join(",", askLevels.OrderBy(_ => random.Next())) + "]");
            Assert.Equal(BookUpdateResult.Applied, merged.Apply(sorted));
            Assert.Equal(BookUpdateResult.Applied, single.Apply(shuffled));
            Assert.Equal(Levels(single.CopyBids()), Levels(merged.CopyBids()));
            Assert.Equal(Levels(single.CopyAsks()), Levels(merged.CopyAsks()));
            Assert.Equal(single.Checksum(), merged.Checksum());
        }
    }

    [Theory]
    [InlineData("0.00003530")]
    [InlineData("145214")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("26274.9")]
    [InlineData("1.50")]
    [InlineData("-2.5")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void LevelTextIsTheInvariantRendering(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[64];
        var n = LevelText.Write(value, buffer);
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer[..n]));
        Assert.Equal(text, Encoding.ASCII.GetString(buffer[..n]));
    }
}
