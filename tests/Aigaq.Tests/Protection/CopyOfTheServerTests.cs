using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;
using NSec.Cryptography;

namespace Aigaq.Tests.Protection;

/// <summary>
/// Issue 15, item 2: a copy of the database together with the server's data folder is not enough to read an identity.
/// The embedded database lives in the data folder, so a copy of that folder is both: no file in it holds the identity,
/// no key in it opens a wrap, and no custodian's sealed key opens with a common passphrase.
/// </summary>
public sealed class CopyOfTheServerTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private static readonly string[] CommonPassphrases =
    [
        "", "password", "123456789012", "qwertyuiop12", "aigaq", "aigaq2026", "Aigaq123!", "хранитель", "custodian-passphrase",
    ];

    [Fact]
    public async Task A_copy_of_the_data_folder_with_its_database_does_not_read_an_identity()
    {
        var host = fixture.Host;
        const string passphrase = "парольная фраза, которую знает только хранитель";
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var custodian = await host.UserAsync(Roles.ProtectionOfficer);
            await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = passphrase })).ExpectAsync(HttpStatusCode.Created);
        }

        var prosecutor = await host.UserAsync(Roles.Prosecutor);
        var iin = ProtectedPersonsTests.IinOf(new DateOnly(1983, 6, 14), 5151);
        const string phone = "+77019998877";
        var created = await (await prosecutor.Client.PostJsonAsync("/api/v1/protected-persons", new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["person"] = new JsonObject { ["lastName"] = "Тұрсынбаев", ["firstName"] = "Зейнолла", ["birthDate"] = "1983-06-14", ["iin"] = iin },
                ["phone"] = phone,
                ["address"] = "Қарағанды, Бұқар жырау даңғылы, 31",
            },
            ["role"] = "witness",
            ["disclosure"] = "anonymous",
            ["risk"] = "high",
        })).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));

        // Everything the data folder holds, the database and its write-ahead log among it.
        var files = Directory.EnumerateFiles(host.Database.DataDir, "*", SearchOption.AllDirectories)
            .Select(f => (Path: f, Bytes: ReadShared(f))).ToList();
        Assert.Contains(files, f => f.Path.EndsWith(".db", StringComparison.Ordinal) || f.Path.Contains("aigaq", StringComparison.Ordinal));
        string[] secrets = ["Тұрсынбаев", "Зейнолла", "Бұқар", iin, phone[1..]];
        foreach (var secret in secrets)
        {
            foreach (var form in new[] { Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret), Encoding.UTF8.GetBytes(JsonValue.Create(secret).ToJsonString()) })
            {
                Assert.DoesNotContain(files, f => f.Bytes.AsSpan().IndexOf(form) >= 0);
            }
        }

        var (envelope, sealedKeys) = await host.WithDbAsync(async db => (
            IdentityEnvelope.FromJson((await db.Set<ProtectedPerson>().SingleAsync(p => p.Id == id)).Identity),
            await db.Set<CustodianKey>().Select(k => k.Sealed).ToListAsync()));

        // No key the server keeps (its log and cookie keys, anything 32 bytes long in its key files) opens a wrap.
        var keyFiles = files.Where(f => f.Path.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(keyFiles);
        foreach (var (path, bytes) in keyFiles)
        {
            foreach (var candidate in Windows(bytes).Concat(Windows(Decoded(bytes))))
            {
                using var key = Key.Import(KeyAgreementAlgorithm.X25519, candidate, KeyBlobFormat.RawPrivateKey);
                Assert.DoesNotContain(envelope.Wraps, w => envelope.TryOpen(w.HolderId, key, id.ToByteArray(), out _));
            }

            Assert.True(bytes.Length > 0, path);
        }

        // No custodian's sealed key opens without their passphrase; with it, one does (the copy is sound).
        foreach (var sealedKey in sealedKeys.Select(SealedHolderKey.FromJson))
        {
            Assert.DoesNotContain(CommonPassphrases, p => HolderKeys.TryUnlock(sealedKey, p, out _));
        }

        Assert.True(HolderKeys.TryUnlock(SealedHolderKey.FromJson(sealedKeys[0]), passphrase, out var opener));
        opener.Dispose();
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Every 32-byte stretch of <paramref name="bytes"/>.</summary>
    private static IEnumerable<byte[]> Windows(byte[] bytes)
    {
        for (var i = 0; i + 32 <= bytes.Length; i++)
        {
            yield return bytes[i..(i + 32)];
        }
    }

    /// <summary>The file read as base64 text, where a key file keeps its key so.</summary>
    private static byte[] Decoded(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes).Trim();
        return Convert.TryFromBase64String(text, new byte[text.Length], out var written) ? Convert.FromBase64String(text)[..written] : [];
    }
}
