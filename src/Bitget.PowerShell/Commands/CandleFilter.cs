using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>Which candles a command writes: -ClosedOnly keeps each candle's closed copy only; history needs -IncludeHistory.</summary>
internal static class CandleFilter
{
    public static Func<BitgetCandle, bool> Create(bool closedOnly, bool includeHistory) =>
        candle => (!closedOnly || candle.IsClosed) && (includeHistory || !candle.IsHistory);
}
