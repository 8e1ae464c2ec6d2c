using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.Unified.UnifiedFieldReader;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> of a v3 <c>fill</c> or <c>fast-fill</c> push into <see cref="BitgetFill"/> objects from the
/// UTF-8 bytes (spec §3.2): <c>execId</c> → TradeId, <c>execPrice</c> → Price, <c>execQty</c> → Size, <c>execValue</c> →
/// Amount, <c>execPnl</c> → Profit, <c>execTime</c> → CreatedAt, <c>category</c> → InstType, and the v3-only fields
/// onto their own properties. A fast fill's <c>data</c> is one object in the current docs and an array in an older
/// version: both are read. <c>""</c> is null; a malformed value leaves its property null and is named in <c>badFields</c>.
/// </summary>
public static class UnifiedFillParser
{
    /// <summary>Parses the array or object the reader stands on; returns why it is structurally malformed, or null.</summary>
    /// <param name="reader">On the data's start; left on its end.</param>
    /// <param name="instType">The push's instType (<c>UTA</c>): a fill's when it names no <c>category</c>.</param>
    /// <param name="channel"><c>fill</c> or <c>fast-fill</c>.</param>
    /// <param name="receivedAt">Receipt time stamped on every fill.</param>
    /// <param name="output">Receives the fills.</param>
    /// <param name="badFields">Receives <c>"fill {field}"</c> for each malformed field; may be null.</param>
    public static string? Parse(ref Utf8JsonReader reader, string instType, string channel, DateTimeOffset receivedAt,
        List<BitgetFill> output, MalformedFields? badFields = null) =>
        ReadItems(ref reader, "fill", objectToo: true,
            () => new BitgetFill { InstType = instType, Channel = channel, ReceivedAt = receivedAt },
            Set, f => Required("fill", "execId", f.TradeId) ?? Symbol("fill", "symbol", f.Symbol), output, badFields);

    private static bool Set(BitgetFill f, string name, ref Utf8JsonReader r)
    {
        bool ok;
        decimal? d;
        string? s;
        switch (name)
        {
            case "category": ok = Category(ref r, out s); f.InstType = s ?? f.InstType; break;
            case "symbol": ok = Text(ref r, out s); f.Symbol = s ?? ""; break;
            case "execId": ok = Text(ref r, out s); f.TradeId = s ?? ""; break;
            case "orderId": ok = Text(ref r, out s); f.OrderId = s ?? ""; break;
            case "clientOid": ok = Text(ref r, out s); f.ClientOrderId = s; break;
            case "execLinkId": ok = Text(ref r, out s); f.ExecLinkId = s; break;
            case "side": ok = Text(ref r, out s); f.Side = s ?? ""; break;
            case "orderType": ok = Text(ref r, out s); f.OrderType = s; break;
            case "holdSide": ok = Text(ref r, out s); f.HoldSide = s; break;
            case "tradeSide": ok = Text(ref r, out s); f.TradeSide = s; break;
            case "tradeScope": ok = Text(ref r, out s); f.TradeScope = s; break;
            case "execPrice": ok = Decimal(ref r, out d); f.Price = d; break;
            case "execQty": ok = Decimal(ref r, out d); f.Size = d; break;
            case "execValue": ok = Decimal(ref r, out d); f.Amount = d; break;
            case "execPnl": ok = Decimal(ref r, out d); f.Profit = d; break;
            case "isRPI": ok = YesNo(ref r, out var rpi); f.IsRpi = rpi; break;
            case "feeDetail":
                ok = FeeDetails(ref r, out var fees);
                f.FeeDetails = fees;
                (f.Fee, f.FeeCoin) = Sum(fees);
                break;
            case "execTime": ok = Time(ref r, out var executed); f.CreatedAt = executed; break;
            case "updatedTime": ok = Time(ref r, out var updated); f.UpdatedAt = updated; break;
            default: r.Skip(); ok = true; break;
        }
        return ok;
    }
}
