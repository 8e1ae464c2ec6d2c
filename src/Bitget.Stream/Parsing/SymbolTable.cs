using System.Collections.Concurrent;
using System.Text;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reuses one string instance per symbol so that parsing a push allocates no string for the instId.
/// Thread-safe; bounded so that a hostile or buggy feed cannot grow it without limit.
/// </summary>
public sealed class SymbolTable
{
    private const int MaxSymbolBytes = 64;
    private readonly ConcurrentDictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates a table holding at most <paramref name="capacity"/> symbols.</summary>
    public SymbolTable(int capacity = 20_000)
    {
        Capacity = capacity;
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many distinct symbols are kept at most; later ones are allocated per call.</summary>
    public int Capacity { get; }

    /// <summary>Symbols kept.</summary>
    public int Count => _map.Count;

    /// <summary>The string for these UTF-8 bytes, shared across calls.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxSymbolBytes)
            return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[MaxSymbolBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var key = chars[..length];
        if (_lookup.TryGetValue(key, out var existing))
            return existing;
        var created = new string(key);
        return _map.Count < Capacity ? _map.GetOrAdd(created, created) : created;
    }
}
