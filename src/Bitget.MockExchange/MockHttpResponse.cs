using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>An HTTP answer of the mock's loopback server: a status and an optional JSON body.</summary>
/// <param name="Status">The HTTP status, e.g. 200.</param>
/// <param name="Body">The body, sent as <c>application/json</c>; null for none.</param>
internal sealed record MockHttpResponse(int Status, string? Body = null)
{
    /// <summary>Writes the response (with <c>Content-Length</c>, so a keep-alive client knows where it ends).</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="close">Adds <c>Connection: close</c> (the server closes the connection after it).</param>
    /// <param name="ct">Cancels the write.</param>
    public async Task WriteAsync(Stream stream, bool close, CancellationToken ct)
    {
        var body = Body is null ? [] : Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {Status} {Reason(Status)}\r\n")
            .Append(Body is null ? string.Empty : "Content-Type: application/json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append(close ? "Connection: close\r\n" : string.Empty)
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct).ConfigureAwait(false);
        await stream.WriteAsync(body, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
