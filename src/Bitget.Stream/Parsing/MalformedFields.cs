namespace Bitget.Stream.Parsing;

/// <summary>
/// The known fields a parse found malformed (a price that is no number, a time out of range) and left empty in items
/// it kept: one bad value costs that value, not the push. Reused from frame to frame by its parser, so that a good
/// frame allocates nothing for it.
/// </summary>
public sealed class MalformedFields
{
    // Names are a parser's own field names (constants), so few; the bound only guards against a parser bug.
    private const int MaxNames = 64;
    private readonly List<string> _names = [];

    /// <summary>Malformed values since the last <see cref="Clear"/> (one per field of each item).</summary>
    public int Count { get; private set; }

    /// <summary>The distinct field names among them, in the order first seen (e.g. <c>lastPr</c>, <c>ts</c>).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Notes one malformed value of <paramref name="field"/>.</summary>
    public void Add(string field)
    {
        Count++;
        if (_names.Count < MaxNames && !_names.Contains(field))
            _names.Add(field);
    }

    /// <summary>Forgets everything noted (before the next frame).</summary>
    public void Clear()
    {
        Count = 0;
        _names.Clear();
    }
}
