using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.PowerShell.Sessions;

namespace Bitget.PowerShell.Completion;

/// <summary>Completes a session -Name (Get-BitgetStream) with the names of the runspace's sessions.</summary>
public sealed class SessionNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        var sessions = RunspaceSessionRegistry.Existing?.All ?? [];
        return CompletionValues.Matching(sessions.Select(s => s.Name), wordToComplete,
            name => sessions.First(s => s.Name == name) is var s ? $"{s.Name}: {s.State}, {s.Endpoint}" : name);
    }
}
