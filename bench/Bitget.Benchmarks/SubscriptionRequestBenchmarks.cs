using BenchmarkDotNet.Attributes;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Benchmarks;

/// <summary>
/// Building the subscribe requests for 1, 30 and 500 ticker topics (500: a resubscribe after a reconnect of a
/// large recorder; split into requests of at most 30 args and 4096 bytes).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class SubscriptionRequestBenchmarks
{
    private BitgetTopic[] _topics = [];

    /// <summary>How many topics are subscribed at once.</summary>
    [Params(1, 30, 500)]
    public int Topics { get; set; }

    /// <summary>Makes distinct USDT-M ticker topics.</summary>
    [GlobalSetup]
    public void Setup() =>
        _topics = Enumerable.Range(0, Topics)
            .Select(i => BitgetTopic.Ticker(BitgetInstTypes.UsdtFutures, $"SYM{i}USDT"))
            .ToArray();

    /// <summary>Builds every request for the topics.</summary>
    [Benchmark]
    public IReadOnlyList<string> BuildSubscribe() => SubscriptionRequestBuilder.Build(SubscriptionRequestBuilder.Subscribe, _topics);
}
