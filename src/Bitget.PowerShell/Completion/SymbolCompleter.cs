using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bitget.PowerShell.Sessions;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Completion;

/// <summary>
/// Completes -Symbol: first the symbols the runspace's sessions are subscribed to (not those the server refused), then the symbols this runspace has
/// used, then the module's list of common symbols for the -InstType already typed (USDT-FUTURES when none is).
/// </summary>
public sealed class SymbolCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        CompletionValues.Ignore(commandName, parameterName, commandAst, fakeBoundParameters);
        var instType = InstTypeOf(fakeBoundParameters);
        var registry = RunspaceSessionRegistry.Existing;
        var subscribed = registry?.All
            .SelectMany(s => s.Subscriptions)
            .Where(s => s.State != Bitget.Stream.Models.BitgetSubscriptionState.Failed && (instType is null || s.InstType == instType))
            .Select(s => s.Symbol) ?? [];
        var seen = registry?.SeenSymbols(instType) ?? [];
        var common = CommonSymbols.For(instType ?? BitgetInstTypes.UsdtFutures);
        var values = subscribed.Concat(seen).Concat(common).Distinct(StringComparer.OrdinalIgnoreCase);
        return CompletionValues.Matching(values, wordToComplete, s => s);
    }

    // The -InstType typed so far, as a v2 name; null when none or not a known one.
    private static string? InstTypeOf(IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters?["InstType"] is not { } value)
            return null;
        try
        {
            return BitgetInstTypes.Normalize(value.ToString() ?? "", out _);
        }
        catch (BitgetArgumentException)
        {
            return null;
        }
    }
}
