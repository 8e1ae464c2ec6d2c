using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>Bitget v2 WebSocket error codes, their meaning, and what a user should do about them.</summary>
public static class BitgetErrorCodes
{
    /// <summary>Channel or symbol does not exist.</summary>
    public const int ChannelDoesNotExist = 30001;
    /// <summary>Illegal request.</summary>
    public const int IllegalRequest = 30002;
    /// <summary>Invalid op.</summary>
    public const int InvalidOp = 30003;
    /// <summary>Too many requests.</summary>
    public const int TooManyRequests = 30006;
    /// <summary>Request over limit; the server closes the connection.</summary>
    public const int OverLimit = 30007;
    /// <summary>Parameter error (bad instType, suffixed symbol, unsupported channel).</summary>
    public const int ParamError = 30016;
    /// <summary>Service upgrade: the server disconnects in about a minute.</summary>
    public const int ServiceUpgrade = 30033;

    /// <summary>The documented meaning of a code, or null when unknown.</summary>
    public static string? Describe(int code) => code switch
    {
        30001 => "Channel does not exist",
        30002 => "Illegal request",
        30003 => "Invalid op",
        30004 => "User needs to log in",
        30005 => "Login failed",
        30006 => "Too many requests",
        30007 => "Request over limit; connection closed",
        30011 => "Invalid ACCESS_KEY",
        30012 => "Invalid ACCESS_PASSPHRASE",
        30013 => "Invalid ACCESS_TIMESTAMP",
        30014 => "Request timestamp expired",
        30015 => "Invalid signature",
        30016 => "Param error",
        30033 => "Service upgrade; the server disconnects shortly",
        _ => null,
    };

    /// <summary>
    /// A hint for the user, given the code and the rejected instType / symbol when the server echoed them (shown
    /// escaped: they are the server's text).
    /// </summary>
    public static string Hint(int code, string? instType, string? instId) => Hint(code, instType, null, instId);

    /// <summary>
    /// A hint for the user, given the code and the rejected instType, channel and symbol when the server echoed them: a
    /// 30001 on a channel the module does not know names the channel rather than the symbol.
    /// </summary>
    public static string Hint(int code, string? instType, string? channel, string? instId)
    {
        var shownType = ServerText.Escape(instType);
        var shownId = ServerText.Escape(instId);
        switch (code)
        {
            case 30001 when channel is not null && !IsKnownChannel(channel):
                return $"Check the channel '{ServerText.Escape(channel)}': Bitget's public channels are ticker, trade, books, books1, books5, "
                    + "books15 (books50 on Unified), candle<interval> (candle1m, candle1H, candle1Dutc, ...) and index-price; press Tab after -Channel to pick one.";
            case 30001:
                return instId is null
                    ? "Check the channel name."
                    : $"Check that '{shownId}' is listed under {shownType ?? "that instType"} (spot and futures symbols differ: BTCUSDT, BTCUSD on COIN-FUTURES, BTCPERP on USDC-FUTURES).";
            case 30016:
                if (instType is not null && BitgetInstTypes.IsLegacy(instType))
                {
                    var v2 = BitgetInstTypes.Normalize(instType, out _);
                    return $"\"{shownType}\" is a v1 name; use {v2}.";
                }
                if (instId is not null && instId.Contains('_'))
                    return $"'{shownId}' carries a v1 suffix; use '{ServerText.Escape(instId[..instId.IndexOf('_')])}'.";
                return "Bitget refused a parameter: check instType, channel and symbol spelling (v2 names).";
            case 30006:
            case 30007:
                return "Bitget allows 10 messages a second per connection; the session paces its requests and reconnects.";
            case 30033:
                return "Bitget is about to restart this server; the session reconnects by itself.";
            default:
                return "See Bitget's WebSocket error codes.";
        }
    }

    // The channels the module subscribes itself, in either API's spelling: a refusal on one of them is about the symbol.
    private static bool IsKnownChannel(string channel) =>
        channel is BitgetChannelNames.Ticker or BitgetChannelNames.Trade or BitgetChannelNames.Liquidation or "publicTrade" or "kline" or "auction"
        || BitgetChannelNames.IsOrderBook(channel) || BitgetChannelNames.IsCandle(channel) || BitgetChannelNames.IsMargin(channel)
        || BitgetChannelNames.IsPrivate(channel);
}
