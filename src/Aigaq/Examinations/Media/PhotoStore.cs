using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>How a stored original reads back.</summary>
public enum PhotoReadStatus
{
    /// <summary>The file is there and hashes to its name.</summary>
    Intact,

    /// <summary>No file under that hash.</summary>
    Missing,

    /// <summary>The file is there but its bytes no longer hash to its name: it was edited or damaged.</summary>
    Altered,
}

/// <summary>An original read back: its bytes only when <see cref="Status"/> is <see cref="PhotoReadStatus.Intact"/>.</summary>
public sealed record PhotoRead(PhotoReadStatus Status, byte[]? Bytes);

/// <summary>
/// The originals of examination photographs, by content (ADR 0027): <c>DataDir/examinations/photos/&lt;sha256&gt;</c>,
/// one file per distinct photograph, written whole or not at all (a private temporary file, flushed to disk, then
/// renamed) and readable by this account only. A name is its hash, so a file that was edited no longer matches it and
/// every read checks. Shared copies are not stored: they are made again from the original when asked for, so there is
/// one thing to keep and to back up.
/// </summary>
public sealed class PhotoStore(IOptions<AigaqOptions> options)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    // Striped by digest: one photograph's requests take turns, others rarely wait on each other.
    private static readonly SemaphoreSlim[] Turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// A turn for one photograph (by its SHA-256) from storing the original to the end of its transaction and the taking
    /// back of an unrecorded file (review M2): within this node, two requests with the same photograph never interleave.
    /// </summary>
    public static async Task<IDisposable> TurnAsync(string sha256, CancellationToken ct)
    {
        var turn = Turns[(int)(Convert.ToUInt32(sha256[..8], 16) % (uint)Turns.Length)];
        await turn.WaitAsync(ct);
        return new Release(turn);
    }

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

    public string Root => Path.Combine(Path.GetFullPath(options.Value.DataDir), "examinations", "photos");

    /// <summary>
    /// Stores the original and returns its SHA-256, and whether this call wrote it: storing the same bytes again writes
    /// nothing (<c>Written</c> false).
    /// </summary>
    public async Task<(string Sha256, bool Written)> SaveAsync(byte[] original, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(original));
        var path = PathOf(sha256);
        var now = (await ReadAsync(sha256, ct)).Status;
        if (now == PhotoReadStatus.Intact)
        {
            return (sha256, false);
        }

        CreateFolder();
        if (now == PhotoReadStatus.Altered)
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
                await file.WriteAsync(original, ct);
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

    /// <summary>Removes an original this process wrote for a photograph whose record was then not written (ADR 0027, L10).</summary>
    public void Remove(string sha256) => File.Delete(PathOf(sha256));

    /// <summary>The original under <paramref name="sha256"/>, checked against its name.</summary>
    public async Task<PhotoRead> ReadAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new PhotoRead(PhotoReadStatus.Missing, null);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256
            ? new PhotoRead(PhotoReadStatus.Intact, bytes)
            : new PhotoRead(PhotoReadStatus.Altered, null);
    }

    /// <summary>The file an original is kept in; only a hash as <see cref="PhotoIntake"/> writes it (64 lower-case hex digits) names one.</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));
        }

        return Path.Combine(Root, sha256);
    }

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Root);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Root, OwnerOnlyFolder);
        }
    }
}
