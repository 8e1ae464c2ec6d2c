using System.Diagnostics;
using System.Net.WebSockets;

namespace Bitget.MockExchange;

/// <summary>
/// The order book side of one connection's pushes: the order book topics it pushes (v2 <c>books</c>, <c>books1/5/15</c>;
/// v3 <c>books</c>, <c>books1/5/50</c>, <c>rpi-books*</c>), a <see cref="BookGenerator"/> each, new on every subscribe, so a
/// resubscribe starts with a fresh snapshot, every <see cref="MockExchangeOptions.BookInterval"/>, with the book fault
/// switches (<see cref="MockExchangeOptions.BookSequenceGaps"/>, <see cref="MockExchangeOptions.BookBadChecksums"/>,
/// <see cref="MockExchangeOptions.BookZeroPseqUpdates"/>, <see cref="MockExchangeOptions.BookUpdatesBeforeSnapshot"/>).
/// Called from the connection's send loop only, beside its <see cref="TickerPushLoop"/>.
/// </summary>
internal sealed class BookPushLoop(MockBitgetExchange exchange, WebSocket ws, PushBudget budget)
{
    private static readonly long IdleTicks = Stopwatch.Frequency / 20; // 50 ms: re-read options while idle
    private readonly List<(string Key, BookGenerator Book)> _topics = [];
    private readonly ByteWriter _frame = new(4096);
    private long _due;

    /// <summary>Starts pushing a topic from a snapshot; a second subscribe of a pushed topic changes nothing.</summary>
    public void Activate(TopicArg arg)
    {
        if (_topics.Exists(t => t.Key == arg.Key))
        {
            return;
        }

        _topics.Add((arg.Key, new BookGenerator(arg)));
        _due = 0;
    }

    /// <summary>The book of a pushed topic after the last push sent, or null when this connection does not push it.</summary>
    public MockOrderBook? State(string key) => _topics.Find(t => t.Key == key) is { Book: { } book } ? book.State(key) : null;

    /// <summary>Stops pushing a topic (its book is forgotten: a later subscribe starts again with a snapshot).</summary>
    public void Deactivate(string key) => _topics.RemoveAll(t => t.Key == key);

    /// <summary>Sends the pushes due now: ticks until the next are due (at most 50 ms), or -1 when the push limit is reached.</summary>
    public async ValueTask<long> PushDueAsync(CancellationToken ct)
    {
        var options = exchange.Options;
        if (!options.SendData || _topics.Count == 0)
        {
            return IdleTicks;
        }

        var now = Stopwatch.GetTimestamp();
        if (now < _due)
        {
            return Math.Min(IdleTicks, _due - now);
        }

        var nowMs = PushClock.NowMs(options.ClockOffset);
        foreach (var (key, book) in _topics)
        {
            if (options.SilentTopics.Count > 0 && options.SilentTopics.Contains(key))
            {
                continue;
            }

            if (budget.Take(1) == 0)
            {
                return -1;
            }

            _frame.Clear();
            book.WriteNext(_frame, nowMs, TakeFaults(options, book), options.BookChecksums);
            await ws.SendAsync(_frame.WrittenMemory, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            budget.Count(1);
        }

        var interval = (long)(options.BookInterval.TotalSeconds * Stopwatch.Frequency);
        _due = now + Math.Max(interval, 0);
        return Math.Min(IdleTicks, Math.Max(0, _due - Stopwatch.GetTimestamp()));
    }

    // Each counter is spent only by a push it applies to.
    private static BookFaults TakeFaults(MockExchangeOptions options, BookGenerator book)
    {
        var faults = BookFaults.None;
        if (book.NextIsUpdate && options.TakeBookFault(ref options.BookSequenceGapsField))
            faults |= BookFaults.Gap;
        if (book.NextIsUpdate && options.TakeBookFault(ref options.BookZeroPseqUpdatesField))
            faults |= BookFaults.ZeroPseq;
        if (book.NextIsFirst && options.TakeBookFault(ref options.BookUpdatesBeforeSnapshotField))
            faults |= BookFaults.EarlyUpdate;
        if (book.Checksummed && options.TakeBookFault(ref options.BookBadChecksumsField))
            faults |= BookFaults.BadChecksum;
        return faults;
    }
}
