using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.EndToEnd;

/// <summary>
/// <para type="synopsis">Benchmark floor for a PowerShell module (pd rows): the bare read, on the pipeline thread, writing a
/// pre-built BitgetTicker per frame.</para>
/// <para type="description">What any module pays to put one object per arriving frame into a pipeline, with no parsing and
/// no session: the bare dedicated-thread read plus PowerShell's own cost per object. Receive-BitgetTicker is compared with it.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BenchBareFrame")]
[OutputType(typeof(BitgetTicker))]
public sealed class ReceiveBenchBareFrameCommand : Cmdlet
{
    private BareThreadReader? _reader;

    /// <summary>The pattern server.</summary>
    [Parameter(Mandatory = true)]
    public Uri Endpoint { get; set; } = null!;

    /// <summary>Ticker topics to subscribe.</summary>
    [Parameter]
    public int Symbols { get; set; } = PatternScenarios.Symbols;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        _reader = new BareThreadReader(Endpoint, Symbols, ownThread: false);
        var all = PrebuiltTickers.All;
        long i = 0;
        _reader.ReadOnThisThread(() => WriteObject(all[(int)(i++ & (PrebuiltTickers.Count - 1))]));
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _reader?.Dispose();
}
