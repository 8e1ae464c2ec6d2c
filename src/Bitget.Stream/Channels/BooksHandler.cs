using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// The order book channels. <c>books1</c>, <c>books5</c> and <c>books15</c> are whole snapshots: delivered as parsed,
/// unless their <c>seq</c> is not past the last one (a repeat or a late push). <c>books</c> is kept as a
/// <see cref="LocalOrderBook"/> per topic and delivered as a copy of it after every push that applied cleanly; a
/// <c>seq</c> gap or a checksum mismatch gives a warning, a count on the session and a resync (a fresh snapshot), and
/// nothing is delivered for the topic until that snapshot arrives: never a silently wrong book. Every book delivered
/// is new and never touched again.
/// </summary>
internal sealed class BooksHandler(IChannelServices services)
    : ChannelHandler<BitgetOrderBook, OrderBookPushFormat>(services)
{
    /// <summary>Updates in a row without a snapshot (and no resync asked for) before one is asked for.</summary>
    internal const int UpdatesBeforeResync = 20;

    protected override void Accept(List<BitgetOrderBook> items, in PushContext push)
    {
        var generation = Volatile.Read(ref push.Slot.Generation);
        var state = push.Slot.HandlerState as TopicState;
        if (state is null || state.Generation != generation)
        {
            // A new subscription (first, replayed or resynced) starts with a snapshot: what came before is not built on.
            push.Slot.HandlerState = state ??= new TopicState();
            state.Reset(generation);
        }
        foreach (var book in items)
        {
            if (push.Topic.Channel == BitgetChannelNames.Books)
                AcceptBooks(book, state, push.Topic);
            else
                AcceptSnapshot(book, state, push.Topic);
        }
    }

    private void AcceptSnapshot(BitgetOrderBook book, TopicState state, BitgetTopic topic)
    {
        if (book.Sequence is { } seq)
        {
            if (state.LastSnapshotSequence is { } last && seq <= last)
            {
                if (seq == last)
                    Interlocked.Increment(ref Counters.Duplicates);
                else
                    Interlocked.Increment(ref Counters.OutOfOrder);
                return;
            }
            state.LastSnapshotSequence = seq;
        }
        Feeds.Post(topic, book);
    }

    private void AcceptBooks(BitgetOrderBook push, TopicState state, BitgetTopic topic)
    {
        var local = state.Book;
        var before = local.Sequence;
        var result = local.Apply(push);
        switch (result)
        {
            case BookUpdateResult.Applied:
                state.UpdatesWithoutSnapshot = 0;
                if (Feeds.Takes(topic))
                    Feeds.Post(topic, CopyOf(local, push));
                return;
            case BookUpdateResult.Stale:
                Interlocked.Increment(ref Counters.OutOfOrder);
                return;
            case BookUpdateResult.AwaitingSnapshot:
                // Expected for a moment after a resync or a new subscription (the old stream's tail); counted, and only
                // asked about when it goes on.
                Interlocked.Increment(ref Counters.BookUpdatesDiscarded);
                if (!state.ResyncRequested && ++state.UpdatesWithoutSnapshot >= UpdatesBeforeResync)
                    RequestResync(state, topic, $"{UpdatesBeforeResync} updates of {topic} arrived without a snapshot to apply them to; asking for a fresh snapshot.");
                return;
            case BookUpdateResult.SequenceGap:
                Interlocked.Increment(ref Counters.SequenceGaps);
                Interlocked.Increment(ref Counters.BookUpdatesDiscarded);
                RequestResync(state, topic,
                    $"The order book {topic} skipped updates (pseq {push.PreviousSequence} after seq {before}); discarded it and asked for a fresh snapshot.");
                return;
            case BookUpdateResult.ChecksumMismatch:
                Interlocked.Increment(ref Counters.ChecksumMismatches);
                RequestResync(state, topic,
                    $"The order book {topic} no longer matches the exchange's checksum (seq {push.Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: expected {push.Checksum}, computed {local.Checksum()}); discarded it and asked for a fresh snapshot.");
                return;
        }
    }

    private void RequestResync(TopicState state, BitgetTopic topic, string message)
    {
        state.ResyncRequested = true;
        Services.Notify(topic, new BitgetNotice(BitgetNoticeKind.Warning, message, target: topic.ToString()));
        Services.Resync(topic);
    }

    // The copy handed out: new arrays, so the local book can go on changing under it.
    private static BitgetOrderBook CopyOf(LocalOrderBook local, BitgetOrderBook push) => new()
    {
        Symbol = push.Symbol,
        InstType = push.InstType,
        Channel = push.Channel,
        Action = push.Action,
        Bids = local.CopyBids(),
        Asks = local.CopyAsks(),
        Checksum = push.Checksum,
        Sequence = push.Sequence,
        PreviousSequence = push.PreviousSequence,
        Timestamp = push.Timestamp,
        ReceivedAt = push.ReceivedAt,
    };

    /// <summary>One topic's book and ordering state (receive thread of its connection only).</summary>
    private sealed class TopicState
    {
        public LocalOrderBook Book { get; } = new();

        public int Generation { get; private set; }

        public long? LastSnapshotSequence { get; set; }

        public bool ResyncRequested { get; set; }

        public int UpdatesWithoutSnapshot { get; set; }

        public void Reset(int generation)
        {
            Generation = generation;
            Book.Invalidate();
            LastSnapshotSequence = null;
            ResyncRequested = false;
            UpdatesWithoutSnapshot = 0;
        }
    }
}
