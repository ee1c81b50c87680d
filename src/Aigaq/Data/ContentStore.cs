using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Aigaq.Data;

/// <summary>How a stored file reads back.</summary>
public enum StoredFileStatus
{
    /// <summary>The file is there and hashes to its name.</summary>
    Intact,

    /// <summary>No file under that hash.</summary>
    Missing,

    /// <summary>The file is there but its bytes no longer hash to its name: it was edited or damaged.</summary>
    Altered,
}

/// <summary>A stored file read back: its bytes only when <see cref="Status"/> is <see cref="StoredFileStatus.Intact"/>.</summary>
public sealed record StoredFileRead(StoredFileStatus Status, byte[]? Bytes);

/// <summary>
/// Files kept by content (ADR 0027), one store for every area that takes files in (examination photographs, measures'
/// evidence, visits' evidence): <c>DataDir/&lt;folder&gt;/&lt;sha256&gt;</c>, one file per distinct content, written whole or
/// not at all (a private temporary file, flushed to disk, then renamed) and readable by this account only. A name is its
/// hash, so a file that was edited no longer matches it and every read checks. Each area keeps its own folder (a subclass
/// names it), so the files stored before this store was shared stay where they are and read as before.
/// </summary>
public abstract class ContentStore(IOptions<AigaqOptions> options, params string[] folder)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    // Striped by digest: one file's requests take turns, others rarely wait on each other.
    private static readonly SemaphoreSlim[] Turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// A turn for one file (by its SHA-256) from storing it to the end of its transaction and the taking back of an
    /// unrecorded file (review M2): within this node, two requests with the same content never interleave.
    /// </summary>
    public static async Task<IDisposable> TurnAsync(string sha256, CancellationToken ct)
    {
        var turn = Turns[(int)(Convert.ToUInt32(sha256[..8], 16) % (uint)Turns.Length)];
        await turn.WaitAsync(ct);
        return new Release(turn);
    }

    /// <summary>Whether <paramref name="text"/> is a SHA-256 as this store names files: 64 lower-case hex digits.</summary>
    public static bool IsHash(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);

    private sealed class Release(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    public string Root => Path.Combine([Path.GetFullPath(options.Value.DataDir), .. folder]);

    /// <summary>
    /// Stores the bytes and returns their SHA-256, and whether this call wrote them: storing the same bytes again writes
    /// nothing (<c>Written</c> false). What was found under the name and no longer matches it is kept beside it.
    /// </summary>
    public async Task<(string Sha256, bool Written)> SaveAsync(byte[] bytes, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = PathOf(sha256);
        var now = (await ReadAsync(sha256, ct)).Status;
        if (now == StoredFileStatus.Intact)
        {
            return (sha256, false);
        }

        CreateFolder();
        if (now == StoredFileStatus.Altered)
        {
            // The true bytes take the name back; what was found under it is kept beside it, as evidence of the change.
            File.Move(path, path + ".altered-" + Guid.NewGuid().ToString("N"));
        }

        var temporary = Path.Combine(Root, "." + sha256 + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = OwnerOnly;
            }

            await using (var file = new FileStream(temporary, create))
            {
                await file.WriteAsync(bytes, ct);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return (sha256, true);
    }

    /// <summary>Removes a file this process wrote for a record that was then not written (ADR 0027, L10).</summary>
    public void Remove(string sha256) => File.Delete(PathOf(sha256));

    /// <summary>The file under <paramref name="sha256"/>, checked against its name.</summary>
    public async Task<StoredFileRead> ReadAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new StoredFileRead(StoredFileStatus.Missing, null);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256
            ? new StoredFileRead(StoredFileStatus.Intact, bytes)
            : new StoredFileRead(StoredFileStatus.Altered, null);
    }

    /// <summary>The file a content is kept in; only a hash (<see cref="IsHash"/>) names one.</summary>
    public string PathOf(string sha256) =>
        IsHash(sha256) ? Path.Combine(Root, sha256) : throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Root);
        }
        else
        {
            Directory.CreateDirectory(Root, OwnerOnlyFolder);
        }
    }
}
