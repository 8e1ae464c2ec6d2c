using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Completion;

/// <summary>Completes -InstType with the v2 product types.</summary>
public sealed class InstTypeCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        return CompletionValues.Matching(BitgetInstTypes.All, wordToComplete, t => t);
    }
}
