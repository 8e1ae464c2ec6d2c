using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>
/// The routing fields of one subscribed public topic, on either API: v2 <c>{instType, channel, instId}</c>, v3
/// <c>{instType (lowercase), topic, symbol (absent for liquidation), interval (kline only)}</c>. Every push loop writes its
/// envelope from here, so a topic's frames carry exactly the arg it was subscribed with.
/// </summary>
/// <param name="Version">The API.</param>
/// <param name="InstType">As on the wire: <c>USDT-FUTURES</c> on v2, <c>usdt-futures</c> on v3.</param>
/// <param name="Channel">The v2 channel or v3 topic.</param>
/// <param name="Symbol">The v2 instId or v3 symbol; null for a v3 topic without one (liquidation).</param>
/// <param name="Interval">The v3 kline interval; null otherwise.</param>
internal sealed record TopicArg(ProtocolVersion Version, string InstType, string Channel, string? Symbol, string? Interval = null)
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>
    /// The subscription key, as in <see cref="MockBitgetExchange.ActiveSubscriptions"/> and <see cref="MockExchangeOptions.SilentTopics"/>:
    /// <c>instType/channel/instId</c> on v2; <c>instType/topic[/symbol][/interval]</c> on v3 (<c>spot/kline/BTCUSDT/1m</c>,
    /// <c>usdt-futures/liquidation</c>).
    /// </summary>
    public string Key { get; } = InstType + "/" + Channel + (Symbol is null ? "" : "/" + Symbol) + (Interval is null ? "" : "/" + Interval);

    /// <summary>The instType in v2 spelling (<c>USDT-FUTURES</c>) on either API: the market both APIs show.</summary>
    public string MarketInstType => Version == ProtocolVersion.V2 ? InstType : InstType.ToUpperInvariant();

    /// <summary>The symbol of the market in v2 spelling: a v3 Coin-M <c>BTCUSD_CM</c> is v2's <c>BTCUSD</c>.</summary>
    public string MarketSymbol => Symbol is null ? ""
        : Version == ProtocolVersion.V3 && Symbol.EndsWith("_CM", StringComparison.Ordinal) ? Symbol[..^3] : Symbol;

    /// <summary>Whether the ticker has the futures shape (any instType but spot).</summary>
    public bool IsFutures => MarketInstType != "SPOT";

    /// <summary>
    /// Whether the topic's instType lists its symbol (<see cref="MarketProfile.IsListed"/>); a topic without a symbol
    /// (liquidation) is listed.
    /// </summary>
    public bool IsListed => Symbol is null || MarketProfile.IsListed(MarketInstType, MarketSymbol);

    /// <summary>Which loop pushes the topic; none for a symbol its instType does not list (acknowledged, then silent).</summary>
    public PushRoute Route => (Version, Channel) switch
    {
        _ when !IsListed => PushRoute.None,
        (_, "ticker") => PushRoute.Ticker,
        (ProtocolVersion.V2, "trade") => PushRoute.Market,
        (ProtocolVersion.V2, _) when Channel.StartsWith("candle", StringComparison.Ordinal) => PushRoute.Market,
        (ProtocolVersion.V3, "kline" or "publicTrade" or "liquidation") => PushRoute.Market,
        (ProtocolVersion.V2, "books" or "books1" or "books5" or "books15") => PushRoute.Book,
        (ProtocolVersion.V3, "books" or "books1" or "books5" or "books50" or "rpi-books" or "rpi-books1" or "rpi-books5" or "rpi-books50") => PushRoute.Book,
        _ => PushRoute.None,
    };

    /// <summary>
    /// The start of a push up to the opening bracket of <c>data</c>: <c>{"action":…,"arg":{…},"data":[</c>, with the arg's keys
    /// in the order the exchange writes them.
    /// </summary>
    public string EnvelopeStart(string action)
    {
        var sb = new StringBuilder(128);
        sb.Append("{\"action\":").Append(Quote(action)).Append(",\"arg\":{\"instType\":").Append(Quote(InstType));
        if (Version == ProtocolVersion.V2)
        {
            sb.Append(",\"channel\":").Append(Quote(Channel)).Append(",\"instId\":").Append(Quote(Symbol ?? ""));
        }
        else
        {
            sb.Append(",\"topic\":").Append(Quote(Channel));
            if (Symbol is not null)
                sb.Append(",\"symbol\":").Append(Quote(Symbol));
            if (Interval is not null)
                sb.Append(",\"interval\":").Append(Quote(Interval));
        }

        return sb.Append("},\"data\":[").ToString();
    }

    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, Encoder).ToString() + "\"";
}
