using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes ticker subscriptions registered with Register-BitgetTicker.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetTicker", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetTickerCommand : UnregisterBitgetCommand
{
    private protected override string ChannelName => BitgetChannelNames.Ticker;
}
