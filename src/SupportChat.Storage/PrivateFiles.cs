namespace SupportChat.Storage;

/// <summary>
/// The data folder and the files the server creates in it, readable and writable by the server's user only: history
/// and keys are customers' data. Modes are set as things are created, never changed afterwards: an existing folder or
/// file keeps what its operator gave it. On Windows a new file takes the folder's access list, which the operator sets.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder with <see cref="FolderMode"/> if it is missing; parents made on the way get the usual
    /// mode, as with <c>mkdir -p -m 700</c>.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    /// <summary>Options that create a file with <see cref="FileMode"/> (the mode is given to the create call itself, so
    /// the file is never readable by others, not even for a moment).</summary>
    public static FileStreamOptions NewFile(System.IO.FileMode mode, FileOptions options = FileOptions.None)
    {
        var file = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = FileMode;
        }

        return file;
    }

    /// <summary>Creates an empty file with <see cref="FileMode"/> if there is none: SQLite then opens it as an empty
    /// database and gives its -wal and -shm files the same mode.</summary>
    public static void CreateEmptyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, NewFile(System.IO.FileMode.CreateNew));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another connection or process made it meanwhile: theirs stands.
        }
    }
}
