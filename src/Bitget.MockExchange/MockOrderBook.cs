namespace Bitget.MockExchange;

/// <summary>
/// The book of one order book topic as the mock holds it on one connection, after the last push it sent there: what a
/// client that applied every push must hold too (<see cref="MockBitgetExchange.OrderBooksAsync"/>).
/// </summary>
/// <param name="Key">The topic's key (<c>SPOT/books/BTCUSDT</c> on v2, <c>spot/books/BTCUSDT</c> on v3).</param>
/// <param name="Sequence">The <c>seq</c> of the last push sent (0 before the first).</param>
/// <param name="Bids">Every bid level, best (highest) first, as (price, size).</param>
/// <param name="Asks">Every ask level, best (lowest) first, as (price, size).</param>
public sealed record MockOrderBook(string Key, long Sequence, IReadOnlyList<(decimal Price, decimal Size)> Bids,
    IReadOnlyList<(decimal Price, decimal Size)> Asks);
