using BenchmarkDotNet.Attributes;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Recording;

namespace Bitget.Benchmarks;

/// <summary>
/// One CSV row of a futures ticker (every column filled) through <see cref="BitgetCsvWriter"/> into a discarding
/// stream: the recorder's cost per ticker without the disk.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class CsvWriteBenchmarks
{
    private StreamWriter _text = null!;
    private BitgetCsvWriter _csv = null!;
    private BitgetTicker _ticker = null!;

    /// <summary>Parses the ticker once and opens the writer over <see cref="System.IO.Stream.Null"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var tickers = new List<BitgetTicker>();
        new BitgetFrameParser().Parse(BenchData.Bytes("futures-ticker-snapshot.json"), DateTimeOffset.UtcNow, tickers);
        _ticker = tickers[0];
        _text = new StreamWriter(System.IO.Stream.Null);
        _csv = new BitgetCsvWriter(_text, new TickerCsvFormat(), writeHeader: true);
    }

    /// <summary>Closes the writer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _csv.Dispose();

    /// <summary>Writes one row (CsvHelper buffers; its flushes to the null stream are amortised in).</summary>
    [Benchmark]
    public long WriteTickerRow()
    {
        _csv.Write(_ticker);
        return _csv.Rows;
    }
}
