using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>
/// <c>{ "risk"?, "disclosure"?, "reportId"?, "caseId"?, "detentionId"?, "reason" }</c>: a new risk or disclosure level,
/// or one more report, case or detention the person belongs to, and why.
/// </summary>
public sealed record ChangeProtectedPersonRequest(
    RiskLevel? Risk, Disclosure? Disclosure, Guid? ReportId, Guid? CaseId, Guid? DetentionId, string? Reason);

/// <summary>
/// What changed about a protected person after registration (issue 15, item 1): the registered row never changes; the
/// person's risk and disclosure now are those of the latest change that names them, and their links are the
/// registration's and every change's.
/// </summary>
public sealed class ProtectedPersonChange
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }

    /// <summary>1 for the person's first change, and so on: the order of changes made within one clock tick, and two at once meet on the unique index.</summary>
    public int Number { get; init; }

    public RiskLevel? Risk { get; init; }
    public Disclosure? Disclosure { get; init; }
    public Guid? ReportId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? DetentionId { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class ProtectedPersonChangeConfiguration : IEntityTypeConfiguration<ProtectedPersonChange>
{
    public void Configure(EntityTypeBuilder<ProtectedPersonChange> b)
    {
        b.ToTable("protected_person_changes");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.PersonId, c.Number }).IsUnique();
        b.HasOne<ProtectedPerson>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Reason).HasMaxLength(ChangeProtectedPerson.MaxReason);
    }
}

/// <summary>A change as answered.</summary>
public sealed record ProtectedPersonChangeView(
    Guid Id, DateTimeOffset At, RiskLevel? Risk, Disclosure? Disclosure, Guid? ReportId, Guid? CaseId, Guid? DetentionId, string Reason)
{
    public static ProtectedPersonChangeView Of(ProtectedPersonChange c) => new(c.Id, c.RecordedAt, c.Risk, c.Disclosure, c.ReportId, c.CaseId, c.DetentionId, c.Reason);
}

/// <summary>Records a change of a protected person the user may read (<see cref="GetProtectedPerson.Visible"/>).</summary>
public sealed class ChangeProtectedPerson(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public const int MaxReason = 2000;

    public async Task<Outcome<ProtectedPersonChangeView>> HandleAsync(Guid id, ChangeProtectedPersonRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await GetProtectedPerson.Visible(db.Set<ProtectedPerson>(), user).AnyAsync(p => p.Id == id, ct))
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protected person"));
        }

        var v = new Validation();
        var reason = v.Required("reason", request.Reason, MaxReason);
        if (request is { Risk: null, Disclosure: null, ReportId: null, CaseId: null, DetentionId: null })
        {
            v.Add("risk", "a change needs a risk, a disclosure or a report, case or detention to link");
        }

        if (request.ReportId is { } reportId && !await db.Set<Report>().AnyAsync(r => r.Id == reportId, ct))
        {
            v.Add("reportId", "is not a received report");
        }

        if (request.CaseId is { } caseId && !await db.Set<Case>().AnyAsync(c => c.Id == caseId, ct))
        {
            v.Add("caseId", "is not a registered case");
        }

        if (request.DetentionId is { } detentionId && !await db.Set<Detention>().AnyAsync(d => d.Id == detentionId, ct))
        {
            v.Add("detentionId", "is not a registered detention");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var change = await AddAsync(db, id, request with { Reason = reason }, user.RequiredUserId(), clock.GetUtcNow(), ct);
        log.Add(user, "protected.change", id.ToString(), "allowed");
        return Outcome<ProtectedPersonChangeView>.Created(() => ProtectedPersonChangeView.Of(change), $"/api/v1/protected-persons/{id}");
    }

    /// <summary>Adds a checked change, numbered after the person's last, and its log entry.</summary>
    internal static async Task<ProtectedPersonChange> AddAsync(
        AigaqDb db, Guid personId, ChangeProtectedPersonRequest checkedRequest, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        var number = await db.Set<ProtectedPersonChange>().CountAsync(c => c.PersonId == personId, ct) + 1;
        var change = new ProtectedPersonChange
        {
            Id = Guid.CreateVersion7(now),
            PersonId = personId,
            Number = number,
            Risk = checkedRequest.Risk,
            Disclosure = checkedRequest.Disclosure,
            ReportId = checkedRequest.ReportId,
            CaseId = checkedRequest.CaseId,
            DetentionId = checkedRequest.DetentionId,
            Reason = checkedRequest.Reason!,
            RecordedAt = now,
            RecordedBy = by,
        };
        db.Add(change);
        LedgerWriter.Append(db, ProtectionLedger.ProtectedPersonChanged, change.Id, now, ProtectionLedger.Content(change));
        return change;
    }
}
