using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes private balance subscriptions registered with Register-BitgetAccount.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetAccountCommand : UnregisterBitgetPrivateCommand
{
    private protected override string ChannelName => BitgetChannelNames.Account;
}
