using System.Text;

namespace Bitget.Stream.Protocol;

/// <summary>
/// What a symbol (or coin) that a server sends must look like before an item is named by it: 1 to
/// <see cref="MaxLength"/> ASCII letters and digits, with <c>_</c> after the first character (v3 coin-M
/// <c>BTCUSD_CM</c>, v1 <c>BTCUSDT_UMCBL</c>). Every Bitget symbol, coin and the private channels'
/// <c>default</c> fit; nothing that a spreadsheet reads as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>), no
/// space, quote, comma, separator or line break does, so a recorded symbol needs no quoting to be safe.
/// </summary>
public static class BitgetSymbolRule
{
    /// <summary>The longest symbol accepted; Bitget's are well under this.</summary>
    public const int MaxLength = 40;

    /// <summary>Whether the UTF-8 bytes are a symbol by this rule.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > MaxLength || !IsLetterOrDigit(utf8[0]))
            return false;
        for (var i = 1; i < utf8.Length; i++)
        {
            if (!IsLetterOrDigit(utf8[i]) && utf8[i] != (byte)'_')
                return false;
        }
        return true;
    }

    /// <summary>Whether the text is a symbol by this rule.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > MaxLength || !char.IsAsciiLetterOrDigit(text[0]))
            return false;
        for (var i = 1; i < text.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] != '_')
                return false;
        }
        return true;
    }

    /// <summary>
    /// The text quoted for a message: printable ASCII kept, anything else as <c>\uXXXX</c>, cut after
    /// <see cref="MaxLength"/> characters. A rejected symbol can be shown without its control characters reaching a console.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var shown = text.Length > MaxLength ? text[..MaxLength] : text;
        var sb = new StringBuilder(shown.Length + 8).Append('\'');
        foreach (var c in shown)
        {
            if (c is >= ' ' and <= '~')
                sb.Append(c);
            else
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        sb.Append('\'');
        if (text.Length > MaxLength)
            sb.Append($"… ({text.Length} characters)");
        return sb.ToString();
    }

    private static bool IsLetterOrDigit(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}
