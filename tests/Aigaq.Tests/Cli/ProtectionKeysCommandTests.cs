using Aigaq.Protection;

namespace Aigaq.Tests.Cli;

/// <summary>
/// <c>aigaq protection index-key</c> and <c>recovery-key</c> make the keys ADR 0022 asks for: a blind-index key file only
/// its owner reads, never overwritten, and a recovery key whose public half parses and whose private half opens what is
/// sealed for it.
/// </summary>
public sealed class ProtectionKeysCommandTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_command_writes_a_private_index_key_and_prints_a_recovery_key_pair_once()
    {
        var folder = Directory.CreateTempSubdirectory("aigaq-keys-").FullName;
        var file = Path.Combine(folder, "blind-index.key");

        var run = await AigaqProcess.RunAsync("protection", "index-key", "--file", file);
        var recovery = await AigaqProcess.RunAsync("protection", "recovery-key");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        using (var index = new BlindIndex(Convert.FromBase64String(File.ReadAllText(file))))
        {
            Assert.NotNull(index.OfName("Ахметов", "Ерлан", new DateOnly(1994, 5, 17)));
        }

        Assert.Equal($"Aigaq:Protection:BlindIndexKeyFile={file}", run.StandardOutput.Trim());
        Assert.True(recovery.ExitCode == 0, recovery.ToString());
        var lines = recovery.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Aigaq:Protection:RecoveryPublicKey=", lines[0], StringComparison.Ordinal);
        var publicText = lines[0]["Aigaq:Protection:RecoveryPublicKey=".Length..];
        var recipient = RecoveryKey.ParsePublic(publicText);
        var id = Guid.NewGuid().ToByteArray();
        var sealedIdentity = IdentityEnvelope.Seal("{\"person\":{}}"u8, id, [recipient]);
        Assert.True(RecoveryKey.TryOpen(sealedIdentity, lines[^1], id, out var opened));
        Assert.Equal("{\"person\":{}}"u8.ToArray(), opened);

        // A second run never replaces the key every index depends on.
        var again = await AigaqProcess.RunAsync("protection", "index-key", "--file", file);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("exists", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", again.StandardOutput);
        Directory.Delete(folder, recursive: true);
    }
}
