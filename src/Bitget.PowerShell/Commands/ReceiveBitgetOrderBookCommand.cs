using System.Management.Automation;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams Bitget order books into the pipeline as BitgetOrderBook objects.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetOrderBook", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetOrderBook))]
public sealed class ReceiveBitgetOrderBookCommand : ReceiveBitgetCommand<BitgetOrderBook>
{
    private OrderBookDepth _depth = OrderBookDepth.Parse("15");

    /// <summary>The depth without -Depth: 15 levels on Classic; Unified has no books15, so 50 there.</summary>
    private string DefaultDepth => TargetApi == BitgetApi.Unified ? "50" : "15";
    private OrderBookThrottle _throttle = new(TimeSpan.Zero);

    /// <summary>
    /// 1, 5 or 15: Bitget's snapshot channels of that many levels a side (books1/5/15). Full: the whole book (the books
    /// channel, kept as a local book, checked against the exchange's seq and checksum). Another number: the whole book cut
    /// to that many levels a side. Default 15.
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(OrderBookDepthCompleter))]
    public string Depth { get; set; } = "15";

    /// <summary>
    /// At most one book per symbol every this many milliseconds; a newer book replaces one waiting for its turn (the
    /// newest wins), and the newest still waiting is written when the stream ends (not on Ctrl+C). Measured on the wall
    /// clock for a live session, in the books' own time for a replay. 0 (default): every book.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 3_600_000)]
    public int Interval { get; set; }

    private protected override string ChannelName => _depth.Channel;

    private protected override string ItemNoun => "order book";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _depth = ParseDepth(MyInvocation.BoundParameters.ContainsKey(nameof(Depth)) ? Depth : DefaultDepth);
    }

    // A replay plays far faster (or slower) than it was recorded: its books are paced by their own time.
    private protected override void Reading(Bitget.Stream.Session.BitgetStreamSession stream) =>
        _throttle = new OrderBookThrottle(TimeSpan.FromMilliseconds(Interval), _depth.Levels, paceByDataTime: stream.IsReplay);

    private protected override IReadOnlyList<BitgetOrderBook> TakeRemaining() => _throttle.Flush();

    private protected override bool MatchesFilter(BitgetOrderBook item, string? instType) =>
        item.Channel == _depth.Channel && (instType is null || item.InstType == instType);

    private protected override BitgetOrderBook? Admit(BitgetOrderBook item) => _throttle.Offer(item);

    private protected override BitgetOrderBook? TakeHeld(out TimeSpan? wait)
    {
        var due = _throttle.TakeDue();
        wait = due is null ? _throttle.UntilDue() : TimeSpan.Zero;
        return due;
    }
}
