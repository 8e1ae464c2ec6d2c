using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Option values out of range are refused when the session is created, naming the option and the value, instead of
/// ending a connected session later as an "internal error" (a timer beyond ~49 days cannot be armed).
/// </summary>
public sealed class SessionOptionsValidationTests
{
    private static readonly TimeSpan SixtyDays = TimeSpan.FromDays(60);

    public static TheoryData<string, Action<BitgetSessionOptions>, string> OutOfRange => new()
    {
        { "PingInterval", o => o.PingInterval = SixtyDays, "60.00:00:00" },
        { "PingInterval", o => o.PingInterval = TimeSpan.Zero, "00:00:00" },
        { "PingInterval", o => o.PingInterval = TimeSpan.FromMinutes(3), "00:03:00" },
        { "PongTimeout", o => o.PongTimeout = SixtyDays, "60.00:00:00" },
        { "PongTimeout", o => o.PongTimeout = TimeSpan.FromSeconds(-1), "-00:00:01" },
        { "ConnectTimeout", o => o.ConnectTimeout = SixtyDays, "60.00:00:00" },
        { "ConnectTimeout", o => o.ConnectTimeout = TimeSpan.MaxValue, TimeSpan.MaxValue.ToString("c") },
        { "SubscribeAckTimeout", o => o.SubscribeAckTimeout = SixtyDays, "60.00:00:00" },
        { "StaleTopicTimeout", o => o.StaleTopicTimeout = SixtyDays, "60.00:00:00" },
        { "StaleTopicTimeout", o => o.StaleTopicTimeout = TimeSpan.FromSeconds(-5), "-00:00:05" },
        { "MaxConnectionAge", o => o.MaxConnectionAge = SixtyDays, "60.00:00:00" },
        { "MaxConnectionAge", o => o.MaxConnectionAge = TimeSpan.FromHours(25), "1.01:00:00" },
        { "HealthyConnectionTime", o => o.HealthyConnectionTime = SixtyDays, "60.00:00:00" },
        { "HealthyConnectionTime", o => o.HealthyConnectionTime = TimeSpan.FromSeconds(-1), "-00:00:01" },
        { "ReconnectPolicy.Initial", o => o.ReconnectPolicy = new ReconnectPolicy { Initial = SixtyDays, Max = SixtyDays }, "60.00:00:00" },
        { "ReconnectPolicy.Initial", o => o.ReconnectPolicy = new ReconnectPolicy { Initial = TimeSpan.Zero }, "00:00:00" },
        { "ReconnectPolicy.Max", o => o.ReconnectPolicy = new ReconnectPolicy { Max = SixtyDays }, "60.00:00:00" },
        { "MaxReconnectAttempts", o => o.MaxReconnectAttempts = -1, "-1" },
        { "MaxMessagesPerSecond", o => o.MaxMessagesPerSecond = 0, "0" },
        { "MaxMessagesPerSecond", o => o.MaxMessagesPerSecond = 1_000_000, "1000000" },
        { "MaxArgsPerRequest", o => o.MaxArgsPerRequest = 0, "0" },
        { "MaxArgsPerRequest", o => o.MaxArgsPerRequest = int.MaxValue, "2147483647" },
        { "MaxTopicsPerConnection", o => o.MaxTopicsPerConnection = 1001, "1001" },
        { "MaxSubscribeRequestsPerHour", o => o.MaxSubscribeRequestsPerHour = 0, "0" },
        { "MaxSubscribeRequestsPerHour", o => o.MaxSubscribeRequestsPerHour = 100_000, "100000" },
        { "Endpoint", o => o.Endpoint = new Uri("https://example.invalid/"), "https://example.invalid/" },
        { "Endpoint", o => o.Endpoint = null!, "" },
        { "ReconnectPolicy", o => o.ReconnectPolicy = null!, "" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void AnOutOfRangeOptionIsRefusedByNameAndValue(string option, Action<BitgetSessionOptions> set, string value)
    {
        var options = new BitgetSessionOptions { Endpoint = new Uri("ws://127.0.0.1:1/v2/ws/public") };
        set(options);
        var ex = Assert.Throws<BitgetArgumentException>(() => new BitgetStreamSession(options));
        Assert.Equal(option, ex.ParamName);
        Assert.Equal(value, ex.Value);
        Assert.StartsWith(option, ex.Message, StringComparison.Ordinal);
        if (value.Length > 0)
            Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsBoundsAndZeroWhereItMeansOffAreAccepted()
    {
        using var defaults = new BitgetStreamSession();
        using var edges = new BitgetStreamSession(new BitgetSessionOptions
        {
            PingInterval = TimeSpan.FromMinutes(2),
            PongTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromMilliseconds(1),
            SubscribeAckTimeout = TimeSpan.FromMinutes(5),
            StaleTopicTimeout = TimeSpan.Zero,
            MaxConnectionAge = TimeSpan.Zero,
            HealthyConnectionTime = TimeSpan.Zero,
            ReconnectPolicy = new ReconnectPolicy { Initial = TimeSpan.FromMinutes(10), Max = TimeSpan.FromMinutes(10) },
            MaxReconnectAttempts = int.MaxValue,
            MaxMessagesPerSecond = 10,
            MaxArgsPerRequest = 1000,
            MaxTopicsPerConnection = 1000,
            MaxSubscribeRequestsPerHour = 240,
        });
        using var longest = new BitgetStreamSession(new BitgetSessionOptions
        {
            StaleTopicTimeout = TimeSpan.FromHours(24),
            MaxConnectionAge = TimeSpan.FromHours(24),
            HealthyConnectionTime = TimeSpan.FromHours(24),
        });
        Assert.Equal(TimeSpan.FromHours(24), longest.Options.MaxConnectionAge);
    }
}
