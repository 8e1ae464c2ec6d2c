using System.Text.Json;

namespace Bitget.Stream.Parsing;

/// <summary>
/// An <see cref="IPushReader"/> that appends one family's items (<typeparamref name="TFormat"/>) to a list; it is its
/// own source for the channels of that family.
/// </summary>
internal sealed class PushListReader<TItem, TFormat>(SymbolTable symbols, List<TItem> items) : IPushReader, IPushReaderSource
    where TFormat : struct, IPushFormat<TItem>
{
    private int _first;

    /// <summary>Where items go; a frame's items are those from the count before it was read.</summary>
    public List<TItem> Items { get; set; } = items;

    public IPushReader? ReaderFor(string channel) => TFormat.Handles(channel) ? this : null;

    /// <summary>Marks where the next frame's items start.</summary>
    public void Begin() => _first = Items.Count;

    public string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt, MalformedFields malformed) =>
        TFormat.ReadData(ref reader, in frame, receivedAt, symbols, Items, malformed);

    public string? Complete(ref readonly BitgetFrame frame) => TFormat.Complete(in frame, Items, _first);

    public void Discard() => Items.RemoveRange(_first, Items.Count - _first);
}
