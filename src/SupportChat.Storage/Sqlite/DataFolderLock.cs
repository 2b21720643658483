using System.Globalization;
using System.Text;

namespace SupportChat.Storage.Sqlite;

/// <summary>
/// A data folder held by one server: an operating-system lock on <c>server.lock</c> in it, with the holder's process id
/// written in the file. The lock, not the file, decides: the system drops it when the process ends, however it ends
/// (kill -9 included), so a file left behind blocks nobody. Two servers on one SQLite file would each run their own
/// Orleans silo with their own conversation grains, and a customer on one would never reach an agent on the other.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "server.lock";

    /// <summary>The byte locked lies past the process id: on Windows a locked range cannot be read, and a second server
    /// reads the id to say who holds the folder. A range lock may lie beyond the end of the file.</summary>
    private const long LockedByte = 4096;

    // Byte-range locks belong to a process, not to a file handle: a second lock taken in this process would succeed,
    // and closing its handle would drop the first. Folders held in this process are therefore also counted here.
    private static readonly HashSet<string> HeldHere = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly string _path;
    private int _disposed;

    private DataFolderLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>Takes the folder (creating it, owner-only, if missing) or says who holds it.</summary>
    /// <exception cref="DataFolderInUseException">Another process, or another server in this one, holds it.</exception>
    public static DataFolderLock Acquire(string dataDirectory)
    {
        PrivateFiles.CreateFolder(dataDirectory);
        var folder = Path.GetFullPath(dataDirectory);
        var path = Path.Combine(folder, FileName);
        lock (HeldHere)
        {
            if (!HeldHere.Add(path))
            {
                throw new DataFolderInUseException(folder, Environment.ProcessId);
            }
        }

        try
        {
            return Take(folder, path);
        }
        catch
        {
            lock (HeldHere)
            {
                HeldHere.Remove(path);
            }

            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Closing the handle drops the lock; the file stays, harmless, for the next server to take over.
        _file.Dispose();
        lock (HeldHere)
        {
            HeldHere.Remove(_path);
        }
    }

    private static DataFolderLock Take(string folder, string path)
    {
        if (OperatingSystem.IsMacOS())
        {
            return TakeExclusively(folder, path);
        }

        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        var file = new FileStream(path, options);
        try
        {
            file.Lock(LockedByte, 1);
        }
        catch (IOException)
        {
            var holder = ReadProcessId(file);
            file.Dispose();
            throw new DataFolderInUseException(folder, holder);
        }

        file.SetLength(0);
        file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        file.Flush();
        return new DataFolderLock(file, path);
    }

    /// <summary>macOS has no byte-range locks in .NET: an exclusive open (flock) still keeps a second server out, though
    /// it also keeps that server from reading who holds the folder.</summary>
    private static DataFolderLock TakeExclusively(string folder, string path)
    {
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush();
            return new DataFolderLock(file, path);
        }
        catch (IOException)
        {
            throw new DataFolderInUseException(folder, null);
        }
    }

    /// <summary>The holder writes its id just after taking the lock: a second server that comes in between reads
    /// nothing, and says so.</summary>
    private static int? ReadProcessId(FileStream file)
    {
        var buffer = new byte[32];
        file.Position = 0;
        var read = file.Read(buffer);
        return int.TryParse(Encoding.ASCII.GetString(buffer, 0, read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
