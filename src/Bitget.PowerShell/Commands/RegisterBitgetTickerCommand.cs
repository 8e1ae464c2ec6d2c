using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a session to tickers, optionally running a script block for every ticker.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetTicker", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetTickerJob))]
public sealed class RegisterBitgetTickerCommand : RegisterBitgetCommand
{
    private protected override string ChannelName => BitgetChannelNames.Ticker;

    private protected override string ItemNoun => "ticker";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetTickerJob(session, topics, action, Events, MyInvocation.Line);
}
