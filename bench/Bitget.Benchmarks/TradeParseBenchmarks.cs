using BenchmarkDotNet.Attributes;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Benchmarks;

/// <summary>One trade frame through <see cref="BitgetFrameParser"/>: busy symbols push trades many times a second.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class TradeParseBenchmarks
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly BitgetFrameParser _parser = new();
    private readonly List<BitgetTrade> _trades = new(4);
    private byte[] _update = [];

    /// <summary>Loads the frame and checks it parses.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _update = BenchData.Bytes("trade-update.json");
        if (Trades() != 3 || _trades[0].Price != 26293.4m)
            throw new InvalidOperationException("benchmark frame did not parse");
    }

    /// <summary>trade-update.json: a compact update of three trades (390 bytes).</summary>
    [Benchmark]
    public int Trades()
    {
        _trades.Clear();
        _parser.ParseTrades(_update, s_receivedAt, _trades);
        return _trades.Count;
    }
}
