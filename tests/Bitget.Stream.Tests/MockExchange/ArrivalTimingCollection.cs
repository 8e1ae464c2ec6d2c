namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// Tests that look at when frames arrive, sub-millisecond: they run alone, after the parallel ones, because in this process
/// the other test classes' servers and clients take the two cores the measurement needs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArrivalTimingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Arrival timing";
}
