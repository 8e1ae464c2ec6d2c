using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes private fill subscriptions registered with Register-BitgetFill.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetFill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetFillCommand : UnregisterBitgetPrivateCommand
{
    private protected override string ChannelName => BitgetChannelNames.Fill;
}
