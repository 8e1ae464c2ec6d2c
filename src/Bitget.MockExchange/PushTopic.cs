namespace Bitget.MockExchange;

/// <summary>One subscribed ticker topic being pushed on one connection: its schedule, push count and timestamps.</summary>
internal sealed class PushTopic(string key, TickerGenerator.Topic topic)
{
    /// <summary>The topic's key (<see cref="TopicArg.Key"/>), as in <see cref="MockBitgetExchange.ActiveSubscriptions"/>.</summary>
    public string Key { get; } = key;

    public TickerGenerator.Topic Topic { get; } = topic;

    /// <summary><c>INSTTYPE/instId</c> (v2 spelling on either API), the key of SetTicker overrides.</summary>
    public string OverrideKey => Topic.OverrideKey;

    /// <summary>Number of the next genuine push (0 = the first after subscribing).</summary>
    public long N { get; set; }

    /// <summary>Stopwatch ticks at which the next push is due.</summary>
    public long Due { get; set; }

    /// <summary>The envelope timestamps given so far (each later than the one before).</summary>
    public PushClock Clock { get; } = new();

    /// <summary>The last three pushes sent, for a replay of an old one.</summary>
    public PushClock.History History { get; } = new();
}
