using Bitget.Stream.Models;

namespace Bitget.Stream.Tests.Channels;

internal static class BookTestExtensions
{
    public static BitgetOrderBook WithSymbol(this BitgetOrderBook book, string symbol)
    {
        book.Symbol = symbol;
        return book;
    }
}
