using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Bitget.Stream.Transport;

/// <summary>
/// Lends a connection's socket read to a consumer thread that would otherwise block waiting for a feed, so that the kernel
/// wakes one thread per arriving frame, the consumer, rather than the receive thread and then, through the feed, the
/// consumer. At evenly spaced arrivals those two wake-ups per ticker were most of what the module cost (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// <para>A consumer about to block calls <see cref="Borrow"/>. When nothing is lent it leaves its wish; the receive thread,
/// at its next read that would block, does not block: the read is left pending ("lent", <see cref="TryLend"/>), the
/// thread wakes the consumer and waits on this lender instead (<see cref="ServeLoan"/>). The consumer borrows the read:
/// it polls the socket, reads what came and completes the pending read, so Websocket.Client's receive loop, the frame
/// router and the channel handlers run on the consumer's thread up to the loop's next read, which is lent again at once;
/// then the consumer takes its items from the feed. One thread reads at a time, so frames are handled in order as before.</para>
/// <para>The receive thread takes the read back when the consumer gives it back (idle for a while, or done), when the
/// socket reports its end or an error (what follows a failed read always runs on the receive thread), when the
/// connection closes, and when nobody has borrowed it for <see cref="ReclaimAfter"/>: a consumer busy downstream must
/// not starve the connection's pongs or its other consumers.</para>
/// </remarks>
internal sealed class ReadLender : IValueTaskSource<int>
{
    /// <summary>How long a lent read may wait for a borrower before the receive thread reads it itself.</summary>
    public static readonly TimeSpan ReclaimAfter = TimeSpan.FromMilliseconds(100);

    private enum LoanState
    {
        None,      // the receive thread reads
        Lending,   // a read was left pending; its awaiter is registering
        Lent,      // pending, waiting for a borrower (or the receive thread's reclaim)
        Borrowed,  // a consumer polls or reads, or the receive loop runs on its thread
        Returned,  // handed back: the receive thread serves it
    }

    private readonly object _gate = new();
    private readonly BlockingSocketStream _stream;
    private readonly DedicatedReceiveThread _owner;
    // A borrower's own burst: what it delivers to other consumers' feeds wakes them when its read is done.
    [ThreadStatic]
    private static ReceiveBurst? t_borrowerBurst;
    private ManualResetValueTaskSourceCore<int> _source = new() { RunContinuationsAsynchronously = false };
    private LoanState _state;
    private Memory<byte> _destination;
    private long _lentAt;
    private Thread? _borrower;
    private IDeferredWake? _wanted;
    private IDeferredWake? _wakeOnLend;
    private bool _closed;
    private Exception? _failure;
    private long _borrowed;
    private long _reclaimed;

    /// <param name="stream">The connection's socket stream; its reads are the ones lent.</param>
    /// <param name="owner">The connection's receive thread.</param>
    public ReadLender(BlockingSocketStream stream, DedicatedReceiveThread owner)
    {
        _stream = stream;
        _owner = owner;
    }

    /// <summary>Whether the connection is gone (nothing more to borrow).</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Whether the calling thread is the borrower, i.e. runs the receive loop now.</summary>
    public bool IsBorrowerThread => ReferenceEquals(Volatile.Read(ref _borrower), Thread.CurrentThread);

    /// <summary>Whether a read waits for a borrower now (diagnostics and tests).</summary>
    public bool IsLent
    {
        get
        {
            lock (_gate)
                return _state == LoanState.Lent;
        }
    }

    /// <summary>Reads completed by a borrower (diagnostics and tests).</summary>
    public long BorrowedReads => Interlocked.Read(ref _borrowed);

    /// <summary>Lent reads the receive thread took back because nobody borrowed them in time (diagnostics and tests).</summary>
    public long Reclaimed
    {
        get
        {
            lock (_gate)
                return _reclaimed;
        }
    }

    /// <summary>
    /// Called by the socket stream for a read that finds nothing buffered: on the borrower's thread it is always lent (the
    /// borrower returns to its feed after each read); on the receive thread only if a consumer asked and the read would block.
    /// </summary>
    public bool TryLend(Memory<byte> destination, out ValueTask<int> pending)
    {
        pending = default;
        var onBorrower = IsBorrowerThread;
        if (!onBorrower)
        {
            if (Volatile.Read(ref _wanted) is null || !_owner.ReadsInline)
                return false;
            try
            {
                if (_stream.Socket.Available > 0)
                    return false;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return false; // the read reports it, here
            }
        }
        lock (_gate)
        {
            if (onBorrower ? _state != LoanState.Borrowed : _state != LoanState.None || _closed || _wanted is null)
                return false;
            if (!onBorrower)
            {
                _wakeOnLend = _wanted;
                _wanted = null;
            }
            _source.Reset();
            _destination = destination;
            _state = LoanState.Lending;
            pending = new ValueTask<int>(this, _source.Version);
            return true;
        }
    }

    /// <summary>
    /// On a consumer's thread: reads the socket if the read is lent, waiting up to <paramref name="waitMilliseconds"/>
    /// for data, and runs the receive loop here for what came. When nothing is lent the consumer's wish is left and
    /// <paramref name="consumer"/> is woken once it is.
    /// </summary>
    public ReadBorrowOutcome Borrow(IDeferredWake consumer, int waitMilliseconds)
    {
        var claim = Claim(consumer);
        return claim == ReadBorrowOutcome.Delivered ? ReadClaimed(waitMilliseconds) : claim;
    }

    /// <summary>
    /// On a consumer's thread: waits up to <paramref name="waitMilliseconds"/> for data on any of several connections
    /// whose reads are lent (a feed whose topics are spread over them) and reads each one that has some, running the
    /// receive loop here for what came. Reads not lent get the consumer's wish, as in <see cref="Borrow"/>.
    /// </summary>
    /// <param name="lenders">The connections' lenders.</param>
    /// <param name="consumer">Woken when a read it wished for is lent.</param>
    /// <param name="waitMilliseconds">The longest to wait for data.</param>
    /// <param name="claimed">Scratch list, reused between calls.</param>
    /// <param name="sockets">Scratch list, reused between calls.</param>
    public static ReadBorrowOutcome BorrowAny(IReadOnlyList<ReadLender> lenders, IDeferredWake consumer, int waitMilliseconds,
        List<ReadLender> claimed, List<Socket> sockets)
    {
        claimed.Clear();
        var closed = false;
        foreach (var lender in lenders)
        {
            switch (lender.Claim(consumer))
            {
                case ReadBorrowOutcome.Delivered:
                    claimed.Add(lender);
                    break;
                case ReadBorrowOutcome.Closed:
                    closed = true;
                    break;
            }
        }
        if (claimed.Count == 0)
            return closed ? ReadBorrowOutcome.Closed : ReadBorrowOutcome.NotLent;
        if (claimed.Count == 1)
            return claimed[0].ReadClaimed(waitMilliseconds);
        sockets.Clear();
        foreach (var lender in claimed)
            sockets.Add(lender._stream.Socket);
        try
        {
            // One wait over every claimed socket; it leaves the ready ones in the list.
            Socket.Select(sockets, null, null, (int)Math.Min(int.MaxValue, Math.Max(1, waitMilliseconds) * 1000L));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // A socket went away: read them all; the one that failed hands its error to its receive thread.
            sockets.Clear();
            foreach (var lender in claimed)
                sockets.Add(lender._stream.Socket);
        }
        var outcome = ReadBorrowOutcome.Idle;
        foreach (var lender in claimed)
        {
            if (!sockets.Contains(lender._stream.Socket))
            {
                lender.Unclaim();
                continue;
            }
            var one = lender.ReadClaimed(1);
            if (one == ReadBorrowOutcome.Delivered || outcome == ReadBorrowOutcome.Idle)
                outcome = one;
        }
        return outcome;
    }

    // Lent → borrowed by the calling thread (Delivered stands for "claimed"); otherwise the consumer's wish is left.
    private ReadBorrowOutcome Claim(IDeferredWake consumer)
    {
        lock (_gate)
        {
            if (_closed)
                return ReadBorrowOutcome.Closed;
            if (_state != LoanState.Lent)
            {
                _wanted = consumer;
                return ReadBorrowOutcome.NotLent;
            }
            _state = LoanState.Borrowed;
            Volatile.Write(ref _borrower, Thread.CurrentThread);
            return ReadBorrowOutcome.Delivered;
        }
    }

    // A claimed read that had nothing to read: lent again, as it was.
    private void Unclaim()
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_borrower, Thread.CurrentThread))
                return;
            Volatile.Write(ref _borrower, null);
            if (_state == LoanState.Borrowed)
            {
                _state = LoanState.Lent;
                _lentAt = Stopwatch.GetTimestamp();
            }
        }
    }

    // One receive on a claimed read, waiting up to the time given, and the receive loop run here for what came.
    private ReadBorrowOutcome ReadClaimed(int waitMilliseconds)
    {
        var outcome = ReadBorrowOutcome.Idle;
        try
        {
            var received = _stream.FillWithin(Math.Max(1, waitMilliseconds), out var error);
            if (received < 0)
                return outcome = ReadBorrowOutcome.Idle;
            if (received == 0)
            {
                // The end of the stream (it stays ended) or an error (kept): the receive thread reports it, as it would have.
                if (error != SocketError.Success && !Volatile.Read(ref _closed))
                    _failure = new IOException($"Receiving failed: {new SocketException((int)error).Message}", new SocketException((int)error));
                return outcome = ReadBorrowOutcome.GaveBack;
            }
            var burst = t_borrowerBurst ??= new ReceiveBurst(TimeSpan.Zero);
            var previous = ReceiveBurst.Enter(burst);
            try
            {
                // From the stream's buffer, just filled: no socket call.
                var n = _stream.Read(_destination.Span);
                _destination = default;
                outcome = ReadBorrowOutcome.Delivered;
                Interlocked.Increment(ref _borrowed);
                // The receive loop continues here, inline, up to its next read (lent again, see TryLend).
                _source.SetResult(n);
                return outcome;
            }
            finally
            {
                // What this thread delivered to other consumers' feeds wakes them now.
                burst.Pay();
                ReceiveBurst.Leave(previous);
            }
        }
        finally
        {
            lock (_gate)
            {
                // Once its next read is lent, another consumer may have borrowed it already: that one is in charge.
                if (ReferenceEquals(_borrower, Thread.CurrentThread))
                {
                    Volatile.Write(ref _borrower, null);
                    switch (outcome)
                    {
                        case ReadBorrowOutcome.Idle:
                            _state = LoanState.Lent;
                            _lentAt = Stopwatch.GetTimestamp();
                            break;
                        case ReadBorrowOutcome.GaveBack:
                            _state = LoanState.Returned;
                            Monitor.PulseAll(_gate);
                            break;
                        case ReadBorrowOutcome.Delivered when _state == LoanState.Borrowed:
                            // The loop ended without another read: nothing is lent any more.
                            _state = LoanState.None;
                            Monitor.PulseAll(_gate);
                            break;
                    }
                }
            }
        }
    }

    /// <summary>Gives a lent read back to the receive thread (the consumer goes idle or away) and forgets the consumer's wish.</summary>
    public void GiveBack(IDeferredWake consumer)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_wanted, consumer))
                _wanted = null;
            if (ReferenceEquals(_wakeOnLend, consumer))
                _wakeOnLend = null;
            if (_state == LoanState.Lent)
            {
                _state = LoanState.Returned;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The connection is going away: the receive thread takes the read back and fails it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// On the receive thread, when its stack has unwound: false when nothing is lent. Otherwise wakes the consumer that
    /// asked, waits until the read is its own again (given back, reclaimed, or the connection closing) and serves it,
    /// which runs the receive loop here; true then (or when a borrower's loop ended on its own).
    /// </summary>
    public bool ServeLoan()
    {
        IDeferredWake? wake;
        lock (_gate)
        {
            if (_state == LoanState.None)
                return false;
            wake = _wakeOnLend;
            _wakeOnLend = null;
        }
        wake?.WakeNow();
        lock (_gate)
        {
            while (true)
            {
                if (_state == LoanState.None)
                    return true;
                if (_state == LoanState.Returned)
                    break;
                if (_state == LoanState.Lent)
                {
                    if (_closed || _owner.IsStopping)
                        break;
                    var waited = Stopwatch.GetElapsedTime(_lentAt);
                    if (waited >= ReclaimAfter)
                    {
                        _reclaimed++;
                        break;
                    }
                    Monitor.Wait(_gate, ReclaimAfter - waited);
                }
                else
                {
                    Monitor.Wait(_gate, ReclaimAfter);
                }
            }
            _state = LoanState.None;
        }
        int n;
        try
        {
            if (Interlocked.Exchange(ref _failure, null) is { } failure)
                throw failure;
            n = _stream.Read(_destination.Span);
        }
        catch (Exception ex)
        {
            _destination = default;
            _source.SetException(ex);
            return true;
        }
        _destination = default;
        _source.SetResult(n);
        return true;
    }

    /// <summary>Wakes a receive thread waiting in <see cref="ServeLoan"/> (it is stopping).</summary>
    public void Nudge()
    {
        lock (_gate)
            Monitor.PulseAll(_gate);
    }

    int IValueTaskSource<int>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        // Registered first, then offered: a read completed before its awaiter registers would continue on the thread pool.
        _source.OnCompleted(continuation, state, token, flags);
        lock (_gate)
        {
            if (_state == LoanState.Lending)
            {
                _state = LoanState.Lent;
                _lentAt = Stopwatch.GetTimestamp();
            }
        }
    }
}
