using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Private;

/// <summary>Private topics: "default" kept lowercase, symbols only where Bitget takes them, "coin" on the wire for account.</summary>
public sealed class PrivateScopeTests
{
    [Fact]
    public void WithoutSymbolsTheTopicIsTheLowercaseDefault()
    {
        var topics = PrivateScope.Topics(BitgetChannelNames.Orders, null, "spot", []);
        Assert.Equal([new BitgetTopic("SPOT", "orders", "default")], topics);
        Assert.Equal([new BitgetTopic("USDT-FUTURES", "fill", "default")], PrivateScope.Topics(BitgetChannelNames.Fill, ["Default"], null, []));
    }

    [Fact]
    public void OrdersAndFillsTakeSymbolsTheAccountWideChannelsRefuseThem()
    {
        Assert.Equal([new BitgetTopic("SPOT", "orders", "BTCUSDT")], PrivateScope.Topics(BitgetChannelNames.Orders, ["btcusdt"], "SPOT", []));
        var error = Assert.Throws<BitgetArgumentException>(() => PrivateScope.Topics(BitgetChannelNames.Positions, ["BTCUSDT"], null, []));
        Assert.Contains("whole account", error.Message);
        Assert.Throws<BitgetArgumentException>(() => PrivateScope.Topics(BitgetChannelNames.Account, ["USDT"], "SPOT", []));
    }

    [Fact]
    public void TheAccountTopicIsSentWithCoin()
    {
        var request = Assert.Single(SubscriptionRequestBuilder.Build("subscribe",
            [new BitgetTopic("SPOT", "account", "default"), new BitgetTopic("USDT-FUTURES", "orders", "default")]));
        Assert.Equal("{\"op\":\"subscribe\",\"args\":[{\"instType\":\"SPOT\",\"channel\":\"account\",\"coin\":\"default\"},"
            + "{\"instType\":\"USDT-FUTURES\",\"channel\":\"orders\",\"instId\":\"default\"}]}", request);
    }
}
