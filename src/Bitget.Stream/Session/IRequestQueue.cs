using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// A connection's queue of outgoing requests (its pacer), as the subscription monitor sees it: queuing never blocks,
/// and requests leave in the order they were queued.
/// </summary>
internal interface IRequestQueue
{
    /// <summary>Queues a message for paced sending; false when the connection is closing or its queue is full. Never blocks.</summary>
    bool Enqueue(OutboundMessage message);
}
