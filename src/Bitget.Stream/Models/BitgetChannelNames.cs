namespace Bitget.Stream.Models;

/// <summary>Channel names of the Bitget v2 public socket that the module knows.</summary>
public static class BitgetChannelNames
{
    /// <summary>The 24-hour ticker channel.</summary>
    public const string Ticker = "ticker";
}
