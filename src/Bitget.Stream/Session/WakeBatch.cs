namespace Bitget.Stream.Session;

/// <summary>
/// The wake-ups one connection's receive thread owes consumers for what it posted, paid once per burst instead of once
/// per item. Waking a blocked consumer costs both threads more CPU than handling a ticker, so a feed posted to while a
/// frame is handled (<see cref="Enter"/> … <see cref="Leave"/>) only records that it owes one (<see cref="Defer"/>); the
/// connection pays them (<see cref="Pay"/>) when its transport has handed over everything it read and is about to read
/// the socket again, i.e. at the end of each burst, and at the latest after each 64 KiB read during a flood (a feed also
/// wakes its consumer itself before half its queue fills). Used on the receive thread only, so nothing here is locked;
/// on any other thread nothing is deferred and feeds wake their consumers at once.
/// </summary>
internal sealed class WakeBatch
{
    [ThreadStatic]
    private static WakeBatch? t_current;

    private List<IFeedEndpoint> _owed = [];
    private List<IFeedEndpoint> _paying = [];

    /// <summary>The batch of the frame being handled on this thread, or null.</summary>
    public static WakeBatch? Current => t_current;

    /// <summary>Wake-ups owed.</summary>
    public int Owed => _owed.Count;

    /// <summary>A frame is handled on this thread from now on: posts defer their wake-ups here.</summary>
    public void Enter() => t_current = this;

    /// <summary>The frame is handled: posts on this thread wake at once again.</summary>
    public static void Leave() => t_current = null;

    /// <summary>Records a wake-up owed to <paramref name="feed"/>; the feed defers at most one until it is paid.</summary>
    public void Defer(IFeedEndpoint feed) => _owed.Add(feed);

    /// <summary>Delivers every owed wake-up.</summary>
    public void Pay()
    {
        // Swapped first: a wake-up that posts again (an event handler) is owed anew, not lost.
        while (_owed.Count > 0)
        {
            (_owed, _paying) = (_paying, _owed);
            foreach (var feed in _paying)
                feed.WakeNow();
            _paying.Clear();
        }
    }
}
