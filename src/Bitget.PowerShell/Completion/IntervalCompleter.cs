using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Completion;

/// <summary>Completes -Interval with Bitget's candle interval names (1m 5m … 1M and the UTC variants).</summary>
public sealed class IntervalCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        // Exact case first: "1M" must offer the month before "1m" the minute.
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        var exact = CandleIntervals.All.Where(i => i.StartsWith(typed, StringComparison.Ordinal));
        var rest = CandleIntervals.All.Where(i => !i.StartsWith(typed, StringComparison.Ordinal));
        return CompletionValues.Matching(exact.Concat(rest), typed, Describe);
    }

    private static string Describe(string interval) => interval switch
    {
        "1M" => "1 month",
        "1Mutc" => "1 month (UTC)",
        _ when interval.EndsWith('m') => $"{interval[..^1]} minute(s)",
        _ when interval.EndsWith("utc", StringComparison.Ordinal) => $"{interval[..^3]} (UTC day boundary)",
        _ => interval,
    };
}
