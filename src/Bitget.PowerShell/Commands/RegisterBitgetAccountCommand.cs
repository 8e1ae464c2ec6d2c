using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a private session to your balances, optionally running a script block for every update.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetAccountJob))]
public sealed class RegisterBitgetAccountCommand : RegisterBitgetPrivateCommand
{
    private protected override string ChannelName => BitgetChannelNames.Account;

    private protected override string ItemNoun => "account";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetAccountJob(session, topics, action, Events, MyInvocation.Line, LocalFilter);
}
