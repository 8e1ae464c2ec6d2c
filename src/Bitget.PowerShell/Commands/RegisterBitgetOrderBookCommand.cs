using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a session to order books, optionally running a script block for every book.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetOrderBook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetOrderBookJob))]
public sealed class RegisterBitgetOrderBookCommand : RegisterBitgetCommand
{
    /// <summary>1, 5 or 15: the books1/5/15 snapshot channels; Full: the whole book (books, kept as a local book). Default 15.</summary>
    [Parameter]
    [ValidateSet("1", "5", "15", "50", OrderBookDepth.Full, IgnoreCase = true)]
    public string Depth { get; set; } = "15";

    /// <summary>
    /// With -Action: run it at most once per symbol every this many milliseconds, for the newest book (a book waiting for
    /// its turn is replaced by a newer one). 0 (default): for every book.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 3_600_000)]
    public int Interval { get; set; }

    private protected override string ChannelName => ParseDepth(Depth).Channel;

    private protected override string ItemNoun => "order book";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetOrderBookJob(session, topics, action, Events, MyInvocation.Line, TimeSpan.FromMilliseconds(Interval));
}
