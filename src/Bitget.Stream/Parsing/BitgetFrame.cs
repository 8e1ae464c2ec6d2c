namespace Bitget.Stream.Parsing;

/// <summary>
/// The envelope of one received frame: what it is and which topic it belongs to. Strings are shared
/// instances (known names and the symbol table), so reading an envelope allocates nothing for ordinary pushes.
/// </summary>
public struct BitgetFrame
{
    /// <summary>What the frame is.</summary>
    public BitgetFrameKind Kind;
    /// <summary>The API the frame was read as: a family's data reader reads that API's fields.</summary>
    public Protocol.BitgetApi Api;
    /// <summary>For <see cref="BitgetFrameKind.Invalid"/>: why.</summary>
    public string? InvalidReason;
    /// <summary><c>arg.instType</c>, mapped to its v2 spelling.</summary>
    public string? InstType;
    /// <summary><c>arg.channel</c>.</summary>
    public string? Channel;
    /// <summary><c>arg.instId</c>.</summary>
    public string? InstId;
    /// <summary><c>action</c>: snapshot or update.</summary>
    public string? Action;
    /// <summary><c>event</c>.</summary>
    public string? Event;
    /// <summary><c>code</c> of an event, accepted as a number or a string.</summary>
    public int? Code;
    /// <summary><c>msg</c> of an event.</summary>
    public string? Message;
    /// <summary><c>op</c> echoed by error events.</summary>
    public string? Op;
    /// <summary>The envelope's <c>ts</c> (ms since the epoch).</summary>
    public long? Timestamp;
    /// <summary>Where the <c>data</c> array starts in the frame's bytes (its <c>[</c>); 0 when there is none.</summary>
    public int DataStart;
    /// <summary>The length in bytes of the <c>data</c> array; 0 when there is none.</summary>
    public int DataLength;
    /// <summary>Number of data items (tickers, candles or books) parsed into the caller's list.</summary>
    public int ItemCount;
    /// <summary>
    /// Malformed values of known fields that were left empty in the frame's items (and envelope), which were kept;
    /// which fields: <see cref="BitgetFrameParser.MalformedFields"/>. 0 for an invalid frame.
    /// </summary>
    public int BadFields;
}
