using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.PrivateFieldReader;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of a <c>fill</c> push into <see cref="BitgetFill"/> objects from the UTF-8 bytes. Spot
/// sends <c>priceAvg</c>/<c>size</c>/<c>amount</c>, futures <c>price</c>/<c>baseVolume</c>/<c>quoteVolume</c>: both map to
/// Price/Size/Amount.
/// </summary>
public static class FillParser
{
    /// <summary>Parses the array the reader stands on; returns why it is unusable, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="receivedAt">Receipt time stamped on every fill.</param>
    /// <param name="output">Receives the fills.</param>
    /// <param name="malformed">Notes each known field whose value was malformed; the event is kept with it empty
    /// (null: not noted).</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, DateTimeOffset receivedAt, List<BitgetFill> output, MalformedFields? malformed = null) =>
        ReadArray(ref reader, "fill",
            () => new BitgetFill { InstType = instType, ReceivedAt = receivedAt },
            Set, f => f.TradeId.Length == 0 ? "fill without tradeId"
                : f.Symbol.Length == 0 ? "fill without symbol"
                : SymbolProblem("fill", "symbol", f.Symbol, null), output, malformed);

    private static string? Set(BitgetFill f, string name, ref Utf8JsonReader r)
    {
        decimal? d;
        DateTimeOffset? t;
        string? error = null;
        switch (name)
        {
            case "symbol":
            case "instId": f.Symbol = Text(ref r) ?? f.Symbol; break;
            case "tradeId": f.TradeId = Text(ref r) ?? ""; break;
            case "orderId": f.OrderId = Text(ref r) ?? ""; break;
            case "clientOid": f.ClientOrderId = Text(ref r); break;
            case "side": f.Side = Text(ref r) ?? ""; break;
            case "orderType": f.OrderType = Text(ref r); break;
            case "price":
            case "priceAvg": error = Decimal(ref r, out d); f.Price ??= d; break;
            case "size":
            case "baseVolume": error = Decimal(ref r, out d); f.Size ??= d; break;
            case "amount":
            case "quoteVolume": error = Decimal(ref r, out d); f.Amount ??= d; break;
            case "profit": error = Decimal(ref r, out d); f.Profit = d; break;
            case "tradeSide": f.TradeSide = Text(ref r); break;
            case "posMode": f.PosMode = Text(ref r); break;
            case "tradeScope": f.TradeScope = Text(ref r); break;
            case "feeDetail":
                error = FeeDetail(ref r, out d, out var coin, out var deduction, out var deductionFee);
                f.Fee = d;
                f.FeeCoin = coin;
                f.FeeDeduction = deduction;
                f.DeductionFee = deductionFee;
                break;
            case "cTime": error = Time(ref r, out t); f.CreatedAt = t; break;
            case "uTime": error = Time(ref r, out t); f.UpdatedAt = t; break;
            default: r.Skip(); break;
        }
        return error;
    }
}
