using BenchmarkDotNet.Attributes;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Benchmarks;

/// <summary>
/// One candle frame and one books15 frame through <see cref="BitgetFrameParser"/>: the other two market-data
/// channels that arrive at high rates (books1/5/15 every 100–200 ms a symbol, candles every second while trading).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class CandleAndBookParseBenchmarks
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly BitgetFrameParser _parser = new();
    private readonly List<BitgetCandle> _candles = new(4);
    private readonly List<BitgetOrderBook> _books = new(1);
    private byte[] _candle = [];
    private byte[] _books15 = [];

    /// <summary>Loads the frames and checks they parse.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _candle = BenchData.Bytes("candle-update.json");
        _books15 = BenchData.Bytes("books15.json");
        if (Candle().Close is null || Books15().Bids.Length != 15 || _books[0].Asks.Length != 15)
            throw new InvalidOperationException("benchmark frames did not parse");
    }

    /// <summary>candle-update.json: a live-captured candle1m update (one row, compact, 215 bytes).</summary>
    [Benchmark]
    public BitgetCandle Candle()
    {
        _candles.Clear();
        _parser.ParseCandles(_candle, s_receivedAt, _candles);
        return _candles[0];
    }

    /// <summary>books15.json: a 15-level books15 snapshot (compact, 842 bytes; built from the books fixtures).</summary>
    [Benchmark]
    public BitgetOrderBook Books15()
    {
        _books.Clear();
        _parser.ParseOrderBooks(_books15, s_receivedAt, _books);
        return _books[0];
    }
}
