using System.Text.Json;

namespace Bitget.Benchmarks;

/// <summary>The sample frames copied into Data/ (see Data/SOURCES.md), read from beside the benchmark assembly.</summary>
internal static class BenchData
{
    /// <summary>The file's bytes exactly as stored.</summary>
    public static byte[] Bytes(string name)
    {
        // BenchmarkDotNet runs each benchmark in a child process built from this project; the Data files are content
        // copied to its output folder, which is AppContext.BaseDirectory.
        var path = Path.Combine(AppContext.BaseDirectory, "Data", name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Benchmark data file missing (is it content in the csproj?): {path}", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// The same frame without insignificant whitespace, as the server sends it: the doc samples in Data/ are
    /// pretty-printed, live frames (books-snapshot.json, candle-update.json) are compact. Key order and value texts
    /// are kept (the writer re-emits each token as read).
    /// </summary>
    public static byte[] Compact(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var buffer = new MemoryStream(utf8.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true }))
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.PropertyName: writer.WritePropertyName(reader.ValueSpan); break;
                    case JsonTokenType.String: writer.WriteStringValue(reader.ValueSpan); break;
                    case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                    case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                    case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                    case JsonTokenType.Null: writer.WriteNullValue(); break;
                }
            }
        }
        return buffer.ToArray();
    }
}
