using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Aigaq.Ledger;

namespace Aigaq.Witness;

/// <summary>
/// A witness's own files in its state directory, needing no database:
/// <c>witness.key</c> (its cosignature key, mode 600, made on first start; refused when others may read it),
/// <c>logs/&lt;sha256(origin)&gt;.checkpoint</c> (the latest checkpoint it cosigned for each log, with its cosignature),
/// <c>evidence/&lt;time&gt;-&lt;kind&gt;-&lt;id&gt;/</c> (a refused fork or bad proof: what was submitted and what it had cosigned).
/// Every file is written to a temporary name, fsynced, renamed over the old one and the directory fsynced.
/// A lock file keeps a second witness process off the same directory.
/// </summary>
public sealed class WitnessStore : IDisposable
{
    public const string KeyFileName = "witness.key";
    private readonly FileStream _lock;

    public WitnessStore(string directory, string name, TimeProvider? time = null)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "logs"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "evidence"));
        try
        {
            _lock = new FileStream(Path.Combine(Directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"Another witness holds {Directory}.", e);
        }

        try
        {
            Key = LoadOrCreateKey(Path.Combine(Directory, KeyFileName), name, time);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    public string Directory { get; }
    public NoteSigner Key { get; }

    /// <summary>The latest checkpoint this witness cosigned for the origin, as stored (log signature and cosignature).</summary>
    public SignedNote? Latest(string origin)
    {
        var path = StatePath(origin);
        return File.Exists(path) ? SignedNote.Parse(File.ReadAllText(path, Encoding.UTF8)) : null;
    }

    public void Save(SignedNote cosigned)
    {
        var origin = Checkpoint.Parse(cosigned.Text).Origin;
        WriteAtomically(StatePath(origin), cosigned.Format());
    }

    /// <summary>Keeps a refused request and the checkpoint it contradicts; returns the evidence directory.</summary>
    public string KeepEvidence(DateTimeOffset at, AddCheckpointRequest request, SignedNote? latest, AddCheckpointResult result)
    {
        var kind = result.Outcome == AddCheckpointOutcome.Fork ? "fork" : "bad-proof";
        var dir = Path.Combine(Directory, "evidence", $"{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{kind}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        WriteAtomically(Path.Combine(dir, "submitted.request"), request.Format());
        if (latest is not null)
        {
            WriteAtomically(Path.Combine(dir, "cosigned.checkpoint"), latest.Format());
        }

        WriteAtomically(Path.Combine(dir, "reason.txt"), $"{result.StatusCode} {result.Outcome}: {result.Reason}\n");
        SyncDirectory(Path.Combine(Directory, "evidence"));
        return dir;
    }

    public IEnumerable<string> EvidenceDirectories() =>
        System.IO.Directory.EnumerateDirectories(Path.Combine(Directory, "evidence")).Order(StringComparer.Ordinal);

    public void Dispose()
    {
        Key.Dispose();
        _lock.Dispose();
    }

    private string StatePath(string origin) =>
        Path.Combine(Directory, "logs", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin))) + ".checkpoint");

    private static NoteSigner LoadOrCreateKey(string path, string name, TimeProvider? time)
    {
        if (!File.Exists(path))
        {
            using var generated = NoteSigner.Generate(name, NoteKeyType.Cosignature);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(path, options))
                {
                    stream.Write(Encoding.UTF8.GetBytes(generated.SignerKey + "\n"));
                    stream.Flush(flushToDisk: true);
                }

                SyncDirectory(Path.GetDirectoryName(path)!);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Made by someone else first; use it.
            }
        }

        KeyFiles.CheckPrivate(path);
        var signer = NoteSigner.Parse(File.ReadAllText(path).Trim(), time);
        if (signer.Type != NoteKeyType.Cosignature || !string.Equals(signer.Name, name, StringComparison.Ordinal))
        {
            var found = signer.Name;
            signer.Dispose();
            throw new InvalidOperationException($"The witness key in {path} is named '{found}' (or is not a cosignature key), but --name is '{name}'.");
        }

        return signer;
    }

    internal static void WriteAtomically(string path, string content)
    {
        var tmp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            File.Delete(tmp);
        }

        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Makes a rename durable: fsync on the directory (POSIX only; elsewhere the rename is left to the OS).</summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Posix.Open(directory, 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open {directory} to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Posix.Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Posix.Close(fd);
        }
    }

    private static class Posix
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);
    }
}
