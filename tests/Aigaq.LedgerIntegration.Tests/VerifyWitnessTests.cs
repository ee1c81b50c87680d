using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary><c>aigaq log verify --witness VKEY [--quorum N]</c> against the app's log and a real witness on a real port.</summary>
public sealed class VerifyWitnessTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_verifier_checks_each_witness_cosignature_the_quorum_and_consistency(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        var (logKey, witness, app) = await WitnessedAppAsync(store);
        await using var w = witness;
        await using var a = app;
        using var officer = await app.OfficerAsync();
        using var http = app.CreateClient();
        var state = Path.Combine(store.DataDir, "verify-state");

        // Nothing cosigned yet: the verifier says so, naming the witness.
        await app.RegisterDetentionAsync(officer, 1);
        await app.IntegrateAllAsync();
        var none = await VerifyAsync(http, state, [witness.Key], 1);
        Assert.Contains(witness.Key.Name, Assert.Single(none), StringComparison.Ordinal);
        Assert.Contains("no cosigned checkpoint", none[0], StringComparison.Ordinal);
        Assert.False(File.Exists(state));

        // Cosigned, then the log grows past it: the cosigned checkpoint is consistent with the newer one.
        var cosignedSize = await app.IntegrateAllAsync();
        Assert.Equal(1, await app.DispatchOnceAsync());
        await app.RegisterDetentionAsync(officer, 2);
        Assert.True(await app.IntegrateAllAsync() > cosignedSize);
        var progress = new StringWriter();
        Assert.Empty(await LedgerVerify.RunAsync(http, http.BaseAddress!, logKey.VerifierKey, state, [witness.Key], 1, progress, CancellationToken.None));
        Assert.Contains($"witness {witness.Key.Name} cosigned checkpoint {cosignedSize}", progress.ToString(), StringComparison.Ordinal);
        Assert.Empty(await VerifyAsync(http, state, [witness.Key], 1)); // and with the state file now remembered

        // A key of the same name that is not the witness's: the quorum is not met and the witness is named.
        using (var impostor = NoteSigner.Generate(witness.Key.Name, NoteKeyType.Cosignature))
        {
            var failure = Assert.Single(await VerifyAsync(http, state, [impostor.Verifier], 1));
            Assert.Contains("quorum not met", failure, StringComparison.Ordinal);
            Assert.Contains($"{witness.Key.Name} (signed with key ID {witness.Key.KeyId:x8}, not {impostor.Verifier.KeyId:x8}", failure, StringComparison.Ordinal);
        }

        // Two witnesses required, one cosigned: the other is named.
        using (var absent = NoteSigner.Generate("witness.example/w2", NoteKeyType.Cosignature))
        {
            var failure = Assert.Single(await VerifyAsync(http, state, [witness.Key, absent.Verifier], 2));
            Assert.Contains("1 of the 2 required", failure, StringComparison.Ordinal);
            Assert.Contains("witness.example/w2 (no cosignature)", failure, StringComparison.Ordinal);
            Assert.DoesNotContain(witness.Key.Name + " (", failure, StringComparison.Ordinal);

            // One of two is enough when the quorum says so.
            Assert.Empty(await VerifyAsync(http, state, [witness.Key, absent.Verifier], 1));
        }

        // A cosignature line changed in the log's store: it does not verify, and the witness is named.
        await app.WithDbAsync(async db =>
        {
            var line = await db.Set<LedgerCosignature>().Where(c => c.Size == cosignedSize).Select(c => c.Line).SingleAsync();
            var tampered = Tamper(line);
            return await db.Set<LedgerCosignature>().Where(c => c.Size == cosignedSize).ExecuteUpdateAsync(s => s.SetProperty(c => c.Line, tampered));
        });
        var bad = await VerifyAsync(http, state, [witness.Key], 1);
        Assert.Contains(bad, f => f.StartsWith($"the cosignature of witness {witness.Key.Name} on checkpoint {cosignedSize} does not verify", StringComparison.Ordinal));
        Assert.Contains(bad, f => f.Contains("quorum not met", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_real_command_exits_zero_with_a_real_witness_and_non_zero_naming_the_witness_otherwise()
    {
        await using var store = await TestDatabase.CreateAsync(postgres: false);
        var (logKey, witness, app) = await WitnessedAppAsync(store, new() { ["urls"] = "http://127.0.0.1:0" });
        await using var w = witness;
        await using var a = app;
        app.UseKestrel();
        app.StartServer();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var officer = await app.OfficerAsync();
        await app.RegisterDetentionAsync(officer, 1);
        await app.IntegrateAllAsync();
        Assert.Equal(1, await app.DispatchOnceAsync());

        string[] Args(params string[] more) =>
            ["log", "verify", "--url", url, "--key", logKey.VerifierKey, "--Aigaq:DataDir=" + Path.Combine(store.DataDir, "cli"), .. more];

        var ok = await AigaqProcess.RunAsync(Args("--witness", witness.Key.VerifierKey, "--state", Path.Combine(store.DataDir, "cli-state")));
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains($"witness {witness.Key.Name} cosigned checkpoint", ok.Output, StringComparison.Ordinal);

        using var impostor = NoteSigner.Generate(witness.Key.Name, NoteKeyType.Cosignature);
        var wrongKey = await AigaqProcess.RunAsync(Args("--witness", impostor.Verifier.VerifierKey));
        Assert.True(wrongKey.ExitCode != 0, wrongKey.Output);
        Assert.Contains($"aigaq log verify: 1 failure(s); first: witness quorum not met", wrongKey.Output, StringComparison.Ordinal);
        Assert.Contains(witness.Key.Name, wrongKey.StandardOutput, StringComparison.Ordinal);

        using var absent = NoteSigner.Generate("witness.example/w2", NoteKeyType.Cosignature);
        var unmet = await AigaqProcess.RunAsync(Args("--witness", witness.Key.VerifierKey, "--witness", absent.Verifier.VerifierKey));
        Assert.True(unmet.ExitCode != 0, unmet.Output);
        Assert.Contains("witness.example/w2 (no cosignature)", unmet.StandardOutput, StringComparison.Ordinal);

        var quorumOne = await AigaqProcess.RunAsync(Args("--witness", witness.Key.VerifierKey, "--witness", absent.Verifier.VerifierKey, "--quorum", "1"));
        Assert.True(quorumOne.ExitCode == 0, quorumOne.Output);

        var tooMany = await AigaqProcess.RunAsync(Args("--witness", witness.Key.VerifierKey, "--quorum", "2"));
        Assert.True(tooMany.ExitCode != 0, tooMany.Output);
        Assert.Contains("--quorum must be", tooMany.Output, StringComparison.Ordinal);

        var logKeyAsWitness = await AigaqProcess.RunAsync(Args("--witness", logKey.VerifierKey));
        Assert.True(logKeyAsWitness.ExitCode != 0, logKeyAsWitness.Output);
        Assert.Contains("not a cosignature/v1 key", logKeyAsWitness.Output, StringComparison.Ordinal);
    }

    /// <summary>Flips one bit of the signature (past the key ID) of a signature line, keeping its form.</summary>
    internal static string Tamper(string line)
    {
        var space = line.LastIndexOf(' ');
        var blob = Convert.FromBase64String(line[(space + 1)..].TrimEnd('\n'));
        blob[^1] ^= 1;
        return line[..(space + 1)] + Convert.ToBase64String(blob) + "\n";
    }

    internal static async Task<(NoteVerifier LogKey, WitnessServer Witness, LogNode App)> WitnessedAppAsync(TestDatabase store, Dictionary<string, string?>? extra = null)
    {
        var witness = await WitnessServer.ForLogOfAsync(store);
        var settings = new Dictionary<string, string?>(witness.Settings().Concat(extra ?? []))
        {
            ["Aigaq:PublicLookup:PermitPerMinute"] = "1000",
        };
        return (witness.LogKey!, witness, new LogNode(store, extra: settings));
    }

    private static Task<IReadOnlyList<string>> VerifyAsync(HttpClient http, string state, IReadOnlyList<NoteVerifier> witnesses, int quorum) =>
        LedgerVerify.RunAsync(http, http.BaseAddress!, null, state, witnesses, quorum, TextWriter.Null, CancellationToken.None);
}
