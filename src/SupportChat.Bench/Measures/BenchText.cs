using System.Diagnostics;
using System.Globalization;

namespace SupportChat.Bench.Measures;

/// <summary>A bench message's text: "number:send-timestamp:" padded with 'x' to the requested size.</summary>
internal static class BenchText
{
    public static string Create(long number, int size)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{number}:{Stopwatch.GetTimestamp()}:");
        return head.Length >= size ? head : head + new string('x', size - head.Length);
    }

    public static bool TryParse(string text, out long number, out long sentAt)
    {
        number = 0;
        sentAt = 0;
        var span = text.AsSpan();
        var first = span.IndexOf(':');
        if (first <= 0 || !long.TryParse(span[..first], NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        span = span[(first + 1)..];
        var second = span.IndexOf(':');
        return second > 0 && long.TryParse(span[..second], NumberStyles.None, CultureInfo.InvariantCulture, out sentAt);
    }
}
