using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.PrivateFieldReader;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of an <c>account</c> push into <see cref="BitgetAccount"/> objects from the UTF-8 bytes:
/// spot balances (<c>coin</c>) and futures margin coins (<c>marginCoin</c>, equity, risk).
/// </summary>
public static class AccountParser
{
    /// <summary>Parses the array the reader stands on; returns why it is unusable, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="receivedAt">Receipt time stamped on every balance.</param>
    /// <param name="output">Receives the balances.</param>
    /// <param name="malformed">Notes each known field whose value was malformed; the event is kept with it empty
    /// (null: not noted).</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, DateTimeOffset receivedAt, List<BitgetAccount> output, MalformedFields? malformed = null) =>
        ReadArray(ref reader, "account",
            () => new BitgetAccount { InstType = instType, ReceivedAt = receivedAt },
            Set, a => a.Coin.Length == 0 ? "account without coin" : SymbolProblem("account", "coin", a.Coin, null), output, malformed);

    private static string? Set(BitgetAccount a, string name, ref Utf8JsonReader r)
    {
        decimal? d;
        string? error = null;
        switch (name)
        {
            case "coin":
            case "marginCoin": a.Coin = Text(ref r) ?? ""; break;
            case "available": error = Decimal(ref r, out d); a.Available = d; break;
            case "frozen": error = Decimal(ref r, out d); a.Frozen = d; break;
            case "locked": error = Decimal(ref r, out d); a.Locked = d; break;
            case "limitAvailable": error = Decimal(ref r, out d); a.LimitAvailable = d; break;
            case "equity": error = Decimal(ref r, out d); a.Equity = d; break;
            case "usdtEquity": error = Decimal(ref r, out d); a.UsdtEquity = d; break;
            case "maxOpenPosAvailable": error = Decimal(ref r, out d); a.MaxOpenPosAvailable = d; break;
            case "maxTransferOut": error = Decimal(ref r, out d); a.MaxTransferOut = d; break;
            case "crossedRiskRate": error = Decimal(ref r, out d); a.CrossedRiskRate = d; break;
            case "unrealizedPL": error = Decimal(ref r, out d); a.UnrealizedPL = d; break;
            case "unionTotalMargin": error = Decimal(ref r, out d); a.UnionTotalMargin = d; break;
            case "unionAvailable": error = Decimal(ref r, out d); a.UnionAvailable = d; break;
            case "unionMm": error = Decimal(ref r, out d); a.UnionMm = d; break;
            case "assetsMode": a.AssetsMode = Text(ref r); break;
            case "uTime": error = Time(ref r, out var t); a.UpdatedAt = t; break;
            default: r.Skip(); break;
        }
        return error;
    }
}
