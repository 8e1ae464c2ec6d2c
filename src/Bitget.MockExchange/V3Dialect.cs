using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>
/// The v3 ("UTA") rules of <c>/v3/ws/public</c> and <c>/v3/ws/private</c>: lowercase public instTypes, <c>topic</c> and
/// <c>symbol</c> (Coin-M symbols end in <c>_CM</c>), <c>interval</c> for <c>kline</c> (ten values), <c>liquidation</c> without
/// symbol and for futures only, private topics under instType <c>UTA</c>; refusals are 30001 with the argument inside
/// <c>msg</c> (see <see cref="V3Protocol"/>). One instance per connection: it holds the connId.
/// </summary>
internal sealed class V3Dialect(string connId) : WireDialect
{
    /// <summary>The connection's id, sent in every ack and error.</summary>
    public string ConnId { get; } = connId;

    public override ProtocolVersion Version => ProtocolVersion.V3;

    public override byte[] Error(int code, string message, string? op = null) => V3Protocol.Error(code, message, ConnId);

    public override byte[] BroadcastError(int code, string message, string? instType, string? channel, string? instId) => Error(code, message);

    public override bool ClosesOn(int argCount, MockExchangeOptions options) => argCount > Math.Max(1, options.V3MaxArgsPerRequest);

    /// <summary>
    /// The subscription key of a private topic: <c>UTA/topic</c>, <c>UTA/strategy-order/default</c> (its only symbol);
    /// <paramref name="symbol"/> <c>default</c> of <c>fast-fill</c> is the same as none.
    /// </summary>
    public static string PrivateKey(string topic, string? symbol) =>
        V3Protocol.PrivateInstType + "/" + topic + (topic == "strategy-order" ? "/" + (symbol ?? "default") : "");

    public override ArgVerdict Resolve(JsonElement element, string op, bool tooBig, bool loggedIn, MockExchangeOptions options)
    {
        var arg = V3Protocol.V3Arg.FromElement(element);
        if (tooBig || !arg.IsObject || arg.InstType is null || arg.Topic is null)
        {
            return ArgVerdict.Refused(Error(Protocol.ParamError, "Param error"));
        }

        if (arg.InstType == V3Protocol.PrivateInstType)
        {
            return ResolvePrivate(arg, op, loggedIn);
        }

        var topic = arg.Topic;
        var refused = ArgVerdict.Refused(Error(Protocol.DoesNotExist, V3Protocol.DoesNotExistMessage(arg)));
        if (!V3Protocol.PublicInstTypes.Contains(arg.InstType) || !V3Protocol.PublicTopics.Contains(topic)
            || (arg.HasInterval && topic != "kline"))
        {
            return refused;
        }

        var ack = V3Protocol.Ack(op, arg, ConnId);
        if (topic == "liquidation")
        {
            // One subscription per futures instType, no symbol.
            return arg.InstType == "spot" || arg.HasSymbol
                ? refused
                : ArgVerdict.Public(new TopicArg(ProtocolVersion.V3, arg.InstType, topic, null), ack);
        }

        if (arg.Symbol is null || !SymbolExists(arg.InstType, arg.Symbol, options)
            || (topic == "kline" && (arg.Interval is null || !MarketGenerator.V3Intervals.Contains(arg.Interval))))
        {
            return refused;
        }

        return ArgVerdict.Public(new TopicArg(ProtocolVersion.V3, arg.InstType, topic, arg.Symbol, topic == "kline" ? arg.Interval : null), ack);
    }

    // Private topics: 30004 before login; after it an ack, then for account and position (only they push on subscribe) the sample.
    private ArgVerdict ResolvePrivate(V3Protocol.V3Arg arg, string op, bool loggedIn)
    {
        if (!loggedIn)
        {
            return ArgVerdict.Refused(Error(30004, "User needs to log in"));
        }

        var topic = arg.Topic!;
        var symbolOk = topic switch
        {
            "strategy-order" => arg.Symbol == "default",
            "fast-fill" => !arg.HasSymbol || arg.Symbol == "default",
            _ => !arg.HasSymbol,
        };
        if (!V3Protocol.PrivateTopics.Contains(topic) || !symbolOk || arg.HasInterval)
        {
            return ArgVerdict.Refused(Error(Protocol.DoesNotExist, V3Protocol.DoesNotExistMessage(arg)));
        }

        Func<DateTimeOffset, byte[]?>? snapshot = topic is "account" or "position" ? now => PrivateProtocol.V3Sample(topic, "snapshot", now) : null;
        return ArgVerdict.Private(PrivateKey(topic, arg.Symbol), V3Protocol.Ack(op, arg, ConnId), snapshot);
    }

    // Known symbols as on v2 (one under an instType that does not list it is acknowledged, then silent: TopicArg.IsListed),
    // except that v3 spells Coin-M symbols with "_CM".
    private static bool SymbolExists(string instType, string symbol, MockExchangeOptions options)
    {
        if (instType != "coin-futures")
        {
            return !symbol.Contains('_', StringComparison.Ordinal) && options.KnownSymbols.Contains(symbol);
        }

        var market = symbol.EndsWith("_CM", StringComparison.Ordinal) ? symbol[..^3] : null;
        return market is not null && !market.Contains('_', StringComparison.Ordinal) && options.KnownSymbols.Contains(market);
    }
}
