using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams the fills of your Bitget orders (spot or futures) as BitgetFill objects, every one. Needs a private session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetFill", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetFill))]
public sealed class ReceiveBitgetFillCommand : ReceiveBitgetPrivateCommand<BitgetFill>
{
    /// <summary>Fast fills (Unified API only): each order fill as soon as it happens, without fee or value.</summary>
    [Parameter]
    public SwitchParameter Fast { get; set; }

    private protected override string ChannelName => Fast ? BitgetChannelNames.FastFill : BitgetChannelNames.Fill;

    private protected override string ItemNoun => "fill";

    private protected override (string Symbol, string InstType) KeyOf(BitgetFill item) => (item.Symbol, item.InstType);

    private protected override bool MatchesFilter(BitgetFill item, string? instType) => instType is null || item.InstType == instType;
}
