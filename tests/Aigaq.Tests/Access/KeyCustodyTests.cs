using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;

namespace Aigaq.Tests.Access;

/// <summary>
/// Keys at rest (issue 13, item 11; ADR 0014): the keys that protect cookies and antiforgery tokens are written encrypted
/// when a certificate is configured, and the log's signing key may live outside the data folder, where a file that others
/// may read stops the application at start.
/// </summary>
public sealed class KeyCustodyTests
{
    [Fact]
    public async Task With_a_certificate_the_cookie_keys_are_written_encrypted_and_without_one_they_are_not()
    {
        var folder = Directory.CreateTempSubdirectory("aigaq-cert-");
        try
        {
            var pfx = Path.Combine(folder.FullName, "keys.pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=aigaq data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
            }

            var encrypted = await KeyXmlAsync(new Dictionary<string, string?>
            {
                ["Aigaq:DataProtection:CertificateFile"] = pfx,
                ["Aigaq:DataProtection:CertificatePassword"] = "pfx-password",
            });
            Assert.Contains("encryptedSecret", encrypted, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", encrypted, StringComparison.Ordinal);

            var plain = await KeyXmlAsync(new Dictionary<string, string?>());
            Assert.Contains("<masterKey", plain, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_log_key_may_live_outside_the_data_folder_and_only_if_its_owner_alone_may_read_it()
    {
        var folder = Directory.CreateTempSubdirectory("aigaq-logkey-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, "secrets", "log.key");
            var settings = new Dictionary<string, string?> { ["Aigaq:Ledger:KeyFile"] = keyFile };

            // Made there on first use, private to its owner, and the key the log answers with.
            await using (var db = await TestDatabase.CreateAsync(postgres: false))
            await using (var host = new AigaqHost(db, new HostOptions { Settings = settings }).Started())
            {
                using var client = host.Anonymous();
                var served = (await client.GetStringAsync("/api/v1/log/key")).Trim();
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
                using var signer = NoteSigner.Parse((await File.ReadAllTextAsync(keyFile)).Trim());
                Assert.Equal(signer.Verifier.VerifierKey, served);
                Assert.False(File.Exists(Path.Combine(db.DataDir, "keys", LedgerKeys.FileName)), "the key is not in the data folder");
            }

            // Readable by its group: the application does not start, and says how to put it right.
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            await using (var db = await TestDatabase.CreateAsync(postgres: false))
            {
                var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
                {
                    await using var host = new AigaqHost(db, new HostOptions { Settings = settings }).Started();
                });
                Assert.Contains($"chmod 600 {keyFile}", refused.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_witness_key_that_others_may_read_is_refused_and_a_private_one_taken()
    {
        var folder = Directory.CreateTempSubdirectory("aigaq-witnesskey-");
        try
        {
            using (var made = new Aigaq.Witness.WitnessStore(folder.FullName, "witness.test"))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder.FullName, Aigaq.Witness.WitnessStore.KeyFileName)));
            }

            var key = Path.Combine(folder.FullName, Aigaq.Witness.WitnessStore.KeyFileName);
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            var refused = Assert.Throws<InvalidOperationException>(() => new Aigaq.Witness.WitnessStore(folder.FullName, "witness.test"));
            Assert.Contains($"chmod 600 {key}", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts a host with the settings, has it make its cookie keys (a form asks for an antiforgery token), and reads them.</summary>
    private static async Task<string> KeyXmlAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using var db = await TestDatabase.CreateAsync(postgres: false);
        await using var host = new AigaqHost(db, new HostOptions { Settings = settings }).Started();
        using var client = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin")).StatusCode);
        var files = Directory.GetFiles(Path.Combine(db.DataDir, "keys"), "key-*.xml");
        return await File.ReadAllTextAsync(Assert.Single(files));
    }
}
