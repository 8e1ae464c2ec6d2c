using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>Completes -Depth of the order book cmdlets with 1, 5, 15 and Full.</summary>
public sealed class OrderBookDepthCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        OrderBookDepth.Names
            .Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue,
                n == OrderBookDepth.Full ? "the whole book (books channel, kept as a local book)" : $"books{n}: {n} level(s) a side"));
}
