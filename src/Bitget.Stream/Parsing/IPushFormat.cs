using System.Text.Json;

namespace Bitget.Stream.Parsing;

/// <summary>
/// How one channel family's data array is read. Static abstract members on struct types let the JIT compile one
/// specialised reader per family: no virtual calls, no delegates, nothing allocated for the dispatch.
/// </summary>
internal interface IPushFormat<TItem>
{
    /// <summary>Whether the family reads this channel.</summary>
    static abstract bool Handles(string? channel);

    /// <summary>
    /// Reads the data array into <paramref name="output"/>; returns why the data is unusable, or null. A malformed
    /// value of a known field is noted in <paramref name="malformed"/> and left empty; the item is kept.
    /// </summary>
    static abstract string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<TItem> output, MalformedFields malformed);

    /// <summary>After the whole envelope is read: fill what an item takes from it (envelope ts, action).</summary>
    static abstract string? Complete(ref readonly BitgetFrame frame, List<TItem> output, int first);
}
