using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using static Bitget.Stream.Parsing.Unified.UnifiedFieldReader;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>position</c> push into <see cref="BitgetPosition"/> objects from the UTF-8 bytes
/// (spec §3.2): <c>posSide</c> → HoldSide, <c>holdMode</c> → PosMode, <c>size</c> → Total, <c>avgPrice</c> → OpenPriceAvg,
/// <c>curRealisedPnl</c> → AchievedProfits, <c>unrealisedPnl</c> → UnrealizedPL, <c>profitRate</c> → UnrealizedPLR,
/// <c>liqPrice</c> → LiquidationPrice, <c>mmr</c> → KeepMarginRate, <c>openFeeTotal</c>/<c>closeFeeTotal</c> →
/// OpenFee/CloseFee, and the v3-only fields onto their own properties. <c>""</c> (unset numbers such as <c>liqPrice</c>)
/// is null; a malformed value leaves its property null and is named in <c>badFields</c>.
/// </summary>
/// <remarks>
/// A v3 position names no product (the topic covers the whole account): the instType is its <c>category</c> if one is
/// ever sent, else COIN-FUTURES for a Coin-M <c>_CM</c> symbol, USDT-FUTURES or USDC-FUTURES by its margin coin, else the
/// push's (<c>UTA</c>), so that a position can be filtered by product as on v2.
/// </remarks>
public static class UnifiedPositionParser
{
    /// <summary>Parses the array the reader stands on; returns why it is structurally malformed, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (<c>UTA</c>): a position's when nothing tells its product.</param>
    /// <param name="channel"><c>positions</c> (v3 <c>position</c>).</param>
    /// <param name="receivedAt">Receipt time stamped on every position.</param>
    /// <param name="output">Receives the positions.</param>
    /// <param name="badFields">Receives <c>"position {field}"</c> for each malformed field; may be null.</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, string channel, DateTimeOffset receivedAt,
        List<BitgetPosition> output, MalformedFields? badFields = null) =>
        ReadItems(ref reader, "position", objectToo: false,
            () => new BitgetPosition { Channel = channel, ReceivedAt = receivedAt },
            Set, p => Complete(p, instType), output, badFields);

    private static string? Complete(BitgetPosition p, string instType)
    {
        if (Symbol("position", "symbol", p.Symbol) is { } problem)
            return problem;
        if (p.InstType.Length == 0)
            p.InstType = p.Symbol.EndsWith("_CM", StringComparison.OrdinalIgnoreCase) ? BitgetInstTypes.CoinFutures
                : string.Equals(p.MarginCoin, "USDT", StringComparison.OrdinalIgnoreCase) ? BitgetInstTypes.UsdtFutures
                : string.Equals(p.MarginCoin, "USDC", StringComparison.OrdinalIgnoreCase) ? BitgetInstTypes.UsdcFutures
                : instType;
        return null;
    }

    private static bool Set(BitgetPosition p, string name, ref Utf8JsonReader r)
    {
        bool ok;
        decimal? d;
        string? s;
        switch (name)
        {
            case "category": ok = Category(ref r, out s); p.InstType = s ?? ""; break;
            case "symbol": ok = Text(ref r, out s); p.Symbol = s ?? ""; break;
            case "posSide": ok = Text(ref r, out s); p.HoldSide = s ?? ""; break;
            case "holdMode": ok = Text(ref r, out s); p.PosMode = s; break;
            case "marginCoin": ok = Text(ref r, out s); p.MarginCoin = s; break;
            case "marginMode": ok = Text(ref r, out s); p.MarginMode = s; break;
            case "positionStatus": ok = Text(ref r, out s); p.PositionStatus = s; break;
            case "size": ok = Decimal(ref r, out d); p.Total = d; break;
            case "available": ok = Decimal(ref r, out d); p.Available = d; break;
            case "frozen": ok = Decimal(ref r, out d); p.Frozen = d; break;
            case "marginSize": ok = Decimal(ref r, out d); p.MarginSize = d; break;
            case "avgPrice": ok = Decimal(ref r, out d); p.OpenPriceAvg = d; break;
            case "leverage": ok = Decimal(ref r, out d); p.Leverage = d; break;
            case "curRealisedPnl": ok = Decimal(ref r, out d); p.AchievedProfits = d; break;
            case "unrealisedPnl": ok = Decimal(ref r, out d); p.UnrealizedPL = d; break;
            case "profitRate": ok = Decimal(ref r, out d); p.UnrealizedPLR = d; break;
            case "liqPrice": ok = Decimal(ref r, out d); p.LiquidationPrice = d; break;
            case "mmr": ok = Decimal(ref r, out d); p.KeepMarginRate = d; break;
            case "marginRate": ok = Decimal(ref r, out d); p.MarginRate = d; break;
            case "breakEvenPrice": ok = Decimal(ref r, out d); p.BreakEvenPrice = d; break;
            case "markPrice": ok = Decimal(ref r, out d); p.MarkPrice = d; break;
            case "totalFundingFee": ok = Decimal(ref r, out d); p.TotalFundingFee = d; break;
            case "openFeeTotal": ok = Decimal(ref r, out d); p.OpenFee = d; break;
            case "closeFeeTotal": ok = Decimal(ref r, out d); p.CloseFee = d; break;
            case "cashDividend": ok = Decimal(ref r, out d); p.CashDividend = d; break;
            case "createdTime": ok = Time(ref r, out var created); p.CreatedAt = created; break;
            case "updatedTime": ok = Time(ref r, out var updated); p.UpdatedAt = updated; break;
            default: r.Skip(); ok = true; break;
        }
        return ok;
    }
}
