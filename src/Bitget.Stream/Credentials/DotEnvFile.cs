using System.Text;

namespace Bitget.Stream.Credentials;

/// <summary>
/// Reads a <c>.env</c> file the way python-dotenv does (the seed's format): <c>KEY=value</c> lines, an optional
/// <c>export</c> prefix, <c>#</c> comments on their own line or after an unquoted value (preceded by a space), single
/// quotes taken literally (only <c>\'</c> and <c>\\</c> unescaped), double quotes with backslash escapes and line breaks
/// inside. A later key wins. Variable expansion (<c>${VAR}</c>) is not applied: credentials never use it.
/// </summary>
public static class DotEnvFile
{
    /// <summary>Parses the text of a <c>.env</c> file. Lines that are not assignments are skipped, as python-dotenv does.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            SkipBlanks(text, ref i);
            if (i >= text.Length)
                break;
            if (text[i] is '\n' or '\r' || text[i] == '#')
            {
                SkipLine(text, ref i);
                continue;
            }
            if (string.CompareOrdinal(text, i, "export", 0, 6) == 0 && i + 6 < text.Length && text[i + 6] is ' ' or '\t')
            {
                i += 6;
                SkipBlanks(text, ref i);
            }
            var keyStart = i;
            string key;
            if (i < text.Length && text[i] is '\'' or '"')
            {
                var quote = text[i];
                var end = text.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    SkipLine(text, ref i);
                    continue;
                }
                key = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                while (i < text.Length && text[i] is not ('=' or '\n' or '\r' or '#') && !char.IsWhiteSpace(text[i]))
                    i++;
                key = text[keyStart..i];
            }
            SkipBlanks(text, ref i);
            if (key.Length == 0 || i >= text.Length || text[i] != '=')
            {
                // "KEY" alone has no value (python-dotenv gives None): nothing to use.
                SkipLine(text, ref i);
                continue;
            }
            i++;
            SkipBlanks(text, ref i);
            if (ReadValue(text, ref i) is { } value)
                values[key] = value;
        }
        return values;
    }

    /// <summary>Reads and parses a file (UTF-8).</summary>
    public static IReadOnlyDictionary<string, string> Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    private static string? ReadValue(string text, ref int i)
    {
        if (i < text.Length && text[i] is '\'' or '"')
        {
            var quote = text[i];
            var sb = new StringBuilder();
            var j = i + 1;
            while (j < text.Length && text[j] != quote)
            {
                var c = text[j];
                if (c == '\\' && j + 1 < text.Length)
                {
                    var next = text[j + 1];
                    if (quote == '\'')
                    {
                        if (next is '\'' or '\\')
                        {
                            sb.Append(next);
                            j += 2;
                            continue;
                        }
                    }
                    else
                    {
                        var unescaped = next switch
                        {
                            'n' => "\n", 't' => "\t", 'r' => "\r", 'b' => "\b", 'f' => "\f", 'v' => "\v", 'a' => "\a",
                            '\\' => "\\", '"' => "\"", '\'' => "'",
                            _ => null,
                        };
                        if (unescaped is not null)
                        {
                            sb.Append(unescaped);
                            j += 2;
                            continue;
                        }
                    }
                }
                sb.Append(c);
                j++;
            }
            if (j >= text.Length)
            {
                // An unterminated quote makes the line unparsable (python-dotenv skips it with a warning).
                SkipLine(text, ref i);
                return null;
            }
            i = j + 1;
            SkipLine(text, ref i); // whatever follows the closing quote is a comment or blanks
            return sb.ToString();
        }

        var start = i;
        var end = i;
        while (i < text.Length && text[i] is not ('\n' or '\r'))
        {
            if (text[i] == '#' && i > start && text[i - 1] is ' ' or '\t')
                break;
            i++;
            end = i;
        }
        var raw = text[start..end].TrimEnd();
        SkipLine(text, ref i);
        return raw;
    }

    private static void SkipBlanks(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
            i++;
    }

    private static void SkipLine(string text, ref int i)
    {
        while (i < text.Length && text[i] != '\n')
            i++;
        if (i < text.Length)
            i++;
    }
}
