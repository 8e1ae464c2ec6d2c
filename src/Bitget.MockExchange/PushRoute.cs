namespace Bitget.MockExchange;

/// <summary>Which push loop of a connection pushes a subscribed topic.</summary>
internal enum PushRoute
{
    /// <summary>Acknowledged, never pushed (v2 <c>auction</c>, <c>index-price</c>).</summary>
    None,

    /// <summary><see cref="TickerPushLoop"/>.</summary>
    Ticker,

    /// <summary><see cref="MarketPushLoop"/>: candles, trades, liquidations.</summary>
    Market,

    /// <summary><see cref="BookPushLoop"/>.</summary>
    Book,
}
