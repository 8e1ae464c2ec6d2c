namespace Bitget.Stream.Models;

/// <summary>
/// One entry of a v3 (Unified) order's or fill's <c>feeDetail</c> list: a fee in one coin, exactly as sent
/// (v3: positive = paid by the user, negative = a rebate).
/// </summary>
public sealed class BitgetFeeDetail
{
    /// <summary>The fee's coin (<c>feeCoin</c>).</summary>
    public string? Coin { get; set; }

    /// <summary>The fee in that coin (<c>fee</c>); null when not sent.</summary>
    public decimal? Fee { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Fee} {Coin}";
}
