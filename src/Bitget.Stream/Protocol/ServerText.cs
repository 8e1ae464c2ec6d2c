using System.Buffers;
using System.Globalization;
using System.Text;

namespace Bitget.Stream.Protocol;

/// <summary>
/// Makes text that came from a server (or from a recording of one) safe to show in a message: every character a
/// terminal or a text view could act on instead of showing is written as an escape, and the result is capped in length
/// with a visible marker, <c>…(N more chars)</c>. For what is shown only (warnings, errors, verbose lines,
/// <c>ToString()</c>): data objects keep the server's text exactly as it came.
/// </summary>
/// <remarks>
/// <para>Escaped as <c>\uXXXX</c> (<c>\UXXXXXXXX</c> above U+FFFF), lower-case hex:</para>
/// <list type="bullet">
/// <item>control characters (Unicode category Cc): C0 (U+0000–U+001F: ESC, BEL, CR, LF, TAB…), DEL (U+007F) and C1
/// (U+0080–U+009F; U+009B is CSI, a one-character <c>ESC [</c>), which start escape sequences or move the cursor;</item>
/// <item>format characters (Cf): the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that
/// make a text read other than it is, and the invisible ones (zero-width U+200B–U+200D, U+2060, U+FEFF, tags);</item>
/// <item>the line and paragraph separators U+2028 and U+2029, which views break lines at;</item>
/// <item>unassigned code points (a later Unicode version may make them any of the above) and lone surrogates (not
/// text: an encoder would replace them or fail).</item>
/// </list>
/// <para>Everything else stays as it is: letters, digits, punctuation, symbols, spaces, emoji. A backslash is not
/// doubled: the result is for reading, not for decoding.</para>
/// <para>Bytes (<see cref="EscapeUtf8"/>): valid UTF-8 is decoded and escaped as above; each byte that is not part of a
/// valid sequence is written as <c>\xNN</c>, so a binary frame shows its bytes rather than replacement characters.</para>
/// <para>The cap counts what is shown: escapes count with their length, and one that would go past the cap is left out
/// whole, as is a surrogate pair; the marker then counts what was left out, in characters (or bytes) of the input.</para>
/// </remarks>
public static class ServerText
{
    /// <summary>The cap used when none is given: enough for any message Bitget sends.</summary>
    public const int DefaultMaxLength = 300;

    /// <summary>Escapes <paramref name="text"/> and caps it at <paramref name="maxLength"/> characters (plus the marker).</summary>
    /// <returns>The text itself when it has nothing to escape and fits; null for null.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 1.</exception>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text is null)
            return null;
        return text.Length <= maxLength && IsShowable(text) ? text : Escape(text.AsSpan(), maxLength);
    }

    /// <summary>Escapes <paramref name="text"/> and caps it at <paramref name="maxLength"/> characters (plus the marker).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 1.</exception>
    public static string Escape(ReadOnlySpan<char> text, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var shown = new StringBuilder(Math.Min(text.Length, maxLength) + 24);
        var i = 0;
        while (i < text.Length)
        {
            int units;
            string? escape = null;
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out units) != OperationStatus.Done)
            {
                // A lone surrogate (or a high one at the very end).
                escape = Hex4(text[i]);
                units = 1;
            }
            else if (MustEscape(rune))
                escape = EscapeOf(rune);
            if (shown.Length + (escape?.Length ?? units) > maxLength)
                break;
            if (escape is null)
                shown.Append(text.Slice(i, units));
            else
                shown.Append(escape);
            i += units;
        }
        return i < text.Length ? shown.Append(Marker(text.Length - i, "chars")).ToString() : shown.ToString();
    }

    /// <summary>
    /// Shows UTF-8 bytes (a frame, text or binary) as text: escaped as <see cref="Escape(ReadOnlySpan{char}, int)"/> does,
    /// bytes that are not valid UTF-8 as <c>\xNN</c>, capped at <paramref name="maxLength"/> characters with
    /// <c>…(N more bytes)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 1.</exception>
    public static string EscapeUtf8(ReadOnlySpan<byte> utf8, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var shown = new StringBuilder(Math.Min(utf8.Length, maxLength) + 24);
        Span<char> pair = stackalloc char[2];
        var i = 0;
        while (i < utf8.Length)
        {
            string? escape = null;
            var chars = 0;
            if (Rune.DecodeFromUtf8(utf8[i..], out var rune, out var units) != OperationStatus.Done)
            {
                // Not UTF-8 (or a sequence cut off at the end): byte by byte, the next one may start a valid sequence.
                escape = "\\x" + utf8[i].ToString("x2", CultureInfo.InvariantCulture);
                units = 1;
            }
            else if (MustEscape(rune))
                escape = EscapeOf(rune);
            else
                chars = rune.EncodeToUtf16(pair);
            if (shown.Length + (escape?.Length ?? chars) > maxLength)
                break;
            if (escape is null)
                shown.Append(pair[..chars]);
            else
                shown.Append(escape);
            i += units;
        }
        return i < utf8.Length ? shown.Append(Marker(utf8.Length - i, "bytes")).ToString() : shown.ToString();
    }

    /// <summary>Whether <paramref name="rune"/> is written as an escape (see the remarks of <see cref="ServerText"/>).</summary>
    public static bool MustEscape(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned;

    // The common case, checked without building anything: plain text is returned as it is.
    private static bool IsShowable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Printable ASCII needs no lookup.
            if (c is >= ' ' and < '\u007f')
                continue;
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var units) != OperationStatus.Done || MustEscape(rune))
                return false;
            i += units - 1;
        }
        return true;
    }

    private static string EscapeOf(Rune rune) => rune.IsBmp ? Hex4((char)rune.Value) : "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture);

    private static string Hex4(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    private static string Marker(int left, string unit) => string.Create(CultureInfo.InvariantCulture, $"…({left} more {unit})");
}
