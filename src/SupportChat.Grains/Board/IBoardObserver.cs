namespace SupportChat.Grains.Board;

/// <summary>A watcher of the board (the edge end of one Watch stream).</summary>
[Alias("supportchat.IBoardObserver")]
public interface IBoardObserver : IGrainObserver
{
    [OneWay, Alias("OnChanges")]
    Task OnChanges(BoardChanges changes);
}
