using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Erases the protected persons whose retention date has passed (issue 15, item 9; ADR 0024): each person with every
/// record that hangs from them, children first, in one transaction that also stores the trace
/// (<see cref="ProtectionErasure"/>) and its log entry. The log keeps the erased records' entries (commitments only).
/// Run by <see cref="RetentionScanner"/> and by <c>aigaq protection erase-expired</c>; safe to run on several nodes at
/// once: the trace's unique person id lets only one erasure of a person commit.
/// </summary>
public static class EraseExpired
{
    private const int Batch = 100;

    /// <summary>Erases every person expired at <paramref name="now"/>; returns how many.</summary>
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        var erased = 0;
        var seen = long.MinValue;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
            var rules = scope.ServiceProvider.GetRequiredService<RulePackCatalog>();

            // No one is erased earlier than the fewest years of any pack after registration; each candidate is then judged exactly.
            var registeredBy = now.AddYears(-rules.All.Min(p => p.Protection.Retention.YearsAfterLastActivity));
            var candidates = await db.Set<ProtectedPerson>().AsNoTracking()
                .Where(p => p.RecordedAt <= registeredBy && p.Seq > seen).OrderBy(p => p.Seq).Take(Batch).ToListAsync(ct);
            if (candidates.Count == 0)
            {
                return erased;
            }

            foreach (var person in candidates)
            {
                seen = person.Seq;
                if (await ProtectionRetention.RetainUntilAsync(db, rules, person.Id, person.RecordedAt, ct) <= now)
                {
                    erased += await EraseAsync(db, scope.ServiceProvider.GetService<SqliteWriteGate>(), rules, person, now, ct) is null ? 0 : 1;
                }
            }
        }
    }

    /// <summary>
    /// Erases one person whose retention date has passed at <paramref name="now"/> and stores the trace, in one
    /// transaction; null, with nothing written, when the date has not passed (an extension may have come in since the
    /// person was found) or the erasure had to give way.
    /// </summary>
    public static async Task<ProtectionErasure?> EraseAsync(
        AigaqDb db, SqliteWriteGate? gate, RulePackCatalog rules, ProtectedPerson person, DateTimeOffset now, CancellationToken ct)
    {
        using var turn = gate is null ? null : await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // The person's row locked first: a record being added for them (each holds a foreign key to the person, or to
            // a request that does) either committed before this and is read below, or waits and then fails, answered 409.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM protected_persons WHERE \"Id\" = {person.Id} FOR UPDATE", ct);
        }

        try
        {
            return await EraseLockedAsync(db, tx, rules, person, now, ct);
        }
        catch (Exception e) when (e is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation } }
            or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
        {
            // A record of the person committed while this ran: not now; the next pass erases them with it.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private static async Task<ProtectionErasure?> EraseLockedAsync(
        AigaqDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, RulePackCatalog rules, ProtectedPerson person, DateTimeOffset now, CancellationToken ct)
    {
        var retainUntil = await ProtectionRetention.RetainUntilAsync(db, rules, person.Id, person.RecordedAt, ct);
        if (retainUntil > now)
        {
            await tx.RollbackAsync(ct);
            return null;
        }

        var id = person.Id;
        var applications = await db.Set<ProtectionApplication>().Where(a => a.PersonId == id).Select(a => a.Id).ToListAsync(ct);
        var decisions = await db.Set<ProtectionDecision>().Where(d => applications.Contains(d.ApplicationId)).Select(d => new { d.Id, d.Round }).ToListAsync(ct);
        var appeals = await db.Set<ProtectionAppeal>().Where(a => applications.Contains(a.ApplicationId)).Select(a => new { a.Id, a.Round }).ToListAsync(ct);
        var measures = await db.Set<ProtectionMeasure>().Where(m => m.PersonId == id || applications.Contains(m.ApplicationId)).Select(m => m.Id).ToListAsync(ct);
        var reprisals = await db.Set<Reprisal>().Where(r => r.ProtectedPersonId == id).Select(r => r.Id).ToListAsync(ct);
        var interventions = await db.Set<ReprisalIntervention>().Where(i => reprisals.Contains(i.ReprisalId)).Select(i => i.Id).ToListAsync(ct);
        var requests = await db.Set<IdentityRequest>().Where(r => r.ProtectedPersonId == id).Select(r => r.Id).ToListAsync(ct);
        var changes = await db.Set<ProtectedPersonChange>().Where(c => c.PersonId == id).Select(c => c.Id).ToListAsync(ct);
        var extensions = await db.Set<RetentionExtension>().Where(r => r.PersonId == id).Select(r => r.Id).ToListAsync(ct);
        var measureChanges = await db.Set<ProtectionMeasureChange>().Where(c => measures.Contains(c.MeasureId)).Select(c => c.Id).ToListAsync(ct);
        var contacts = await db.Set<FollowUpContact>().Where(c => c.PersonId == id).Select(c => c.Id).ToListAsync(ct);
        var updates = await db.Set<ReprisalInterventionUpdate>().Where(u => interventions.Contains(u.InterventionId)).Select(u => u.Id).ToListAsync(ct);
        var identityDecisions = await db.Set<IdentityDecision>().Where(d => requests.Contains(d.RequestId)).Select(d => d.Id).ToListAsync(ct);
        var views = await db.Set<IdentityView>().Where(v => requests.Contains(v.RequestId)).Select(v => v.Id).ToListAsync(ct);
        var records = new SortedDictionary<string, List<Guid>>(StringComparer.Ordinal)
        {
            [ProtectionLedger.ProtectedPersonRegistered] = [id],
            [ProtectionLedger.ProtectedPersonChanged] = changes,
            [ProtectionLedger.RetentionExtended] = extensions,
            [ProtectionLedger.ApplicationReceived] = applications,
            [ProtectionLedger.DecisionRecorded] = [.. decisions.Select(d => d.Id)],
            [ProtectionLedger.AppealFiled] = [.. appeals.Select(a => a.Id)],
            [ProtectionLedger.MeasureInForce] = measures,
            [ProtectionLedger.MeasureChanged] = measureChanges,
            [ProtectionLedger.ContactRecorded] = contacts,
            [ProtectionLedger.ReprisalRecorded] = reprisals,
            [ProtectionLedger.ReprisalIntervention] = interventions,
            [ProtectionLedger.ReprisalInterventionUpdate] = updates,
            [IdentityLedger.Requested] = requests,
            [IdentityLedger.Decided] = identityDecisions,
            [IdentityLedger.Viewed] = views,
        };
        var (counts, digest) = await ErasedRecords.OfLogAsync(db, records, ct);

        // The person's alerts: one raised from the custody register names the detention the person was held in beside
        // the person's id, which the trace keeps. They go with the person, each removal a deletion the log records
        // (alert.state), so that nothing left ties the trace to a named detainee.
        var suffix = MatchDetentions.KeySuffix(id);
        db.RemoveRange(await db.Set<Alerts.Alert>().Where(a => a.Key.EndsWith(suffix)).ToListAsync(ct));

        // Children first: the registers' foreign keys restrict. A decision names the appeal it answers and an appeal the
        // decision it appeals, a chain by round: the latest round goes first, its decision before its appeal.
        await db.Set<IdentityView>().Where(v => views.Contains(v.Id)).ExecuteDeleteAsync(ct);
        await db.Set<IdentityDecision>().Where(d => identityDecisions.Contains(d.Id)).ExecuteDeleteAsync(ct);
        await db.Set<IdentityRequest>().Where(r => requests.Contains(r.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ReprisalInterventionUpdate>().Where(u => updates.Contains(u.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ReprisalIntervention>().Where(i => interventions.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await db.Set<Reprisal>().Where(r => reprisals.Contains(r.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ProtectionMeasureChange>().Where(c => measureChanges.Contains(c.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ProtectionMeasure>().Where(m => measures.Contains(m.Id)).ExecuteDeleteAsync(ct);
        foreach (var round in decisions.Select(d => d.Round).Concat(appeals.Select(a => a.Round)).Distinct().OrderDescending())
        {
            var decisionIds = decisions.Where(d => d.Round == round).Select(d => d.Id).ToList();
            var appealIds = appeals.Where(a => a.Round == round).Select(a => a.Id).ToList();
            await db.Set<ProtectionDecision>().Where(d => decisionIds.Contains(d.Id)).ExecuteDeleteAsync(ct);
            await db.Set<ProtectionAppeal>().Where(a => appealIds.Contains(a.Id)).ExecuteDeleteAsync(ct);
        }

        await db.Set<ProtectionApplication>().Where(a => applications.Contains(a.Id)).ExecuteDeleteAsync(ct);
        await db.Set<FollowUpContact>().Where(c => contacts.Contains(c.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ProtectedPersonChange>().Where(c => changes.Contains(c.Id)).ExecuteDeleteAsync(ct);
        await db.Set<RetentionExtension>().Where(r => extensions.Contains(r.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ProtectedPerson>().Where(p => p.Id == id).ExecuteDeleteAsync(ct);

        var trace = new ProtectionErasure
        {
            Id = Guid.CreateVersion7(now),
            PersonId = id,
            Pseudonym = person.Pseudonym,
            RegisteredAt = person.RecordedAt,
            RetainUntil = retainUntil,
            ErasedAt = now,
            Records = ErasedRecords.Json(records),
            Counts = counts,
            EntriesDigest = digest,
        };
        db.Add(trace);
        LedgerWriter.Append(db, ProtectionLedger.Erased, trace.Id, now, ProtectionLedger.Content(trace));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return trace;
    }
}
