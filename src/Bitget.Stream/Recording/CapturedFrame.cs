namespace Bitget.Stream.Recording;

/// <summary>One frame read from a capture: its recorded receipt time and its bytes (valid until the next frame is read).</summary>
internal readonly record struct CapturedFrame(DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Frame);
