using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams Bitget candlesticks into the pipeline as BitgetCandle objects.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetCandle", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetCandle))]
public sealed class ReceiveBitgetCandleCommand : ReceiveBitgetCommand<BitgetCandle>
{
    private string _interval = "";
    private Func<BitgetCandle, bool> _filter = _ => true;

    /// <summary>
    /// The candle interval: Bitget's names (1m 5m 15m 30m 1H 4H 6H 12H 1D 3D 1W 1M, 6Hutc 12Hutc 1Dutc 3Dutc 1Wutc 1Mutc;
    /// 1m is a minute, 1M a month) or 1h, 4h, 1d, 1w.
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.IntervalCompleter))]
    public string Interval { get; set; } = "";

    /// <summary>Write each candle once, when it closes (when the next one starts), instead of every update.</summary>
    [Parameter]
    public SwitchParameter ClosedOnly { get; set; }

    /// <summary>Also write the past candles of the snapshot Bitget sends after subscribing (closed, IsHistory true).</summary>
    [Parameter]
    public SwitchParameter IncludeHistory { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _interval = NormalizeInterval(Interval);
        _filter = CandleFilter.Create(ClosedOnly, IncludeHistory);
    }

    private protected override string ChannelName => BitgetChannelNames.CandlePrefix + _interval;

    private protected override string ItemNoun => "candle";

    private protected override bool MatchesFilter(BitgetCandle item, string? instType) =>
        (instType is null || item.InstType == instType) && item.Interval == _interval;

    private protected override bool Accept(BitgetCandle item) => _filter(item);
}
