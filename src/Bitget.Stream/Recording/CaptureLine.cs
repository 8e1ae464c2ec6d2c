using System.Globalization;
using System.Text.Json;

namespace Bitget.Stream.Recording;

/// <summary>One line of a <see cref="FrameCapture"/> file, <c>{"receivedAt":"…","frame":"…"}</c>, read from its UTF-8 bytes.</summary>
internal static class CaptureLine
{
    /// <summary>
    /// Reads a line (without its newline) into its receipt time and the frame's bytes, which go to
    /// <paramref name="frame"/> (grown when too small). False when the line is not a recorded frame.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, ref byte[] frame, out DateTimeOffset receivedAt, out int frameLength)
    {
        receivedAt = default;
        frameLength = 0;
        if (line.StartsWith("\uFEFF"u8))
            line = line[3..]; // a byte order mark an editor left at the start of the file
        var haveTime = false;
        var haveFrame = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("receivedAt"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String
                        || !DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out receivedAt))
                        return false;
                    haveTime = true;
                }
                else if (reader.ValueTextEquals("frame"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                        return false;
                    // Unescaped text is never longer than its escaped form.
                    if (frame.Length < reader.ValueSpan.Length)
                        frame = new byte[Math.Max(reader.ValueSpan.Length, frame.Length * 2)];
                    frameLength = reader.CopyString(frame);
                    haveFrame = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                return false;
            return haveTime && haveFrame;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that does not unescape (a lone surrogate): not a recorded frame.
            return false;
        }
    }
}
