using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams forced liquidations of one futures instType (Unified API, v3) into the pipeline as BitgetLiquidation objects.</para>
/// <para type="description">Bitget's liquidation topic names no symbol: one subscription per instType covers every
/// contract, and -Symbol filters locally (wildcards allowed). Side buy means a long position was liquidated, sell a
/// short one. Without -Session it uses the default session if that is Unified, else opens a Unified public session of
/// its own; a Classic session has no liquidations.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetLiquidation", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetLiquidation))]
public sealed class ReceiveBitgetLiquidationCommand : ReceiveBitgetCommand<BitgetLiquidation>
{
    private WildcardPattern[]? _filter;

    private protected override string ChannelName => BitgetChannelNames.Liquidation;

    private protected override string ItemNoun => "liquidation";

    private protected override BitgetApi AutoApi => BitgetApi.Unified;

    private protected override BitgetSession? DefaultSession => Sessions.Default is { Api: BitgetApi.Unified } unified ? unified : null;

    private protected override bool TopicsWithoutSymbols => true;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (TargetApi != BitgetApi.Unified)
            ThrowTerminatingError(LiquidationRecords.NeedsUnified(ParameterSetName == "Session" ? Session.Name : Endpoint?.ToString()));
    }

    // One topic per instType; -Symbol is a local filter, gathered from every input object.
    private protected override IEnumerable<BitgetTopic> TopicsOf(string[]? symbols, string? instType, ISet<string> warned)
    {
        if (symbols is { Length: > 0 })
            _filter = [.. _filter ?? [], .. symbols.Select(s => new WildcardPattern(s.Trim(), WildcardOptions.IgnoreCase))];
        return [LiquidationRecords.Topic(this, instType, warned)];
    }

    private protected override bool MatchesFilter(BitgetLiquidation item, string? instType) =>
        (instType is null || item.InstType == instType) && Accept(item);

    private protected override bool Accept(BitgetLiquidation item) => _filter is null || _filter.Any(p => p.IsMatch(item.Symbol));
}
