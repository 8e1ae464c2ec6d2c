using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// One connection's side of the frame router: its parser and, per channel handler, a reader with its parse buffers.
/// Used only on the connection's receive thread, so nothing here is locked.
/// </summary>
internal sealed class ConnectionRoutes(ChannelHandler[] handlers, SymbolTable symbols, WireDialect? dialect = null) : IPushReaderSource
{
    private readonly IPushReader?[] _readers = new IPushReader?[handlers.Length];
    private string? _lastChannel;
    private int _lastIndex = -1;

    /// <summary>Topics nobody owns that this connection was already asked to unsubscribe.</summary>
    public HashSet<BitgetTopic> UnsubscribedUnowned { get; } = [];

    public BitgetFrameParser Parser { get; } = new(symbols, dialect);

    /// <summary>The handler of a channel and this connection's reader for it (null when no family carries it).</summary>
    public (ChannelHandler? Handler, IPushReader? Reader) Route(string channel)
    {
        // Channel names are shared strings (known constants and the symbol table): the last one is a reference compare.
        if (!ReferenceEquals(channel, _lastChannel))
        {
            _lastIndex = Array.FindIndex(handlers, h => h.Handles(channel));
            _lastChannel = channel;
        }
        if (_lastIndex < 0)
            return (null, null);
        return (handlers[_lastIndex], _readers[_lastIndex] ??= handlers[_lastIndex].CreateReader(symbols));
    }

    public IPushReader? ReaderFor(string channel) => Route(channel).Reader;
}
