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

    /// <summary>Starts a buffer of <paramref name="capacityPerKey"/> items per key for every kind the session delivers.</summary>
    public SessionBuffers(BitgetStreamSession session, int capacityPerKey)
    {
        ArgumentNullException.ThrowIfNull(session);
        CapacityPerKey = capacityPerKey;
        Add(new ItemBuffer<BitgetTicker>(session, capacityPerKey, t => t.InstType + "/" + t.Symbol));
    }

    /// <summary>Items kept per kind and key.</summary>
    public int CapacityPerKey { get; }

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
