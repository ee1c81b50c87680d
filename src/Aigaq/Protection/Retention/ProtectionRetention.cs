using Aigaq.Data;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>
/// A later retention date for a protected person's records, set by an officer with a reason (issue 15, item 9; ADR 0024).
/// Never changed and never shorter than the date before it: the person's date is the latest of these and the pack's.
/// </summary>
public sealed class RetentionExtension
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset RetainUntil { get; init; }

    /// <summary>Why the records are kept longer (free text that may name people: the log holds its digest only).</summary>
    public required string Reason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// What is left of a protected person whose retention date passed and whose records were erased: the pseudonym, the
/// dates, and per log kind the records erased (<see cref="Records"/>, ids only) and the log entries they had
/// (<see cref="Counts"/>, <see cref="EntriesDigest"/>). The log keeps those entries, which hold only commitments; the
/// audit accepts their records' absence because this trace accounts for each of them, and names anything else.
/// </summary>
public sealed class ProtectionErasure
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public required string Pseudonym { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset RetainUntil { get; init; }
    public DateTimeOffset ErasedAt { get; init; }

    /// <summary>JSON: <c>{ kind: [recordId, ...] }</c>, kinds and ids in ordinal order.</summary>
    public required string Records { get; init; }

    /// <summary>JSON: <c>{ kind: number of log entries }</c> of the records erased.</summary>
    public required string Counts { get; init; }

    /// <summary>base64(SHA-256) of the erased records' log entries, one line "index kind recordId commitment" each, in index order.</summary>
    public required string EntriesDigest { get; init; }
}

internal sealed class RetentionConfiguration : IEntityTypeConfiguration<RetentionExtension>, IEntityTypeConfiguration<ProtectionErasure>
{
    public void Configure(EntityTypeBuilder<RetentionExtension> b)
    {
        b.ToTable("protection_retentions");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.PersonId, r.RetainUntil });
        b.Property(r => r.Reason).HasMaxLength(ExtendRetention.MaxReason);
        b.HasOne<ProtectedPerson>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ProtectionErasure> b)
    {
        // No foreign key: the person it speaks of is gone.
        b.ToTable("protection_erasures");
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.PersonId).IsUnique();
        b.Property(e => e.Pseudonym).HasMaxLength(16);
        b.Property(e => e.EntriesDigest).HasMaxLength(44);
        // About 40 characters a record: room for some twenty thousand records of one person.
        b.Property(e => e.Records).HasMaxLength(1_000_000);
        b.Property(e => e.Counts).HasMaxLength(2000);
    }
}

public sealed record RetentionExtensionView(Guid Id, DateTimeOffset RetainUntil, string Reason, DateTimeOffset RecordedAt);

/// <summary>A protected person's retention date, computed (ADR 0024): nothing of it is stored on the person's row.</summary>
public static class ProtectionRetention
{
    /// <summary>
    /// The later of: the pack's years (the pack in force at registration) after the person's last recorded activity, and
    /// the latest extension. So a person registered before retention existed has a date too, and no row is rewritten.
    /// </summary>
    public static async Task<DateTimeOffset> RetainUntilAsync(AigaqDb db, RulePackCatalog rules, Guid personId, DateTimeOffset registeredAt, CancellationToken ct)
    {
        var years = rules.At(registeredAt).Protection.Retention.YearsAfterLastActivity;
        var byRule = (await LastActivityAsync(db, personId, registeredAt, ct)).AddYears(years);
        var extended = await db.Set<RetentionExtension>().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.RetainUntil).Select(r => (DateTimeOffset?)r.RetainUntil).FirstOrDefaultAsync(ct);
        return extended is { } until && until > byRule ? until : byRule;
    }

    /// <summary>
    /// When a fact of the person's protection was last recorded: a change, an application and what followed it, a
    /// contact, a reprisal and what was done about it. Identity requests do not count: asking to see who a person is
    /// should not keep their identity longer.
    /// </summary>
    public static async Task<DateTimeOffset> LastActivityAsync(AigaqDb db, Guid personId, DateTimeOffset registeredAt, CancellationToken ct)
    {
        var applications = db.Set<ProtectionApplication>().Where(a => a.PersonId == personId).Select(a => a.Id);
        var measures = db.Set<ProtectionMeasure>().Where(m => m.PersonId == personId).Select(m => m.Id);
        var reprisals = db.Set<Reprisal>().Where(r => r.ProtectedPersonId == personId).Select(r => r.Id);
        var interventions = db.Set<ReprisalIntervention>().Where(i => reprisals.Contains(i.ReprisalId)).Select(i => i.Id);
        IQueryable<DateTimeOffset>[] times =
        [
            db.Set<ProtectedPersonChange>().Where(c => c.PersonId == personId).Select(c => c.RecordedAt),
            db.Set<ProtectionApplication>().Where(a => a.PersonId == personId).Select(a => a.RecordedAt),
            db.Set<ProtectionDecision>().Where(d => applications.Contains(d.ApplicationId)).Select(d => d.RecordedAt),
            db.Set<ProtectionAppeal>().Where(a => applications.Contains(a.ApplicationId)).Select(a => a.RecordedAt),
            db.Set<ProtectionMeasure>().Where(m => m.PersonId == personId).Select(m => m.RecordedAt),
            db.Set<ProtectionMeasureChange>().Where(c => measures.Contains(c.MeasureId)).Select(c => c.RecordedAt),
            db.Set<FollowUpContact>().Where(c => c.PersonId == personId).Select(c => c.RecordedAt),
            db.Set<Reprisal>().Where(r => r.ProtectedPersonId == personId).Select(r => r.RecordedAt),
            db.Set<ReprisalIntervention>().Where(i => reprisals.Contains(i.ReprisalId)).Select(i => i.RecordedAt),
            db.Set<ReprisalInterventionUpdate>().Where(u => interventions.Contains(u.InterventionId)).Select(u => u.RecordedAt),
        ];
        var last = registeredAt;
        foreach (var query in times)
        {
            var latest = await query.OrderByDescending(t => t).Select(t => (DateTimeOffset?)t).FirstOrDefaultAsync(ct);
            if (latest > last)
            {
                last = latest.Value;
            }
        }

        return last;
    }

    public static RetentionExtensionView View(RetentionExtension r) => new(r.Id, r.RetainUntil, r.Reason, r.RecordedAt);
}
