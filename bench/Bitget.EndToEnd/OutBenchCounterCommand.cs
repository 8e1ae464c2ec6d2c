using System.Management.Automation;

namespace Bitget.EndToEnd;

/// <summary>
/// <para type="synopsis">Benchmark sink: takes pipeline objects and discards them like Out-Null, counting them in a shared cell.</para>
/// <para type="description">Counter[0] is written by the pipeline thread only and read live by the benchmark.</para>
/// </summary>
[Cmdlet(VerbsData.Out, "BenchCounter")]
public sealed class OutBenchCounterCommand : Cmdlet
{
    /// <summary>The objects to discard.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>A one-element array; element 0 counts the objects.</summary>
    [Parameter(Mandatory = true)]
    public long[] Counter { get; set; } = [0];

    /// <inheritdoc />
    protected override void ProcessRecord() => Volatile.Write(ref Counter[0], Counter[0] + 1);
}
