using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Visits;

/// <summary>How soon the monitoring team asks the authority to act (CONTRACT.md).</summary>
public enum RecommendationPriority
{
    Urgent,
    High,
    Normal,
}

/// <summary>What the authority answered to a recommendation (CONTRACT.md).</summary>
public enum RecommendationResponseStatus
{
    Accepted,
    PartlyAccepted,
    Rejected,
    Implemented,
}

/// <summary>What the team found when it checked a recommendation again at a later visit to the place.</summary>
public enum RecommendationFinding
{
    Implemented,
    Partly,
    Not,
}

/// <summary>
/// A recommendation a monitoring team made on a visit to the authority running the place (issue 17, item 8): to whom,
/// on which checklist theme, the text, the priority and the day by which a response is asked (its end in the pack's zone,
/// <see cref="ResponseDueAt"/>, is what the overdue scan compares). <see cref="RepeatsId"/> is the earlier recommendation
/// to the same place it makes again, when it does (ADR 0030, addendum). Registered once: responses and checks are rows of
/// their own. The addressee and the text may name people: the log holds their digests.
/// </summary>
public sealed class VisitRecommendation : ISequenced
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public required string Number { get; init; }
    public Guid VisitId { get; init; }
    public Guid FacilityId { get; init; }

    /// <summary>The visit's (the facility's) region, which scopes who reads and follows the recommendation.</summary>
    public required string Region { get; init; }
    public required string Addressee { get; init; }
    public required string Theme { get; init; }
    public required string Text { get; init; }
    public RecommendationPriority Priority { get; init; }
    public DateOnly ResponseDueBy { get; init; }
    public DateTimeOffset ResponseDueAt { get; init; }
    public Guid? RepeatsId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>The recommendations <paramref name="user"/> may read: a monitor those of their region (as visits); else none.</summary>
    public static IQueryable<VisitRecommendation> Readable(IQueryable<VisitRecommendation> query, ClaimsPrincipal user)
    {
        var region = user.RegionScope();
        return region is null || !user.IsInRole(Roles.Monitor) ? query.Where(_ => false) : query.Where(r => r.Region == region);
    }
}

/// <summary>The authority's response to a recommendation, as a monitor recorded it: appended; the latest (by <see cref="At"/>) is the status.</summary>
public sealed class VisitRecommendationResponse
{
    public Guid Id { get; init; }
    public Guid RecommendationId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Text { get; init; }
    public RecommendationResponseStatus Status { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>A recommendation checked again on a later visit to the place: what the team found, with a note.</summary>
public sealed class VisitRecommendationCheck
{
    public Guid Id { get; init; }
    public Guid RecommendationId { get; init; }
    public Guid VisitId { get; init; }
    public DateTimeOffset At { get; init; }
    public RecommendationFinding Finding { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>What is open: a recommendation stays open until a team's latest check of it found it implemented.</summary>
public static class RecommendationState
{
    /// <summary>
    /// The recommendations not found implemented by the team's latest check (by <paramref name="by"/>, when given): the
    /// authority's word that it acted is recorded as its response, and a team sees for itself (ADR 0030, addendum).
    /// </summary>
    public static IQueryable<VisitRecommendation> Open(IQueryable<VisitRecommendation> query, IQueryable<VisitRecommendationCheck> checks, DateTimeOffset? by = null)
    {
        if (by is { } until)
        {
            // As of the instant itself: a plan read now counts what was recorded now.
            return query.Where(r => r.RecordedAt <= until
                && checks.Where(c => c.RecommendationId == r.Id && c.At <= until).OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt)
                    .Select(c => (RecommendationFinding?)c.Finding).FirstOrDefault() != RecommendationFinding.Implemented);
        }

        return query.Where(r => checks.Where(c => c.RecommendationId == r.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt)
            .Select(c => (RecommendationFinding?)c.Finding).FirstOrDefault() != RecommendationFinding.Implemented);
    }
}

internal sealed class VisitRecommendationConfiguration :
    IEntityTypeConfiguration<VisitRecommendation>, IEntityTypeConfiguration<VisitRecommendationResponse>, IEntityTypeConfiguration<VisitRecommendationCheck>
{
    public const int MaxText = 4000;

    public void Configure(EntityTypeBuilder<VisitRecommendation> b)
    {
        b.ToTable("visit_recommendations");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Seq).IsUnique();
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => new { r.Region, r.Seq });
        b.HasIndex(r => new { r.FacilityId, r.Theme });
        b.HasIndex(r => r.VisitId);
        b.HasIndex(r => r.ResponseDueAt);
        b.HasOne<Visit>().WithMany().HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Facility>().WithMany().HasForeignKey(r => r.FacilityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<VisitRecommendation>().WithMany().HasForeignKey(r => r.RepeatsId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Number).HasMaxLength(20);
        b.Property(r => r.Region).HasMaxLength(8);
        b.Property(r => r.Addressee).HasMaxLength(PlanVisit.MaxName);
        b.Property(r => r.Theme).HasMaxLength(40);
        b.Property(r => r.Text).HasMaxLength(MaxText);
    }

    public void Configure(EntityTypeBuilder<VisitRecommendationResponse> b)
    {
        b.ToTable("visit_recommendation_responses");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.RecommendationId, r.At });
        b.HasOne<VisitRecommendation>().WithMany().HasForeignKey(r => r.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Text).HasMaxLength(MaxText);
    }

    public void Configure(EntityTypeBuilder<VisitRecommendationCheck> b)
    {
        b.ToTable("visit_recommendation_checks");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.RecommendationId, c.At });
        // One check of a recommendation per visit: a second is refused, and two at once meet here.
        b.HasIndex(c => new { c.RecommendationId, c.VisitId }).IsUnique();
        b.HasOne<VisitRecommendation>().WithMany().HasForeignKey(c => c.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Visit>().WithMany().HasForeignKey(c => c.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Note).HasMaxLength(PlanVisit.MaxText);
    }
}
