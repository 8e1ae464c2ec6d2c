using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Completion;

/// <summary>
/// The symbols -Symbol completion offers when no session has used any yet: the most traded of each product type.
/// A suggestion list only; any symbol Bitget lists is accepted.
/// </summary>
internal static class CommonSymbols
{
    private static readonly string[] s_usdt =
    [
        "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "BNBUSDT", "ADAUSDT", "TRXUSDT", "LINKUSDT", "AVAXUSDT",
        "LTCUSDT", "DOTUSDT", "BCHUSDT", "TONUSDT", "SUIUSDT", "NEARUSDT", "APTUSDT", "ARBUSDT", "OPUSDT", "PEPEUSDT",
    ];

    private static readonly string[] s_coin = ["BTCUSD", "ETHUSD", "XRPUSD", "SOLUSD", "LTCUSD", "ADAUSD", "DOGEUSD"];

    private static readonly string[] s_usdc = ["BTCPERP", "ETHPERP", "SOLPERP", "XRPPERP", "DOGEPERP"];

    private static readonly string[] s_demoUsdt = ["SBTCSUSDT", "SETHSUSDT", "SXRPSUSDT", "SEOSSUSDT"];

    private static readonly string[] s_demoCoin = ["SBTCSUSD", "SETHSUSD"];

    private static readonly string[] s_demoUsdc = ["SBTCSPERP", "SETHSPERP"];

    /// <summary>The common symbols of a v2 product type (USDT-FUTURES and SPOT share theirs).</summary>
    public static IReadOnlyList<string> For(string instType) => instType switch
    {
        BitgetInstTypes.CoinFutures => s_coin,
        BitgetInstTypes.UsdcFutures => s_usdc,
        BitgetInstTypes.DemoUsdtFutures => s_demoUsdt,
        BitgetInstTypes.DemoCoinFutures => s_demoCoin,
        BitgetInstTypes.DemoUsdcFutures => s_demoUsdc,
        _ => s_usdt,
    };
}
