using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes ticker subscriptions registered with Register-BitgetTicker.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetTicker")]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetTickerCommand : UnregisterBitgetCommand
{
    private protected override string Channel => BitgetChannelNames.Ticker;
}
