using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.EndToEnd;

/// <summary>
/// <para type="synopsis">Benchmark baseline (e): writes pre-built BitgetTicker objects to the pipeline as fast as it accepts them.</para>
/// <para type="description">The cheapest a compiled cmdlet can feed PowerShell tickers; Receive-BitgetTicker is compared with it.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Send, "BenchTicker")]
[OutputType(typeof(BitgetTicker))]
public sealed class SendBenchTickerCommand : Cmdlet
{
    /// <summary>How many objects to write (default: until the pipeline is stopped).</summary>
    [Parameter]
    public long Count { get; set; } = long.MaxValue;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        // EndProcessing like Receive-BitgetTicker: the same position in the pipeline's life.
        var all = PrebuiltTickers.All;
        for (long i = 0; i < Count; i++)
            WriteObject(all[(int)(i & (PrebuiltTickers.Count - 1))]);
    }
}
