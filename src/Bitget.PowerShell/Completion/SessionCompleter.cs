using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.PowerShell.Sessions;

namespace Bitget.PowerShell.Completion;

/// <summary>
/// Completes -Session with the runspace's sessions. The parameter takes a session object, so the completion is the
/// expression that gets it by name: <c>(Get-BitgetStream -Name 'Bitget1')</c>, the name quoted so that any name runs
/// (spaces, quotes, <c>$</c>); the list shows the bare names.
/// </summary>
public sealed class SessionCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        var typed = CompletionValues.Unquoted(wordToComplete).TrimStart('(');
        foreach (var session in RunspaceSessionRegistry.Existing?.All ?? [])
        {
            if (session.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult($"(Get-BitgetStream -Name {CompletionValues.SingleQuoted(session.Name)})", session.Name,
                    CompletionResultType.ParameterValue, $"{session.Name}: {session.State}, {session.Endpoint}");
        }
    }
}
