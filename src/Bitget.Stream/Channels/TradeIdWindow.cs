namespace Bitget.Stream.Channels;

/// <summary>
/// The last <see cref="Capacity"/> trade ids delivered for one topic, across its resubscribes: a snapshot of recent
/// trades after a reconnect overlaps what was delivered, and the overlap is found here. Bounded: the oldest id is
/// forgotten when a new one comes in. State of the receive thread of the topic's connection.
/// </summary>
internal sealed class TradeIdWindow(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>How many ids are remembered (many times Bitget's snapshot of recent trades).</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Ids remembered now.</summary>
    public int Count => _ids.Count;

    /// <summary>Remembers an id; false when it is already remembered (a repeat).</summary>
    public bool Add(string id)
    {
        if (!_ids.Add(id))
            return false;
        _order.Enqueue(id);
        if (_order.Count > Capacity)
            _ids.Remove(_order.Dequeue());
        return true;
    }
}
