using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Protection;

/// <summary>
/// Custodians' keys (issue 15, item 2; ADR 0022): a protection officer enrols once with a passphrase Aigaq never keeps,
/// changes it without changing the key, and a key swapped in the database is not trusted for sealing.
/// </summary>
public abstract class CustodianKeysTests(HostFixture fixture)
{
    private const string Url = "/api/v1/custodian-keys";
    private const string Passphrase = "сенім білдірілген адам 2026";

    private AigaqHost Host => fixture.Host;

    private static JsonObject Enrol(string passphrase) => new() { ["passphrase"] = passphrase };

    [Fact]
    public async Task A_protection_officer_enrols_once_and_the_key_is_listed_as_verified()
    {
        var officer = await Host.UserAsync(Roles.ProtectionOfficer);

        var key = Guid.NewGuid().ToString("N");
        var created = await (await officer.Client.PostJsonAsync(Url, Enrol(Passphrase), key)).ExpectAsync(HttpStatusCode.Created);
        var replayed = await (await officer.Client.PostJsonAsync(Url, Enrol(Passphrase), key)).ExpectAsync(HttpStatusCode.Created);
        var again = await officer.Client.PostJsonAsync(Url, Enrol(Passphrase + "!"));

        Assert.Equal(created.Str("id"), replayed.Str("id"));
        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(43, created.Str("publicKey").Length);
        Assert.Equal("enrolled", created.Str("reason"));
        var rows = await Host.WithDbAsync(db => db.Set<CustodianKey>().Where(k => k.UserId == officer.Id).ToListAsync());
        var row = Assert.Single(rows);
        Assert.DoesNotContain(Passphrase, row.Sealed, StringComparison.Ordinal);
        Assert.True(HolderKeys.TryUnlock(SealedHolderKey.FromJson(row.Sealed), Passphrase, out var opened));
        opened.Dispose();

        var listed = (await (await officer.Client.GetAsync(Url)).ExpectAsync(HttpStatusCode.OK))["items"].Objects().Single(k => k.Str("userId") == officer.Id.ToString());
        Assert.Equal(created.Str("publicKey"), listed.Str("publicKey"));
        Assert.True(listed["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Two_enrolments_at_once_make_one_key_and_the_other_is_told()
    {
        var officer = await Host.UserAsync(Roles.ProtectionOfficer);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => officer.Client.PostJsonAsync(Url, Enrol(Passphrase))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<CustodianKey>().CountAsync(k => k.UserId == officer.Id)));
    }

    [Fact]
    public async Task Only_a_protection_officer_holds_a_key()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);

        await (await prosecutor.Client.PostJsonAsync(Url, Enrol(Passphrase))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await prosecutor.Client.PostJsonAsync(Url + "/passphrase", new JsonObject { ["passphrase"] = Passphrase, ["newPassphrase"] = Passphrase + "!" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await prosecutor.Client.GetAsync(Url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<CustodianKey>().CountAsync(k => k.UserId == prosecutor.Id)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short one")]
    public async Task A_weak_passphrase_is_refused_naming_it_and_nothing_is_written(string passphrase)
    {
        var officer = await Host.UserAsync(Roles.ProtectionOfficer);

        await (await officer.Client.PostJsonAsync(Url, Enrol(passphrase))).ExpectProblemAsync(HttpStatusCode.BadRequest, "passphrase");

        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<CustodianKey>().CountAsync(k => k.UserId == officer.Id)));
    }

    [Fact]
    public async Task A_new_passphrase_keeps_the_key_pair_and_a_wrong_one_is_refused_and_logged()
    {
        var officer = await Host.UserAsync(Roles.ProtectionOfficer);
        var created = await (await officer.Client.PostJsonAsync(Url, Enrol(Passphrase))).ExpectAsync(HttpStatusCode.Created);
        const string next = "новая парольная фраза хранителя";

        var wrong = await officer.Client.PostJsonAsync(Url + "/passphrase", new JsonObject { ["passphrase"] = "не та фраза вовсе", ["newPassphrase"] = next });
        await wrong.ExpectProblemAsync(HttpStatusCode.BadRequest, "passphrase");
        var weak = await officer.Client.PostJsonAsync(Url + "/passphrase", new JsonObject { ["passphrase"] = Passphrase, ["newPassphrase"] = "short" });
        await weak.ExpectProblemAsync(HttpStatusCode.BadRequest, "newPassphrase");
        var changed = await (await officer.Client.PostJsonAsync(Url + "/passphrase", new JsonObject { ["passphrase"] = Passphrase, ["newPassphrase"] = next }))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(created.Str("publicKey"), changed.Str("publicKey"));
        Assert.Equal("passphraseChanged", changed.Str("reason"));
        var rows = await Host.WithDbAsync(db => db.Set<CustodianKey>().Where(k => k.UserId == officer.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        var first = rows.Single(k => k.Replaces is null);
        Assert.Equal(created.Str("id"), first.Id.ToString());
        var second = rows.Single(k => k.Replaces == first.Id);
        Assert.Equal(changed.Str("id"), second.Id.ToString());
        var newest = SealedHolderKey.FromJson(second.Sealed);
        Assert.False(HolderKeys.TryUnlock(newest, Passphrase, out _));
        Assert.True(HolderKeys.TryUnlock(newest, next, out var opened));
        opened.Dispose();
        var denied = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == officer.Id && e.Action == "custodian.key.change" && e.Outcome == "denied"));
        Assert.Equal(1, denied);
    }

    [Fact]
    public async Task A_public_key_swapped_in_the_database_is_not_trusted_for_sealing()
    {
        var honest = await Host.UserAsync(Roles.ProtectionOfficer);
        var swapped = await Host.UserAsync(Roles.ProtectionOfficer);
        var honestKey = await (await honest.Client.PostJsonAsync(Url, Enrol(Passphrase))).ExpectAsync(HttpStatusCode.Created);
        await (await swapped.Client.PostJsonAsync(Url, Enrol(Passphrase))).ExpectAsync(HttpStatusCode.Created);

        // Someone with write access to the database puts a key of their own in place of the custodian's.
        var intruder = HolderKeys.Create("ключ постороннего человека");
        var intruderKey = System.Buffers.Text.Base64Url.EncodeToString(intruder.PublicKey);
        await Host.WithDbAsync(db => db.Set<CustodianKey>().Where(k => k.UserId == swapped.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.PublicKey, intruderKey).SetProperty(k => k.Sealed, intruder.ToJson())));

        var recipients = await Host.WithDbAsync(async db =>
        {
            await using var scope = Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Custodians>().RecipientsAsync(CancellationToken.None);
        });
        Assert.Contains(recipients, r => r.HolderId == honest.Id.ToString() && System.Buffers.Text.Base64Url.EncodeToString(r.PublicKey) == honestKey.Str("publicKey"));
        Assert.DoesNotContain(recipients, r => r.HolderId == swapped.Id.ToString());
        var listed = (await (await honest.Client.GetAsync(Url)).ExpectAsync(HttpStatusCode.OK))["items"].Objects().Single(k => k.Str("userId") == swapped.Id.ToString());
        Assert.False(listed["verified"]!.GetValue<bool>());

        // A passphrase change does not turn the swapped key into a logged, trusted one.
        await (await swapped.Client.PostJsonAsync(Url + "/passphrase", new JsonObject { ["passphrase"] = "ключ постороннего человека", ["newPassphrase"] = "новая фраза постороннего" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<CustodianKey>().CountAsync(k => k.UserId == swapped.Id)));
    }

    [Fact]
    public async Task A_deactivated_custodian_is_sealed_for_no_more()
    {
        var leaving = await Host.UserAsync(Roles.ProtectionOfficer);
        var staying = await Host.UserAsync(Roles.ProtectionOfficer);
        await (await leaving.Client.PostJsonAsync(Url, Enrol(Passphrase))).ExpectAsync(HttpStatusCode.Created);
        await (await staying.Client.PostJsonAsync(Url, Enrol(Passphrase))).ExpectAsync(HttpStatusCode.Created);
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var admin = await Host.UserAsync(Roles.Administrator, region: null);
            var v = new Aigaq.Web.Validation();
            Assert.NotNull(await UserAccounts.ChangeAsync(scope.ServiceProvider, leaving.Id, admin.Id, new(Roles.ProtectionOfficer, "KZ-75", null, true), "уволен", v, CancellationToken.None));
        }

        await using var check = Host.Services.CreateAsyncScope();
        var recipients = await check.ServiceProvider.GetRequiredService<Custodians>().RecipientsAsync(CancellationToken.None);
        Assert.DoesNotContain(recipients, r => r.HolderId == leaving.Id.ToString());
        Assert.Contains(recipients, r => r.HolderId == staying.Id.ToString());
    }
}

public sealed class CustodianKeysOnSqlite(SqliteHost fixture) : CustodianKeysTests(fixture), IClassFixture<SqliteHost>;

public sealed class CustodianKeysOnPostgres(PostgresHost fixture) : CustodianKeysTests(fixture), IClassFixture<PostgresHost>;
