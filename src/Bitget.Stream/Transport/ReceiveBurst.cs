using System.Diagnostics;
using System.Net.Sockets;

namespace Bitget.Stream.Transport;

/// <summary>
/// The wake-ups a receive thread owes consumers for what it delivered, paid once per burst instead of once per item.
/// Waking a blocked consumer costs both threads ~10–15 µs of CPU, more than handling a ticker, so a feed posting on a
/// receive thread only records that it owes one (<see cref="TryDefer"/>); the thread pays what it owes right before
/// its socket read would block (<see cref="BeforeReceive"/>: nothing more in the kernel), i.e. when the burst is used
/// up, and never later than <see cref="Window"/> after the first item it holds back (a flood has no end). It never waits
/// for more data to pay less often: a timed wait costs as much as the wake-up it would save on these machines
/// (docs/benchmarks.md). One instance per receive thread (<see cref="Current"/>); on any other thread nothing is
/// deferred and feeds wake their consumers at once.
/// </summary>
internal sealed class ReceiveBurst
{
    [ThreadStatic]
    private static ReceiveBurst? t_current;

    private List<IDeferredWake> _owed = [];
    private List<IDeferredWake> _paying = [];
    private readonly long _windowTicks;
    private long _firstOwedAt;

    /// <param name="window">The longest a flood holds an item back from its consumer; zero pays before every read.</param>
    public ReceiveBurst(TimeSpan window)
    {
        Window = window;
        _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The default window: 1 ms, a flood's consumer is woken a thousand times a second at most.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(1);

    /// <summary>The receive thread's instance, or null on any other thread.</summary>
    public static ReceiveBurst? Current => t_current;

    /// <summary>The longest a deferred wake-up is held back while data keeps coming.</summary>
    public TimeSpan Window { get; }

    /// <summary>Wake-ups owed.</summary>
    public int Owed => _owed.Count;

    /// <summary>Makes this the calling thread's burst (a receive thread does it once, first).</summary>
    public void Install() => t_current = this;

    /// <summary>Makes <paramref name="burst"/> the calling thread's for a while (a consumer borrowing a read); returns the one to restore.</summary>
    public static ReceiveBurst? Enter(ReceiveBurst burst)
    {
        var previous = t_current;
        t_current = burst;
        return previous;
    }

    /// <summary>Restores what <see cref="Enter"/> returned.</summary>
    public static void Leave(ReceiveBurst? previous) => t_current = previous;

    /// <summary>Defers <paramref name="wake"/> to the end of the burst when called on a receive thread; false elsewhere.</summary>
    /// <remarks>The caller keeps track of whether it is owed already and defers once until <see cref="IDeferredWake.WakeNow"/>.</remarks>
    public static bool TryDefer(IDeferredWake wake)
    {
        var burst = t_current;
        if (burst is null)
            return false;
        if (burst._owed.Count == 0)
            burst._firstOwedAt = Stopwatch.GetTimestamp();
        burst._owed.Add(wake);
        return true;
    }

    /// <summary>Called before a socket read: pays what is owed if the read would block, or if the oldest debt is due.</summary>
    public void BeforeReceive(Socket socket)
    {
        if (_owed.Count == 0)
            return;
        try
        {
            // More of the burst is in the kernel: the read will not block, the burst goes on.
            if (Stopwatch.GetTimestamp() - _firstOwedAt < _windowTicks && socket.Available > 0)
                return;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The read that follows reports it; pay first.
        }
        Pay();
    }

    /// <summary>Delivers every owed wake-up (before the thread blocks on anything else, and when it ends).</summary>
    public void Pay()
    {
        if (_owed.Count == 0)
            return;
        // Swapped first: a wake-up that posts again on this thread (an event handler) is owed anew, not lost.
        while (_owed.Count > 0)
        {
            (_owed, _paying) = (_paying, _owed);
            foreach (var wake in _paying)
                wake.WakeNow();
            _paying.Clear();
        }
    }
}
