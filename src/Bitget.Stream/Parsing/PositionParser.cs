using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.PrivateFieldReader;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of a <c>positions</c> or <c>positions-history</c> push into <see cref="BitgetPosition"/>
/// objects from the UTF-8 bytes. <c>leverage</c> is accepted as a string or a number (the doc sample has a number).
/// </summary>
public static class PositionParser
{
    /// <summary>Parses the array the reader stands on; returns why it is unusable, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="channel">positions or positions-history.</param>
    /// <param name="receivedAt">Receipt time stamped on every position.</param>
    /// <param name="output">Receives the positions.</param>
    /// <param name="malformed">Notes each known field whose value was malformed; the event is kept with it empty
    /// (null: not noted).</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, string channel, DateTimeOffset receivedAt,
        List<BitgetPosition> output, MalformedFields? malformed = null) =>
        ReadArray(ref reader, "position",
            () => new BitgetPosition { InstType = instType, Channel = channel, ReceivedAt = receivedAt },
            Set, p => p.PositionId.Length == 0 ? "position without posId"
                : p.Symbol.Length == 0 ? "position without instId"
                : SymbolProblem("position", "instId", p.Symbol, null), output, malformed);

    private static string? Set(BitgetPosition p, string name, ref Utf8JsonReader r)
    {
        decimal? d;
        DateTimeOffset? t;
        string? error = null;
        switch (name)
        {
            case "posId": p.PositionId = Text(ref r) ?? ""; break;
            case "instId": p.Symbol = Text(ref r) ?? ""; break;
            case "holdSide": p.HoldSide = Text(ref r) ?? ""; break;
            case "marginCoin": p.MarginCoin = Text(ref r); break;
            case "marginMode": p.MarginMode = Text(ref r); break;
            case "posMode": p.PosMode = Text(ref r); break;
            case "total": error = Decimal(ref r, out d); p.Total = d; break;
            case "available": error = Decimal(ref r, out d); p.Available = d; break;
            case "frozen": error = Decimal(ref r, out d); p.Frozen = d; break;
            case "marginSize": error = Decimal(ref r, out d); p.MarginSize = d; break;
            case "openPriceAvg": error = Decimal(ref r, out d); p.OpenPriceAvg = d; break;
            case "closePriceAvg": error = Decimal(ref r, out d); p.ClosePriceAvg = d; break;
            case "openSize": error = Decimal(ref r, out d); p.OpenSize = d; break;
            case "closeSize": error = Decimal(ref r, out d); p.CloseSize = d; break;
            case "leverage": error = Decimal(ref r, out d); p.Leverage = d; break;
            case "achievedProfits": error = Decimal(ref r, out d); p.AchievedProfits = d; break;
            case "unrealizedPL": error = Decimal(ref r, out d); p.UnrealizedPL = d; break;
            case "unrealizedPLR": error = Decimal(ref r, out d); p.UnrealizedPLR = d; break;
            case "liquidationPrice": error = Decimal(ref r, out d); p.LiquidationPrice = d; break;
            case "keepMarginRate": error = Decimal(ref r, out d); p.KeepMarginRate = d; break;
            case "marginRate": error = Decimal(ref r, out d); p.MarginRate = d; break;
            case "breakEvenPrice": error = Decimal(ref r, out d); p.BreakEvenPrice = d; break;
            case "markPrice": error = Decimal(ref r, out d); p.MarkPrice = d; break;
            case "totalFee": error = Decimal(ref r, out d); p.TotalFee = d; break;
            case "settleFee": error = Decimal(ref r, out d); p.SettleFee = d; break;
            case "openFee": error = Decimal(ref r, out d); p.OpenFee = d; break;
            case "closeFee": error = Decimal(ref r, out d); p.CloseFee = d; break;
            case "deductedFee": error = Decimal(ref r, out d); p.DeductedFee = d; break;
            case "assetMode": p.AssetMode = Text(ref r); break;
            case "autoMargin": p.AutoMargin = Text(ref r); break;
            case "cTime": error = Time(ref r, out t); p.CreatedAt = t; break;
            case "uTime": error = Time(ref r, out t); p.UpdatedAt = t; break;
            default: r.Skip(); break;
        }
        return error;
    }
}
