using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Completion;

/// <summary>Completes -Channel with Bitget's v2 public channels (any other name is still accepted).</summary>
public sealed class ChannelCompleter : IArgumentCompleter
{
    private static readonly string[] s_channels =
    [
        BitgetChannelNames.Ticker, BitgetChannelNames.Trade, BitgetChannelNames.Books, BitgetChannelNames.Books1,
        BitgetChannelNames.Books5, BitgetChannelNames.Books15,
        .. CandleIntervals.All.Select(i => BitgetChannelNames.CandlePrefix + i),
        "index-price", "auction",
    ];

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        return CompletionValues.Matching(s_channels, wordToComplete, c => c);
    }
}
