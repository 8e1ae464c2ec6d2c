using System.Text;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Transport;

/// <summary>
/// The status line and headers of an HTTP/1.1 response (a proxy's answer to CONNECT, a server's answer to the
/// WebSocket upgrade). Read one byte at a time from a buffered stream, so that nothing past the blank line is
/// consumed: bytes the server sent right behind the headers (the first WebSocket frames) stay in the stream's buffer.
/// </summary>
internal sealed class HttpResponseHead
{
    /// <summary>The most bytes a response head may have.</summary>
    public const int MaxBytes = 16 * 1024;

    private HttpResponseHead(int status, string reason, Dictionary<string, string> headers)
    {
        Status = status;
        Reason = reason;
        Headers = headers;
    }

    /// <summary>The status code.</summary>
    public int Status { get; }

    /// <summary>The reason phrase.</summary>
    public string Reason { get; }

    /// <summary>Headers by name (case-insensitive); repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The value of a header, or null.</summary>
    public string? this[string name] => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads a response head; throws <see cref="IOException"/> on a closed stream or a malformed head.</summary>
    /// <param name="stream">A buffered stream (a byte read must be cheap).</param>
    /// <param name="what">What answers, for messages ("the proxy", "the server").</param>
    public static HttpResponseHead Read(System.IO.Stream stream, string what)
    {
        var bytes = new List<byte>(512);
        // Ends at CRLF CRLF; a bare LF LF is accepted as well (RFC 9112 lets a recipient do so).
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
                throw new IOException(bytes.Count == 0
                    ? $"{Capitalise(what)} closed the connection without answering."
                    : $"{Capitalise(what)} closed the connection in the middle of its response headers.");
            bytes.Add((byte)b);
            var n = bytes.Count;
            if (b == '\n' && ((n >= 2 && bytes[n - 2] == '\n') || (n >= 4 && bytes[n - 2] == '\r' && bytes[n - 3] == '\n' && bytes[n - 4] == '\r')))
                break;
            if (n > MaxBytes)
                throw new IOException($"{Capitalise(what)} sent more than {MaxBytes / 1024} KiB of response headers.");
        }

        var text = Encoding.Latin1.GetString(bytes.ToArray());
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var statusLine = lines[0];
        // "HTTP/1.1 101 Switching Protocols"
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1].Length != 3
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
            throw new IOException($"{Capitalise(what)} did not answer with HTTP/1.x: '{Excerpt(statusLine)}'.");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
                throw new IOException($"{Capitalise(what)} sent a malformed header line: '{Excerpt(line)}'.");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }
        return new HttpResponseHead(status, parts.Length > 2 ? parts[2] : "", headers);
    }

    /// <summary>Whether a comma-separated header holds <paramref name="token"/> (case-insensitive).</summary>
    public bool HasToken(string name, string token) =>
        this[name] is { } value && value.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Excerpt(string s) => ServerText.Escape(s, 120);
}
