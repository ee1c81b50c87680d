namespace Aigaq.Ledger;

/// <summary>Key files on disk: a signing key's file must be private to its owner (mode 600 or stricter).</summary>
public static class KeyFiles
{
    /// <summary>The permissions a key file may not give: any to its group or to others.</summary>
    private const UnixFileMode Loose = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Refuses a key file that its group or others may read, write or run, saying how to put it right.</summary>
    /// <param name="path">The key file; nothing is checked when it does not exist, or on Windows.</param>
    /// <exception cref="InvalidOperationException">The file's mode gives its group or others any permission.</exception>
    public static void CheckPrivate(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & Loose) != 0)
        {
            throw new InvalidOperationException(
                $"The key file {path} may be read or changed by others than its owner; make it private with: chmod 600 {path}");
        }
    }
}
