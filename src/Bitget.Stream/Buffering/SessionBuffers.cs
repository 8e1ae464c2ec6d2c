using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Buffering;

/// <summary>
/// A session's buffers: the last items per kind and key (<see cref="ItemBuffer{T}"/>), one per output type. A new kind
/// is one more line in the constructor.
/// </summary>
public sealed class SessionBuffers : IDisposable
{
    private readonly Dictionary<Type, IDisposable> _buffers = [];

    /// <summary>
    /// Starts a buffer for every kind the session delivers: at most <paramref name="capacityPerKey"/> items per key and,
    /// unless <paramref name="totalCapacity"/> is 0, at most that many of a kind over all keys (see <see cref="ItemBuffer{T}"/>).
    /// </summary>
    public SessionBuffers(BitgetStreamSession session, int capacityPerKey, int totalCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(session);
        CapacityPerKey = capacityPerKey;
        TotalCapacity = totalCapacity;
        Add(new ItemBuffer<BitgetTicker>(session, capacityPerKey, t => t.InstType + "/" + t.Symbol, totalCapacity));
    }

    /// <summary>Items kept per kind and key at most.</summary>
    public int CapacityPerKey { get; }

    /// <summary>Items kept per kind over all keys at most; 0 when there is no total.</summary>
    public int TotalCapacity { get; }

    private void Add<T>(ItemBuffer<T> buffer) where T : class => _buffers[typeof(T)] = buffer;

    /// <summary>The buffer of <typeparamref name="T"/> items.</summary>
    /// <exception cref="ArgumentException">The session keeps no buffer of that type.</exception>
    public ItemBuffer<T> Of<T>() where T : class =>
        _buffers.TryGetValue(typeof(T), out var buffer) ? (ItemBuffer<T>)buffer : throw new ArgumentException($"No buffer keeps {typeof(T).Name} items.", nameof(T));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffer in _buffers.Values)
            buffer.Dispose();
    }
}
