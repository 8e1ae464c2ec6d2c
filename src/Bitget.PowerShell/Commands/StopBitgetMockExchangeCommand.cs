using System.Management.Automation;
using Bitget.PowerShell.Sessions;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Stops mock exchanges started by Start-BitgetMockExchange; without -InputObject, every one of this runspace.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "BitgetMockExchange")]
[OutputType(typeof(void))]
public sealed class StopBitgetMockExchangeCommand : PSCmdlet
{
    private bool _gotInput;

    /// <summary>The mock exchanges to stop (the output of Start-BitgetMockExchange); pipeline input accepted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public BitgetMockExchange[]? InputObject { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (InputObject is null)
            return;
        _gotInput = true;
        foreach (var mock in InputObject)
        {
            if (mock is null)
                continue;
            WriteVerbose($"Stopping the Bitget mock exchange on port {mock.Port}.");
            RunspaceMockRegistry.Current.Stop(mock);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_gotInput || MyInvocation.BoundParameters.ContainsKey(nameof(InputObject)))
            return;
        foreach (var mock in RunspaceMockRegistry.Current.All)
        {
            WriteVerbose($"Stopping the Bitget mock exchange on port {mock.Port}.");
            RunspaceMockRegistry.Current.Stop(mock);
        }
    }
}
