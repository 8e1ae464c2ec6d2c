using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// One HTTP/1.1 request as the mock's own loopback server read it: the request line, the headers and a
/// <c>Content-Length</c> body. Enough for the REST calls, the control endpoints and the WebSocket upgrade; nothing more.
/// </summary>
internal sealed class MockHttpRequest
{
    private const int MaxHeadBytes = 32 * 1024;
    private const int MaxBodyBytes = 1 << 20;

    private MockHttpRequest(string method, string path, string queryString, Dictionary<string, string> headers)
    {
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Query = ParseQuery(queryString);
    }

    /// <summary>GET, POST, …</summary>
    public string Method { get; }

    /// <summary>The path, percent-decoding left to the handlers (the mock's paths are plain ASCII).</summary>
    public string Path { get; }

    /// <summary>The query string with its <c>?</c>, or empty.</summary>
    public string QueryString { get; }

    /// <summary>Every header by name (case-insensitive); repeated headers comma-joined.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The decoded query (names case-insensitive, repeated names comma-joined, <c>+</c> = space), as ASP.NET Core reads it.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The body as UTF-8 text (empty for none).</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>Whether this is a WebSocket upgrade request (RFC 6455 section 4.2.1: GET, <c>Upgrade: websocket</c>, <c>Connection: Upgrade</c>, a key).</summary>
    public bool IsWebSocketRequest =>
        Method == "GET"
        && Headers.TryGetValue("Upgrade", out var upgrade) && upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase)
        && Headers.TryGetValue("Connection", out var connection)
        && connection.Split(',', StringSplitOptions.TrimEntries).Any(t => t.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
        && Headers.ContainsKey("Sec-WebSocket-Key");

    /// <summary>Whether the client asked to close the connection after this request (<c>Connection: close</c>).</summary>
    public bool WantsClose =>
        Headers.TryGetValue("Connection", out var c)
        && c.Split(',', StringSplitOptions.TrimEntries).Any(t => t.Equals("close", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads one request from <paramref name="stream"/>: null when the client closed the connection before a new request
    /// began. The head is read a byte at a time so that nothing after it (a WebSocket frame) is taken from the stream.
    /// </summary>
    /// <exception cref="InvalidDataException">The request is malformed or too large (the server answers 400 and closes).</exception>
    public static async Task<MockHttpRequest?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var head = new List<byte>(512);
        var one = new byte[1];
        while (true)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(one, ct).ConfigureAwait(false);
            }
            catch (IOException) when (head.Count == 0)
            {
                return null; // the client dropped an idle keep-alive connection
            }

            if (n == 0)
            {
                return head.Count == 0 ? null : throw new InvalidDataException("the connection closed inside the request head");
            }

            head.Add(one[0]);
            var c = head.Count;
            if (c >= 4 && head[c - 4] == '\r' && head[c - 3] == '\n' && head[c - 2] == '\r' && head[c - 1] == '\n')
            {
                break;
            }

            if (c > MaxHeadBytes)
            {
                throw new InvalidDataException("request head over 32 KiB");
            }
        }

        var lines = Encoding.ASCII.GetString(head.ToArray(), 0, head.Count - 4).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException("not an HTTP/1.x request line");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0)
            {
                throw new InvalidDataException("malformed header line");
            }

            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }

        var target = requestLine[1];
        var q = target.IndexOf('?');
        var request = new MockHttpRequest(requestLine[0], q < 0 ? target : target[..q], q < 0 ? string.Empty : target[q..], headers);
        if (headers.ContainsKey("Transfer-Encoding"))
        {
            throw new InvalidDataException("chunked request bodies are not supported (send Content-Length)");
        }

        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxBodyBytes)
            {
                throw new InvalidDataException("bad or too large Content-Length");
            }

            var body = new byte[length];
            await stream.ReadExactlyAsync(body, ct).ConfigureAwait(false);
            request.Body = Encoding.UTF8.GetString(body);
        }

        return request;
    }

    private static Dictionary<string, string> ParseQuery(string queryString)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            query[name] = query.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }

        return query;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
