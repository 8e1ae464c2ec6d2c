namespace Bitget.MockExchange;

/// <summary>Which of Bitget's account modes a mock API key belongs to: what the REST endpoints answer for it.</summary>
public enum MockAccountMode
{
    /// <summary>A Classic account: v2 REST works; <c>/api/v3/…</c> answers 40084.</summary>
    Classic,

    /// <summary>A Unified Trading Account: v3 REST works; v2 REST answers 40085.</summary>
    Unified,
}
