using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>What the feed hub needs of any feed, whatever its item type: its topics, notices, its end and its deferred wake-up.</summary>
internal interface IFeedEndpoint
{
    /// <summary>The topics the feed takes, or null for all.</summary>
    IReadOnlySet<BitgetTopic>? Topics { get; }

    /// <summary>Items waiting.</summary>
    int Count { get; }

    /// <summary>The most items held before the oldest are dropped.</summary>
    int Capacity { get; }

    /// <summary>Queues a notice.</summary>
    void PostNotice(BitgetNotice notice);

    /// <summary>Ends the feed, with a last notice.</summary>
    void Complete(BitgetNotice? last);

    /// <summary>Delivers the wake-up the feed deferred (<see cref="WakeBatch"/>); quick, never throws.</summary>
    void WakeNow();
}
