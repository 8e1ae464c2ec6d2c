using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a session to public trades, optionally running a script block for every trade.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetTrade", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetTradeJob))]
public sealed class RegisterBitgetTradeCommand : RegisterBitgetCommand
{
    private protected override string ChannelName => BitgetChannelNames.Trade;

    private protected override string ItemNoun => "trade";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetTradeJob(session, topics, action, Events, MyInvocation.Line);
}
