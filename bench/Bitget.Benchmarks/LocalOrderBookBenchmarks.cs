using BenchmarkDotNet.Attributes;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Benchmarks;

/// <summary>
/// The local order book's update path: one real <c>books</c> update applied to the book (size 0 deletes, a known price
/// replaces, a new one is inserted) and the book's CRC-32 checksum over the top 25 levels a side computed and compared
/// with the frame's. Data: the 435 updates of the real capture (8 spot books of 100–150 levels a side; these v1 updates
/// carry 69 level changes on average, 19 of them in the top 25), and v2-sized updates of four changes cut from them.
/// </summary>
/// <remarks>
/// An update changes the book, so the same update cannot simply be applied again. Each invocation applies the 435 real
/// updates in order and then, for each in reverse, its inverse (the levels it touched put back as they were, with the
/// checksum of the book before it), which brings every book back to its snapshot: 870 updates, all of real levels, each
/// verified. The inverses are built and checked once in the setup. Frames are parsed in the setup: parsing is measured
/// by <see cref="CandleAndBookParseBenchmarks"/>.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class LocalOrderBookBenchmarks
{
    private const int Updates = 435;
    private LocalOrderBook[] _books = [];
    private (int Book, BitgetOrderBook Push)[] _steps = [];
    private (int Book, BitgetOrderBook Push)[] _unchecked = [];
    private LocalOrderBook[] _smallBooks = [];
    private (int Book, BitgetOrderBook Push)[] _smallSteps = [];

    /// <summary>Parses the capture, builds the inverses and checks that a full round applies cleanly.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parser = new BitgetFrameParser();
        var text = System.Text.Encoding.UTF8.GetString(BenchData.Bytes("captured-v1-books-stream.jsonl"));
        var symbols = new Dictionary<string, int>();
        var books = new List<LocalOrderBook>();
        var forward = new List<(int, BitgetOrderBook)>();
        var inverse = new List<(int, BitgetOrderBook)>();
        var smallBooks = new List<LocalOrderBook>();
        var smallForward = new List<(int, BitgetOrderBook)>();
        var smallInverse = new List<(int, BitgetOrderBook)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var list = new List<BitgetOrderBook>(1);
            parser.ParseOrderBooks(System.Text.Encoding.UTF8.GetBytes(line), DateTimeOffset.UnixEpoch, list);
            var push = list[0];
            if (!symbols.TryGetValue(push.Symbol, out var index))
            {
                symbols[push.Symbol] = index = books.Count;
                books.Add(new LocalOrderBook());
                smallBooks.Add(new LocalOrderBook());
            }
            var book = books[index];
            var small = smallBooks[index];
            if (!push.IsSnapshot)
            {
                inverse.Add((index, Inverse(book, push)));
                forward.Add((index, push));
                // A v2-sized update: the first two bid and two ask changes of the real one, with the checksum of the book
                // they make (computed here once, verified in the benchmark like the exchange's).
                var cut = new BitgetOrderBook
                {
                    Symbol = push.Symbol, InstType = push.InstType, Channel = push.Channel, Action = "update",
                    Bids = push.Bids.Take(2).ToArray(), Asks = push.Asks.Take(2).ToArray(),
                };
                smallInverse.Add((index, Inverse(small, cut)));
                small.Apply(cut);
                cut.Checksum = small.Checksum();
                smallForward.Add((index, cut));
            }
            else
                small.Apply(push);
            if (book.Apply(push) != BookUpdateResult.Applied)
                throw new InvalidOperationException("the capture did not apply");
        }
        if (forward.Count != Updates)
            throw new InvalidOperationException($"expected {Updates} updates, found {forward.Count}");
        inverse.Reverse();
        // The books now stand after the last update: start the rounds from there, going back first.
        _steps = [.. inverse, .. forward];
        _books = [.. books];
        _unchecked = [.. _steps.Select(s => (s.Book, WithoutChecksum(s.Push)))];
        smallInverse.Reverse();
        _smallSteps = [.. smallInverse, .. smallForward];
        _smallBooks = [.. smallBooks];
        if (ApplyAll(_smallBooks, _smallSteps) != 0 || ApplyAll(_smallBooks, _smallSteps) != 0)
            throw new InvalidOperationException("a small round did not verify");
        for (var round = 0; round < 2; round++)
        {
            if (ApplyAll() != 0)
                throw new InvalidOperationException("an inverse round did not verify");
        }
    }

    // The update that undoes `push` on `book` as it stands: each touched price back to its size (or deleted if absent).
    private static BitgetOrderBook Inverse(LocalOrderBook book, BitgetOrderBook push)
    {
        static BitgetBookLevel[] Undo(BitgetBookLevel[] before, BitgetBookLevel[] touched) =>
            touched.Select(t => before.FirstOrDefault(b => b.Price == t.Price) is { Size: > 0 } old ? old : new BitgetBookLevel(t.Price, 0m)).ToArray();
        return new BitgetOrderBook
        {
            Symbol = push.Symbol,
            InstType = push.InstType,
            Channel = push.Channel,
            Action = "update",
            Bids = Undo(book.CopyBids(), push.Bids),
            Asks = Undo(book.CopyAsks(), push.Asks),
            Checksum = book.Checksum(),
        };
    }

    private static BitgetOrderBook WithoutChecksum(BitgetOrderBook push) => new()
    {
        Symbol = push.Symbol, InstType = push.InstType, Channel = push.Channel, Action = push.Action, Bids = push.Bids, Asks = push.Asks,
    };

    private int ApplyAll() => ApplyAll(_books, _steps);

    private static int ApplyAll(LocalOrderBook[] books, (int Book, BitgetOrderBook Push)[] steps)
    {
        var failed = 0;
        foreach (var (index, push) in steps)
        {
            if (books[index].Apply(push) != BookUpdateResult.Applied)
                failed++;
        }
        return failed;
    }

    /// <summary>One real update applied and its checksum verified (mean over 870 per invocation).</summary>
    [Benchmark(OperationsPerInvoke = 2 * Updates)]
    public int ApplyUpdateAndVerifyChecksum() => ApplyAll();

    /// <summary>The same updates without a checksum in the frame (as current v2 frames): the merge alone.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Updates)]
    public int ApplyUpdateWithoutChecksum() => ApplyAll(_books, _unchecked);

    /// <summary>A v2-sized update (two bid and two ask changes taken from each real one) applied and its checksum verified.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Updates)]
    public int ApplySmallUpdateAndVerifyChecksum() => ApplyAll(_smallBooks, _smallSteps);

    /// <summary>The checksum alone: CRC-32 of the top 25 levels a side of a 100–150-level book.</summary>
    [Benchmark]
    public int Checksum() => _books[0].Checksum();
}
