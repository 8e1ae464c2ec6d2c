using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Bitget.PowerShell.Completion;

/// <summary>Completion results for the values that start with what was typed (any case), in the order given.</summary>
internal static class CompletionValues
{
    public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string? typed, Func<string, string> tooltip)
    {
        var prefix = Unquoted(typed);
        foreach (var value in values)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(value, value, CompletionResultType.ParameterValue, tooltip(value));
        }
    }

    /// <summary>What was typed without the quotes around it (any of PowerShell's single and double quote characters).</summary>
    public static string Unquoted(string? typed) => (typed ?? "").Trim('\'', '"', '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E');

    /// <summary>Whether the character opens a quoted string in PowerShell.</summary>
    public static bool IsQuote(char c) => c is '\'' or '"' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u201C' or '\u201D' or '\u201E';

    /// <summary>
    /// The value as a single-quoted PowerShell string: every quote character PowerShell reads as <c>'</c> (also the
    /// typographic ones) doubled, so any value reads back as itself.
    /// </summary>
    public static string SingleQuoted(string value) => $"'{CodeGeneration.EscapeSingleQuotedStringContent(value)}'";

    /// <summary>Whether the value reads as itself unquoted in argument mode (letters, digits, <c>_ . -</c>, not starting with <c>-</c>).</summary>
    public static bool IsBareWord(string value) =>
        value.Length > 0 && value[0] != '-' && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>Unused parameters of the completer interface, named once.</summary>
    public static void Ignore(string commandName, string parameterName, CommandAst ast, IDictionary fakeBoundParameters)
    {
        _ = commandName;
        _ = parameterName;
        _ = ast;
        _ = fakeBoundParameters;
    }
}
