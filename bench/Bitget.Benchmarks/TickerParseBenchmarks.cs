using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;

namespace Bitget.Benchmarks;

/// <summary>
/// One ticker frame through <see cref="BitgetFrameParser.Parse(ReadOnlySpan{byte}, DateTimeOffset, List{BitgetTicker})"/>,
/// as the session does it: one parser, one reused list. Target (issue 4): at least 1,000,000 frames/s on one core
/// and nothing allocated but the <see cref="BitgetTicker"/> (520 B). Issue 17: the v3 (Unified) futures ticker, as
/// captured live, through a Unified parser beside the v2 compact one: within 10 % of it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class TickerParseBenchmarks
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly BitgetFrameParser _parser = new();
    private readonly BitgetFrameParser _unifiedParser = new(dialect: WireDialect.Unified);
    private readonly List<BitgetTicker> _tickers = new(4);
    private byte[] _unifiedFutures = [];
    private byte[] _futures = [];
    private byte[] _futuresCompact = [];
    private byte[] _spot = [];
    private byte[] _spotCompact = [];

    /// <summary>Loads the frames and parses each once (symbols enter the table as they would on the first push).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _futures = BenchData.Bytes("futures-ticker-snapshot.json");
        _futuresCompact = BenchData.Compact(_futures);
        _spot = BenchData.Bytes("spot-ticker.json");
        _spotCompact = BenchData.Compact(_spot);
        _unifiedFutures = BenchData.Bytes("v3-ticker-futures.json");
        foreach (var frame in new[] { _futures, _futuresCompact, _spot, _spotCompact })
        {
            if (Parse(frame).LastPrice is null)
                throw new InvalidOperationException("benchmark frame did not parse to a ticker");
        }
        if (ParseUnified(_unifiedFutures).LastPrice is null)
            throw new InvalidOperationException("the v3 benchmark frame did not parse to a ticker");
    }

    private BitgetTicker Parse(byte[] frame)
    {
        _tickers.Clear();
        _parser.Parse(frame, s_receivedAt, _tickers);
        return _tickers[0];
    }

    private BitgetTicker ParseUnified(byte[] frame)
    {
        _tickers.Clear();
        _unifiedParser.Parse(frame, s_receivedAt, _tickers);
        return _tickers[0];
    }

    /// <summary>futures-ticker-snapshot.json as published in the docs (pretty-printed, 976 bytes).</summary>
    [Benchmark]
    public BitgetTicker FuturesTicker() => Parse(_futures);

    /// <summary>The same futures ticker without whitespace, as on the wire (584 bytes).</summary>
    [Benchmark]
    public BitgetTicker FuturesTickerCompact() => Parse(_futuresCompact);

    /// <summary>
    /// v3-ticker-futures.json: a v3 (Unified) USDT-FUTURES ticker captured live, compact (588 bytes), through a Unified
    /// parser: compare with <see cref="FuturesTickerCompact"/>.
    /// </summary>
    [Benchmark]
    public BitgetTicker UnifiedFuturesTicker() => ParseUnified(_unifiedFutures);

    /// <summary>The floor for the v3 futures frame.</summary>
    [Benchmark]
    public int UnifiedFuturesTickerReaderOnly() => Tokens(_unifiedFutures);

    /// <summary>spot-ticker.json as published in the docs (pretty-printed).</summary>
    [Benchmark]
    public BitgetTicker SpotTicker() => Parse(_spot);

    /// <summary>The same spot ticker without whitespace, as on the wire.</summary>
    [Benchmark]
    public BitgetTicker SpotTickerCompact() => Parse(_spotCompact);

    /// <summary>
    /// The floor: Utf8JsonReader alone walking every token of the pretty-printed futures frame, with no parsing.
    /// Whatever a parser built on the reader does, it cannot be faster than this.
    /// </summary>
    [Benchmark]
    public int FuturesTickerReaderOnly() => Tokens(_futures);

    /// <summary>The floor for the compact futures frame.</summary>
    [Benchmark]
    public int FuturesTickerCompactReaderOnly() => Tokens(_futuresCompact);

    private static int Tokens(byte[] frame)
    {
        var reader = new Utf8JsonReader(frame);
        var count = 0;
        while (reader.Read())
            count++;
        return count;
    }
}
