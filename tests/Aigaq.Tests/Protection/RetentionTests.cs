using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Protection;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Protection;

/// <summary>
/// Retention of protection records (issue 15, item 9; ADR 0024): a person's date is the pack's years after their last
/// recorded activity, shown on their page; only the region's protection officer extends it, with a reason, never to an
/// earlier date, and nothing is written for bad input; once it passes, the erasure removes the person and every record
/// that hangs from them, keeps a trace and the log's entries, and leaves everyone else alone.
/// </summary>
public abstract class RetentionTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private ProtectionRetentionRules Pack(DateTimeOffset at) => Host.Services.GetRequiredService<RulePackCatalog>().At(at).Protection.Retention;

    private static DateTimeOffset At(JsonNode? node, string name) => DateTimeOffset.Parse(node.Str(name), CultureInfo.InvariantCulture);

    private static string Url(string personId) => $"/api/v1/protected-persons/{personId}";

    private static JsonObject Extend(DateTimeOffset? until, string? reason) => new() { ["retainUntil"] = until, ["reason"] = reason };

    /// <summary>A protection officer of KZ-75 and a person of the region; custodians' keys are made once per host.</summary>
    private async Task<(TestUser Officer, JsonObject Person)> PersonAsync(string lastName)
    {
        if (await Host.CountAsync<CustodianKey>() < 2)
        {
            for (var i = 0; i < 2; i++)
            {
                var custodian = await Host.UserAsync(Roles.ProtectionOfficer);
                await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
                    .ExpectAsync(HttpStatusCode.Created);
            }
        }

        var officer = await Host.UserAsync(Roles.ProtectionOfficer);
        var person = await (await officer.Client.PostJsonAsync("/api/v1/protected-persons", new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = lastName, ["firstName"] = "Ерлан", ["birthDate"] = "1986-05-17" } },
            ["role"] = "complainant",
            ["disclosure"] = "confidential",
            ["risk"] = "high",
        })).ExpectAsync(HttpStatusCode.Created);
        return (officer, person);
    }

    [Fact]
    public async Task The_date_follows_the_last_activity_and_only_the_regions_officer_extends_it_with_a_reason_never_shorter()
    {
        var (officer, person) = await PersonAsync("Сәрсенбаев");
        var id = person.Str("id");
        var registered = await (await officer.Client.GetAsync(Url(id))).ExpectAsync(HttpStatusCode.OK);
        var years = Pack(At(registered, "recordedAt")).YearsAfterLastActivity;
        Assert.Equal(At(registered, "recordedAt").AddYears(years), At(registered, "retainUntil"));

        // A change two hours later is activity: the date moves with it.
        Host.Clock.Advance(TimeSpan.FromHours(2));
        await (await officer.Client.PostJsonAsync($"{Url(id)}/changes", new JsonObject { ["risk"] = "medium", ["reason"] = "угрозы стихли" }))
            .ExpectAsync(HttpStatusCode.Created);
        var byRule = Host.Now.AddYears(years);
        Assert.Equal(byRule, At(await (await officer.Client.GetAsync(Url(id))).ExpectAsync(HttpStatusCode.OK), "retainUntil"));

        // Refused, naming the field, and nothing written: no reason, no date, an earlier or the same date, too far ahead.
        Task<int> Count() => Host.WithDbAsync(async db =>
            await db.Set<RetentionExtension>().CountAsync() + await db.Set<LedgerEntry>().CountAsync(e => e.Kind == ProtectionLedger.RetentionExtended));
        var before = await Count();
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(byRule.AddYears(1), " "))).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(null, "дело ещё идёт"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "retainUntil");
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(byRule.AddDays(-1), "дело ещё идёт"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "retainUntil");
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(byRule, "дело ещё идёт"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "retainUntil");
        var most = Host.Now.AddYears(Pack(Host.Now).ExtensionAtMostYears);
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(most.AddDays(1), "навсегда"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "retainUntil");

        // Deny: a police role lacks the permission; another region's officer and a prosecutor who registered none do not find the person.
        var police = await Host.UserAsync(Roles.Officer);
        await (await police.Client.PostJsonAsync($"{Url(id)}/retention", Extend(most, "хочу знать"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var elsewhere = await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71");
        await (await elsewhere.Client.PostJsonAsync($"{Url(id)}/retention", Extend(most, "чужой регион"))).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await Count());

        // Allow: a later date with a reason, once for one key; the page shows it and who may read it reads why.
        var key = Guid.NewGuid().ToString("N");
        var extended = await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(most, "идёт судебное разбирательство"), key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(most, "идёт судебное разбирательство"), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(extended.Str("id"), retry.Str("id"));
        var read = await (await officer.Client.GetAsync(Url(id))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(most, At(read, "retainUntil"));
        Assert.Equal("идёт судебное разбирательство", read["retentionExtensions"].Objects().Single().Str("reason"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ProtectionLedger.RetentionExtended && e.RecordId == Guid.Parse(extended.Str("id")))));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == officer.Id && e.Action == "protection.retention.extend" && e.Resource == id)));

        // Never back: a date before the extension is refused even though it is past the rule's.
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(most.AddDays(-1), "короче"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "retainUntil");
    }

    [Fact]
    public async Task An_expired_person_is_erased_with_every_record_leaving_a_trace_and_the_others_stay()
    {
        var (officer, person) = await PersonAsync("Тоқтаров");
        var (_, kept) = await PersonAsync("Жақсыбеков");
        var id = person.Str("id");
        var personId = Guid.Parse(id);

        // Something in every register: a change, an application decided, appealed and decided again, a measure changed,
        // a contact, a reprisal acted on, an identity request denied and (directly) a view of it.
        await (await officer.Client.PostJsonAsync($"{Url(id)}/changes", new JsonObject { ["risk"] = "medium", ["reason"] = "угрозы стихли" })).ExpectAsync(HttpStatusCode.Created);
        var application = await (await officer.Client.PostJsonAsync($"{Url(id)}/applications", new JsonObject
        {
            ["receivedAt"] = Host.Now.AddHours(-1),
            ["measures"] = new JsonArray("personalGuard"),
            ["decidingBody"] = new JsonObject { ["kind"] = "court", ["name"] = "Алмалинский районный суд" },
        })).ExpectAsync(HttpStatusCode.Created);
        var applicationId = application.Str("id");
        var decided = await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{applicationId}/decide", new JsonObject
        {
            ["decision"] = "granted",
            ["reason"] = "угроза подтверждена",
            ["measures"] = new JsonArray(new JsonObject { ["code"] = "personalGuard", ["implementingBody"] = "ДП г. Алматы" }),
        })).ExpectAsync(HttpStatusCode.Created);
        var measure = decided["decisions"].Objects().Single()["measures"].Objects().Single().Str("id");
        await (await officer.Client.PostJsonAsync($"/api/v1/protection-measures/{measure}/changes", new JsonObject { ["kind"] = "reviewed", ["reason"] = "сохраняется" }))
            .ExpectAsync(HttpStatusCode.Created);
        var appeal = await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{applicationId}/appeals",
            new JsonObject { ["filedAt"] = Host.Now, ["by"] = "protectedPerson", ["grounds"] = "мало" })).ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync($"/api/v1/protection-appeals/{appeal.Str("id")}/decide", new JsonObject { ["decision"] = "refused", ["reason"] = "достаточно" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync($"{Url(id)}/contacts", new JsonObject { ["at"] = Host.Now, ["channel"] = "phone" })).ExpectAsync(HttpStatusCode.Created);
        var reprisal = await (await officer.Client.PostJsonAsync("/api/v1/reprisals", new JsonObject
        {
            ["protectedPersonId"] = id,
            ["occurredAt"] = Host.Now.AddDays(-1),
            ["type"] = "threat",
            ["perpetrator"] = new JsonObject { ["agency"] = "police" },
            ["description"] = "угрожали по телефону",
            ["source"] = "person",
            ["reliability"] = "credible",
        })).ExpectAsync(HttpStatusCode.Created);
        var intervention = await (await officer.Client.PostJsonAsync($"/api/v1/reprisals/{reprisal.Str("id")}/interventions", new JsonObject
        {
            ["actor"] = "protectionOfficer",
            ["addressee"] = "supervisoryProsecutor",
            ["request"] = "проверить",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync($"/api/v1/reprisal-interventions/{intervention.Str("id")}/updates", new JsonObject { ["status"] = "answered", ["answer"] = "проверено" }))
            .ExpectAsync(HttpStatusCode.Created);
        var prosecutor = await Host.UserAsync(Roles.SpecialProsecutor);
        var asked = await (await prosecutor.Client.PostJsonAsync($"{Url(id)}/identity-requests", new JsonObject { ["reason"] = "допрос" })).ExpectAsync(HttpStatusCode.Created);
        var custodian = await Host.UserAsync(Roles.ProtectionOfficer);
        await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await custodian.Client.PostJsonAsync($"/api/v1/identity-requests/{asked.Str("id")}/decide", new JsonObject { ["decision"] = "denied", ["reason"] = "нет оснований" }))
            .ExpectAsync(HttpStatusCode.Created);
        await Host.WithDbAsync(db =>
        {
            db.Add(new IdentityView { Id = Guid.NewGuid(), RequestId = Guid.Parse(asked.Str("id")), ViewedBy = prosecutor.Id, ViewedAt = Host.Now });
            return db.SaveChangesAsync();
        });
        var alerts = await Host.WithDbAsync(db => db.Set<Alert>().Where(a => a.Key.EndsWith(":" + id)).Select(a => a.Id).ToListAsync());
        Task<int> AlertEntriesAsync() => Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == AlertLedger.State.Kind && alerts.Contains(e.RecordId)));
        var alertEntries = await AlertEntriesAsync();

        // Both kept a month past the rule's date, the other person a month more: the pass erases the first alone, at its
        // date and not a moment before.
        var until = At(await (await officer.Client.GetAsync(Url(id))).ExpectAsync(HttpStatusCode.OK), "retainUntil").AddMonths(1);
        await (await officer.Client.PostJsonAsync($"{Url(id)}/retention", Extend(until, "ждём приговора"))).ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync($"{Url(kept.Str("id"))}/retention", Extend(until.AddMonths(1), "разбирательство продолжается")))
            .ExpectAsync(HttpStatusCode.Created);
        var before = await RowsAsync(personId);
        Assert.All(before, t => Assert.True(t.Value > 0, t.Key));
        Assert.Equal(0, await EraseAsync(until.AddSeconds(-1)));
        Assert.Equal(1, await EraseAsync(until));
        Assert.Equal(0, await EraseAsync(until.AddDays(1)));

        var after = await RowsAsync(personId);
        Assert.All(after, t => Assert.True(t.Value == 0, $"{t.Key}: {t.Value} left"));
        await (await officer.Client.GetAsync(Url(id))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await officer.Client.GetAsync(Url(kept.Str("id")))).ExpectAsync(HttpStatusCode.OK);

        // The trace: pseudonym, dates and what the log holds of each kind; the log keeps every entry and gains one.
        var trace = await Host.WithDbAsync(db => db.Set<ProtectionErasure>().SingleAsync(e => e.PersonId == personId));
        Assert.Equal(person.Str("pseudonym"), trace.Pseudonym);
        Assert.Equal(until, trace.RetainUntil);
        Assert.Equal(until, trace.ErasedAt);
        var counts = JsonNode.Parse(trace.Counts)!.AsObject();
        Assert.Equal(1, counts[ProtectionLedger.ProtectedPersonRegistered]!.GetValue<int>());
        Assert.Equal(2, counts[ProtectionLedger.DecisionRecorded]!.GetValue<int>());
        Assert.Equal(1, counts[ProtectionLedger.ReprisalInterventionUpdate]!.GetValue<int>());
        Assert.Equal(0, counts[IdentityLedger.Viewed]!.GetValue<int>());
        Assert.DoesNotContain("Тоқтаров", trace.Records + trace.Counts, StringComparison.Ordinal);
        var records = JsonNode.Parse(trace.Records)!.AsObject();
        var pairs = records.SelectMany(r => r.Value!.AsArray().Select(x => (Kind: r.Key, Id: Guid.Parse(x!.GetValue<string>())))).ToList();
        var ids = pairs.Select(p => p.Id).ToList();
        var logged = (await Host.WithDbAsync(db => db.Set<LedgerEntry>().Where(e => ids.Contains(e.RecordId)).Select(e => new { e.Kind, e.RecordId }).ToListAsync()))
            .Count(e => pairs.Contains((e.Kind, e.RecordId)));
        Assert.Equal(counts.Sum(c => c.Value!.GetValue<int>()), logged);
        Assert.Equal(before.Values.Sum(), pairs.Count);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ProtectionLedger.Erased && e.RecordId == trace.Id)));

        // The person's alerts go too (one named the detention the person was held in beside their id), each deletion a
        // fact in the log, so that nothing left ties the trace to a named detainee.
        Assert.NotEmpty(alerts);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<Alert>().CountAsync(a => a.Key.EndsWith(":" + id))));
        Assert.Equal(alertEntries + alerts.Count, await AlertEntriesAsync());
    }

    private Task<int> EraseAsync(DateTimeOffset at) =>
        EraseExpired.RunAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), at, CancellationToken.None);

    /// <summary>Each table of protection records, with how many of its rows are the person's.</summary>
    private Task<Dictionary<string, int>> RowsAsync(Guid id) => Host.WithDbAsync(async db =>
    {
        var applications = db.Set<ProtectionApplication>().Where(a => a.PersonId == id).Select(a => a.Id);
        var measures = db.Set<ProtectionMeasure>().Where(m => m.PersonId == id).Select(m => m.Id);
        var reprisals = db.Set<Reprisal>().Where(r => r.ProtectedPersonId == id).Select(r => r.Id);
        var interventions = db.Set<ReprisalIntervention>().Where(i => reprisals.Contains(i.ReprisalId)).Select(i => i.Id);
        var requests = db.Set<IdentityRequest>().Where(r => r.ProtectedPersonId == id).Select(r => r.Id);
        return new Dictionary<string, int>
        {
            ["protected_persons"] = await db.Set<ProtectedPerson>().CountAsync(p => p.Id == id),
            ["protected_person_changes"] = await db.Set<ProtectedPersonChange>().CountAsync(c => c.PersonId == id),
            ["protection_retentions"] = await db.Set<RetentionExtension>().CountAsync(r => r.PersonId == id),
            ["protection_applications"] = await applications.CountAsync(),
            ["protection_decisions"] = await db.Set<ProtectionDecision>().CountAsync(d => applications.Contains(d.ApplicationId)),
            ["protection_appeals"] = await db.Set<ProtectionAppeal>().CountAsync(a => applications.Contains(a.ApplicationId)),
            ["protection_measures"] = await measures.CountAsync(),
            ["protection_measure_changes"] = await db.Set<ProtectionMeasureChange>().CountAsync(c => measures.Contains(c.MeasureId)),
            ["protection_contacts"] = await db.Set<FollowUpContact>().CountAsync(c => c.PersonId == id),
            ["reprisals"] = await reprisals.CountAsync(),
            ["reprisal_interventions"] = await interventions.CountAsync(),
            ["reprisal_intervention_updates"] = await db.Set<ReprisalInterventionUpdate>().CountAsync(u => interventions.Contains(u.InterventionId)),
            ["identity_requests"] = await requests.CountAsync(),
            ["identity_decisions"] = await db.Set<IdentityDecision>().CountAsync(d => requests.Contains(d.RequestId)),
            ["identity_views"] = await db.Set<IdentityView>().CountAsync(v => requests.Contains(v.RequestId)),
        };
    });
}

public sealed class RetentionOnSqlite(SqliteHost fixture) : RetentionTests(fixture), IClassFixture<SqliteHost>;

public sealed class RetentionOnPostgres(PostgresHost fixture) : RetentionTests(fixture), IClassFixture<PostgresHost>;
