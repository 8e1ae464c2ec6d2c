namespace Bitget.MockExchange;

/// <summary>How the fixed-rate benchmark push mode (<see cref="MockExchangeOptions.FramesPerSecond"/>) spreads its frames in time.</summary>
public enum PushPattern
{
    /// <summary>Every <see cref="MockExchangeOptions.BurstIntervalMs"/>, all frames due are written at once (one socket write).</summary>
    Bursts,

    /// <summary>One frame every 1/rate second, timed by a dedicated thread that sleeps, then spins to the deadline (costs a core).</summary>
    Even,
}
