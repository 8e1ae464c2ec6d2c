namespace Bitget.Stream.Parsing;

/// <summary>Finds the <see cref="IPushReader"/> for a channel named in a push's envelope.</summary>
internal interface IPushReaderSource
{
    /// <summary>The reader for the channel, or null when no family handles it (the data is skipped).</summary>
    IPushReader? ReaderFor(string channel);
}
