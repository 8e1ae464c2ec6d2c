namespace Bitget.Stream.Rest;

/// <summary>Which of Bitget's account modes an API key belongs to, and so which API it works with.</summary>
public enum BitgetAccountMode
{
    /// <summary>A Classic account: the v2 API (<c>/v2/ws/…</c>).</summary>
    Classic,

    /// <summary>A Unified Trading Account (UTA): the v3 API (<c>/v3/ws/…</c>).</summary>
    Unified,
}
