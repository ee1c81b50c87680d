using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c> and protection not configured, keys of the demo's own so that protected persons can be shown: a
/// blind-index key and a recovery key pair in files beside the data folder (never inside it, which the start check
/// refuses), made once and kept for the next demo start. A real server is configured with
/// <c>aigaq protection index-key</c> and a recovery key made offline (README).
/// </summary>
internal static class DemoProtection
{
    public static void Configure(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration["Aigaq:Protection:RecoveryPublicKey"])
            || !string.IsNullOrEmpty(builder.Configuration["Aigaq:Protection:BlindIndexKeyFile"]))
        {
            return;
        }

        var data = Path.GetFullPath(builder.Configuration["Aigaq:DataDir"] ?? new AigaqOptions().DataDir).TrimEnd(Path.DirectorySeparatorChar);
        var index = data + ".demo-index.key";
        var recovery = data + ".demo-recovery.key";
        if (!File.Exists(index))
        {
            var key = BlindIndex.NewKey();
            Write(index, Convert.ToBase64String(key));
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }

        if (!File.Exists(recovery))
        {
            var pair = RecoveryKey.Generate();
            Write(recovery, pair.PublicText + "\n" + pair.PrivateText + "\n");
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aigaq:Protection:BlindIndexKeyFile"] = index,
            ["Aigaq:Protection:RecoveryPublicKey"] = File.ReadLines(recovery).First(),
        });
    }

    /// <summary>The passphrase of the demo custodians' keys (a real one is the custodian's own, never printed).</summary>
    public const string Passphrase = "demo custodian passphrase 2026";

    /// <summary>The demo's second protection officer (the first is in the accounts list): an identity needs two custodians.</summary>
    public const string SecondCustodian = "protection2@demo.aigaq.kz";

    /// <summary>
    /// Enrols the custodians' keys and registers protected persons: the detainee who complained of ill-treatment
    /// (recognised in custody at once) and a witness, with their applications for security measures, a reprisal, and the
    /// prosecutor's request for the witness's identity waiting for a custodian's decision.
    /// Skipped when protection is not configured.
    /// </summary>
    public static async Task<bool> FillAsync(
        IServiceProvider sp, IReadOnlyList<ClaimsPrincipal> custodians, ClaimsPrincipal prosecutor, Guid complainantDetention, CancellationToken ct)
    {
        if (sp.GetRequiredService<ProtectionKeys>().Missing is not null)
        {
            return false;
        }

        var db = sp.GetRequiredService<AigaqDb>();
        foreach (var custodian in custodians)
        {
            await RunAsync(db, () => sp.GetRequiredService<EnrolCustodian>().HandleAsync(new EnrolCustodianRequest(Passphrase), custodian, ct), ct);
        }

        var held = await db.Set<Detention>().AsNoTracking().FirstAsync(d => d.Id == complainantDetention, ct);
        var register = sp.GetRequiredService<RegisterProtectedPerson>();
        var complainant = await RunAsync(db, () => register.HandleAsync(new RegisterProtectedPersonRequest(
            new IdentityInput(new PersonInput(held.LastName, held.FirstName, held.Patronymic, held.BirthDate, held.Iin, null, null, null), "+77015550101", null, null),
            ProtectedRole.Complainant, Disclosure.Confidential, RiskLevel.High, null, null, held.Id, null, null), prosecutor, ct), ct);
        var witness = await RunAsync(db, () => register.HandleAsync(new RegisterProtectedPersonRequest(
            new IdentityInput(new PersonInput("Жұмабекова", "Сәуле", null, new DateOnly(1990, 6, 12), null, null, null, null), null, "saule.witness@example.kz", "г. Алматы"),
            ProtectedRole.Witness, Disclosure.Anonymous, RiskLevel.Medium, null, null, held.Id, null, null), prosecutor, ct), ct);

        // The complainant's application for security measures, granted in part; the witness's, still waiting; and the
        // pressure on the complainant's family to withdraw the complaint, recorded by the prosecutor.
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var officer = custodians[0];
        var file = sp.GetRequiredService<FileProtectionApplication>();
        var granted = await RunAsync(db, () => file.HandleAsync(complainant.Id, new FileProtectionApplicationRequest(
            now.AddHours(-20), ["personalSecurityOrder", "restrictedDataAccess"], new DecidingBodyInput("prosecutor", "Прокуратура г. Алматы")), officer, ct), ct);
        await RunAsync(db, () => sp.GetRequiredService<DecideProtectionApplication>().HandleAsync(granted.Id, new DecideProtectionApplicationRequest(
            ProtectionDecisionKind.Granted,
            [new GrantedMeasureInput("restrictedDataAccess", "ДП г. Алматы", now.AddHours(-2), null, now.AddDays(30))],
            "Сведения о заявителе закрыты; охранное предписание не требуется, пока он под стражей.", now.AddHours(-2)), officer, ct), ct);
        await RunAsync(db, () => file.HandleAsync(witness.Id, new FileProtectionApplicationRequest(
            now.AddHours(-3), ["videoLinkTestimony"], new DecidingBodyInput("court", "Специализированный следственный суд г. Алматы")), officer, ct), ct);
        await RunAsync(db, () => sp.GetRequiredService<RecordReprisal>().HandleAsync(new RecordReprisalRequest(
            complainant.Id, now.AddDays(-1), "pressureToWithdraw", new PerpetratorInput(Agency.Police, "УП Алмалинского района"),
            "Сотрудники пришли домой к матери заявителя и требовали, чтобы он отозвал жалобу.", "relative", ReprisalReliability.Credible), prosecutor, ct), ct);

        // The prosecutor asks for the anonymous witness's identity, to summon her: the request waits for a custodian.
        await RunAsync(db, () => sp.GetRequiredService<RequestIdentity>().HandleAsync(witness.Id, new RequestIdentityRequest(
            "Вызов свидетеля на допрос по делу о пытках: нужны имя и адрес для повестки."), prosecutor, ct), ct);
        return true;
    }

    private static async Task<T> RunAsync<T>(AigaqDb db, Func<Task<Outcome<T>>> command, CancellationToken ct)
        where T : class
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command();
        if (outcome.Problem is not null)
        {
            throw new InvalidOperationException("A demo protection step was refused.");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return outcome.Value!;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
