using System.Text.Json;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of one channel family's pushes into items it keeps until the frame is delivered or
/// discarded. One per connection and family, used only on that connection's receive thread.
/// </summary>
internal interface IPushReader
{
    /// <summary>
    /// Reads the data array (the reader is on its <c>[</c>); returns why the data is unusable, or null. Malformed values
    /// of known fields are noted in <paramref name="malformed"/> and left empty in items that are kept.
    /// </summary>
    string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt, MalformedFields malformed);

    /// <summary>Once the whole envelope is read: fills in what items take from it; returns an error, or null.</summary>
    string? Complete(ref readonly BitgetFrame frame);

    /// <summary>Forgets what was read (the frame turned out invalid).</summary>
    void Discard();
}
