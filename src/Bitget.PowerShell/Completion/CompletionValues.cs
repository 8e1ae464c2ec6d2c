using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Bitget.PowerShell.Completion;

/// <summary>Completion results for the values that start with what was typed (any case), in the order given.</summary>
internal static class CompletionValues
{
    public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string? typed, Func<string, string> tooltip)
    {
        var prefix = (typed ?? "").Trim('\'', '"');
        foreach (var value in values)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(value, value, CompletionResultType.ParameterValue, tooltip(value));
        }
    }

    /// <summary>Unused parameters of the completer interface, named once.</summary>
    public static void Ignore(string commandName, string parameterName, CommandAst ast, IDictionary fakeBoundParameters)
    {
        _ = commandName;
        _ = parameterName;
        _ = ast;
        _ = fakeBoundParameters;
    }
}
