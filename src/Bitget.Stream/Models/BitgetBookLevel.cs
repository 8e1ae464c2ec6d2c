namespace Bitget.Stream.Models;

/// <summary>
/// One price level of an order book: a <c>[price, size]</c> pair of the exchange's strings, parsed exactly.
/// <see cref="decimal"/> keeps the scale that was sent (<c>"0.5000"</c> stays 0.5000), so the invariant
/// <c>ToString()</c> of both values gives back the original text that Bitget's CRC-32 checksum is computed over.
/// </summary>
/// <param name="Price">The price of the level.</param>
/// <param name="Size">The quantity at that price; 0 in an update means "remove this level".</param>
public readonly record struct BitgetBookLevel(decimal Price, decimal Size);
