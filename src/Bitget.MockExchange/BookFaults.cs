namespace Bitget.MockExchange;

/// <summary>The order book faults one push of a <see cref="BookGenerator"/> carries (taken from the option counters).</summary>
[Flags]
internal enum BookFaults
{
    None = 0,

    /// <summary>An update is made (its seq spent) but not sent: the next update's pseq names a seq the client never saw.</summary>
    Gap = 1,

    /// <summary>The checksum is off (v2 books only: v3 sends none).</summary>
    BadChecksum = 2,

    /// <summary>An update with pseq 0, as after a server restart.</summary>
    ZeroPseq = 4,

    /// <summary>The first push of a subscription is an update, before any snapshot.</summary>
    EarlyUpdate = 8,
}
