using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.PowerShell.Sessions;

namespace Bitget.PowerShell.Completion;

/// <summary>
/// Completes a session -Name (Get-BitgetStream) with the names of the runspace's sessions: a plain name as it is, one
/// that would not read as one word (a space, a quote, <c>$</c>, parentheses) single-quoted, so the completed line runs.
/// </summary>
public sealed class SessionNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        var typed = CompletionValues.Unquoted(wordToComplete);
        // A quote already typed stays: the name is completed inside quotes.
        var quote = !string.IsNullOrEmpty(wordToComplete) && CompletionValues.IsQuote(wordToComplete[0]);
        foreach (var session in RunspaceSessionRegistry.Existing?.All ?? [])
        {
            if (session.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(
                    quote || !CompletionValues.IsBareWord(session.Name) ? CompletionValues.SingleQuoted(session.Name) : session.Name,
                    session.Name, CompletionResultType.ParameterValue, $"{session.Name}: {session.State}, {session.Endpoint}");
        }
    }
}
