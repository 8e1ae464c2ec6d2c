using System.Collections;

namespace Bitget.MockExchange;

/// <summary>A small lock-protected, case-sensitive string set (tests may edit it while connections read it).</summary>
internal sealed class SymbolSet : ISet<string>
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count { get { lock (_lock) { return _set.Count; } } }

    public bool IsReadOnly => false;

    public bool Add(string item) { ArgumentNullException.ThrowIfNull(item); lock (_lock) { return _set.Add(item); } }

    void ICollection<string>.Add(string item) => Add(item);

    public void Clear() { lock (_lock) { _set.Clear(); } }

    public bool Contains(string item) { if (item is null) { return false; } lock (_lock) { return _set.Contains(item); } }

    public void CopyTo(string[] array, int arrayIndex) { lock (_lock) { _set.CopyTo(array, arrayIndex); } }

    public bool Remove(string item) { if (item is null) { return false; } lock (_lock) { return _set.Remove(item); } }

    public void ExceptWith(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { _set.ExceptWith(o); } }

    public void IntersectWith(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { _set.IntersectWith(o); } }

    public bool IsProperSubsetOf(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { return _set.IsProperSubsetOf(o); } }

    public bool IsProperSupersetOf(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { return _set.IsProperSupersetOf(o); } }

    public bool IsSubsetOf(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { return _set.IsSubsetOf(o); } }

    public bool IsSupersetOf(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { return _set.IsSupersetOf(o); } }

    public bool Overlaps(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { return _set.Overlaps(o); } }

    public bool SetEquals(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { return _set.SetEquals(o); } }

    public void SymmetricExceptWith(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { _set.SymmetricExceptWith(o); } }

    public void UnionWith(IEnumerable<string> other) { var o = other.ToArray(); lock (_lock) { _set.UnionWith(o); } }

    public IEnumerator<string> GetEnumerator() { string[] copy; lock (_lock) { copy = [.. _set]; } return ((IEnumerable<string>)copy).GetEnumerator(); }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
