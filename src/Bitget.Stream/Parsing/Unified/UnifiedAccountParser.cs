using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.Unified.UnifiedFieldReader;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>account</c> push into <see cref="BitgetAccount"/> objects from the UTF-8 bytes
/// (spec §3.2). A push holds one account: its totals (<c>totalEquity</c>, <c>effEquity</c>, <c>mmr</c>, <c>imr</c>,
/// <c>mgnRatio</c>, <c>positionMgnRatio</c>, <c>unrealisedPnL</c>) and a <c>coin</c> list; each coin becomes one object
/// that carries the account's totals too, so that one object says all a script needs and a pipeline sees one row per coin
/// as on v2. The totals may come before or after the list. <c>""</c> is null; a malformed value leaves its property null
/// and is named in <c>badFields</c>.
/// </summary>
public static class UnifiedAccountParser
{
    /// <summary>Parses the array the reader stands on; returns why it is structurally malformed, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (<c>UTA</c>: one account for every product).</param>
    /// <param name="receivedAt">Receipt time stamped on every coin.</param>
    /// <param name="output">Receives one object per coin.</param>
    /// <param name="badFields">Receives <c>"account {field}"</c> or <c>"account coin {field}"</c> for each malformed field; may be null.</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, DateTimeOffset receivedAt, List<BitgetAccount> output,
        MalformedFields? badFields = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "account data is not an array";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "account data item is not an object";
            var first = output.Count;
            var totals = new BitgetAccount();
            var sawCoins = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (name == "coin")
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                        return "account coin list is not an array";
                    sawCoins = true;
                    if (ReadItems(ref reader, "account coin", objectToo: false,
                            () => new BitgetAccount { InstType = instType, ReceivedAt = receivedAt },
                            SetCoin, a => Symbol("account coin", "coin", a.Coin), output, badFields) is { } error)
                        return error;
                }
                else if (!SetTotal(totals, name, ref reader))
                    badFields?.Add($"account {name}");
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated account";
            if (!sawCoins)
                return "account without coin list";
            for (var i = first; i < output.Count; i++)
                CopyTotals(totals, output[i]);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated account data";
    }

    private static bool SetTotal(BitgetAccount a, string name, ref Utf8JsonReader r)
    {
        bool ok;
        decimal? d;
        switch (name)
        {
            case "totalEquity": ok = Decimal(ref r, out d); a.TotalEquity = d; break;
            case "effEquity": ok = Decimal(ref r, out d); a.EffectiveEquity = d; break;
            case "mmr": ok = Decimal(ref r, out d); a.MaintenanceMargin = d; break;
            case "imr": ok = Decimal(ref r, out d); a.InitialMargin = d; break;
            case "mgnRatio": ok = Decimal(ref r, out d); a.MarginRatio = d; break;
            case "positionMgnRatio": ok = Decimal(ref r, out d); a.PositionMarginRatio = d; break;
            case "unrealisedPnL": // the sample's spelling
            case "unrealisedPnl": // the table's
                ok = Decimal(ref r, out d); a.TotalUnrealizedPL = d; break;
            default: r.Skip(); ok = true; break;
        }
        return ok;
    }

    private static void CopyTotals(BitgetAccount from, BitgetAccount to)
    {
        to.TotalEquity = from.TotalEquity;
        to.EffectiveEquity = from.EffectiveEquity;
        to.MaintenanceMargin = from.MaintenanceMargin;
        to.InitialMargin = from.InitialMargin;
        to.MarginRatio = from.MarginRatio;
        to.PositionMarginRatio = from.PositionMarginRatio;
        to.TotalUnrealizedPL = from.TotalUnrealizedPL;
    }

    private static bool SetCoin(BitgetAccount a, string name, ref Utf8JsonReader r)
    {
        bool ok;
        decimal? d;
        switch (name)
        {
            case "coin": ok = Text(ref r, out var coin); a.Coin = coin ?? ""; break;
            case "balance": ok = Decimal(ref r, out d); a.Balance = d; break;
            case "available": ok = Decimal(ref r, out d); a.Available = d; break;
            case "locked": ok = Decimal(ref r, out d); a.Locked = d; break;
            case "equity": ok = Decimal(ref r, out d); a.Equity = d; break;
            case "usdValue": ok = Decimal(ref r, out d); a.UsdValue = d; break;
            case "borrow": ok = Decimal(ref r, out d); a.Borrow = d; break;
            case "debts": ok = Decimal(ref r, out d); a.Debts = d; break;
            case "bonus": ok = Decimal(ref r, out d); a.Bonus = d; break;
            default: r.Skip(); ok = true; break;
        }
        return ok;
    }
}
