namespace SupportChat.Bench.Measures;

/// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal.</summary>
internal sealed class BenchProgress(string label)
{
    private readonly bool _visible = !Console.IsErrorRedirected;
    private bool _drawn;

    public void Report(long done, long total)
    {
        if (!_visible || total <= 0)
        {
            return;
        }

        const int width = 30;
        var filled = (int)Math.Clamp(done * width / total, 0, width);
        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}   ");
        _drawn = true;
    }

    public void Done()
    {
        if (_drawn)
        {
            Console.Error.WriteLine();
            _drawn = false;
        }
    }
}
