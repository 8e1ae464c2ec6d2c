namespace Bitget.Stream.Models;

/// <summary>
/// One subscribable topic: Bitget v2 identifies a stream by instType, channel and instId.
/// </summary>
/// <param name="InstType">Product type in its v2 spelling, e.g. <c>USDT-FUTURES</c>.</param>
/// <param name="Channel">Channel name, e.g. <c>ticker</c>.</param>
/// <param name="InstId">Symbol, e.g. <c>BTCUSDT</c>, or <c>default</c> for account-wide channels.</param>
public readonly record struct BitgetTopic(string InstType, string Channel, string InstId)
{
    /// <summary>A ticker topic.</summary>
    public static BitgetTopic Ticker(string instType, string symbol) => new(instType, BitgetChannelNames.Ticker, symbol);

    /// <summary>
    /// The topic as <c>INSTTYPE/channel/instId</c>, the form used in messages and error targets; a topic a server named
    /// may hold anything, so control characters are escaped (<see cref="Protocol.ServerText"/>).
    /// </summary>
    public override string ToString() => Protocol.ServerText.Escape($"{InstType}/{Channel}/{InstId}");
}
