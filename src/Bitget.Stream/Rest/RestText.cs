using System.Globalization;
using System.Text;

namespace Bitget.Stream.Rest;

/// <summary>
/// Server text made safe to show: control characters (C0, DEL, C1), format characters (bidi overrides, zero-width) and
/// line/paragraph separators written as <c>\uXXXX</c>, broken surrogates likewise, and the length capped, so that an answer
/// cannot move the cursor, clear the screen, set the window title or flood a message.
/// </summary>
internal static class RestText
{
    /// <summary>The most characters of server text a message shows.</summary>
    public const int MaxLength = 300;

    public static string Escape(string text, int max = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(Math.Min(text.Length, max) + 32);
        for (var i = 0; i < text.Length; i++)
        {
            if (sb.Length >= max)
            {
                sb.Append("… (").Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters in all)");
                break;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
