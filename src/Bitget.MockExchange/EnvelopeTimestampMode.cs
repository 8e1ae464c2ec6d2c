namespace Bitget.MockExchange;

/// <summary>What the mock writes as the <c>ts</c> of a push's envelope (the outer object, next to <c>data</c>).</summary>
public enum EnvelopeTimestampMode
{
    /// <summary>
    /// The moment of sending, as on the real exchange: later than the data's own <c>ts</c> and new on every push of a topic
    /// (a repeated push gets a new one too), so a client that keys anything on the envelope sees it change.
    /// </summary>
    SendTime,

    /// <summary>Equal to the data's <c>ts</c> (the mock's first behaviour; hides bugs that confuse the two).</summary>
    SameAsData,
}
