using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Recommendations;

/// <summary>
/// A correction of a registered recommendation (issue 18): the registered row is never changed; a correction is a new
/// row saying who, when and why, holding the values of every correctable field after it (the summary in each language,
/// themes, affected groups, addressees, the follow-up due date, related recommendations) and naming those it changed
/// (<see cref="Fields"/>). The current recommendation is the registered one with its latest correction applied
/// (<see cref="Current"/>). <see cref="Revision"/> counts from 1 and is unique per recommendation, so that two corrections
/// made at once from the same state meet on the index instead of one silently undoing the other.
/// </summary>
public sealed class RecommendationCorrection
{
    public Guid Id { get; init; }
    public Guid RecommendationId { get; init; }
    public int Revision { get; init; }

    /// <summary>Why the recommendation was corrected: people's words, committed to the log as a digest.</summary>
    public required string Reason { get; init; }

    /// <summary>A JSON array of the fields this correction changed, by their API names (<c>summary</c>, <c>summaries.kk</c>...).</summary>
    public required string Fields { get; init; }

    public required string Summary { get; init; }
    public string? SummaryKk { get; init; }
    public string? SummaryRu { get; init; }
    public string? SummaryEn { get; init; }
    public DateOnly? FollowUpDueBy { get; init; }
    public required string Themes { get; init; }
    public required string AffectedGroups { get; init; }
    public required string Addressees { get; init; }
    public required string Related { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>The recommendation as it stands after <paramref name="latest"/> (none: as registered). A copy, never tracked.</summary>
    public static Recommendation Current(Recommendation r, RecommendationCorrection? latest) => latest is null ? r : new Recommendation
    {
        Id = r.Id,
        Mechanism = r.Mechanism,
        Document = r.Document,
        Paragraph = r.Paragraph,
        SubParagraph = r.SubParagraph,
        Summary = latest.Summary,
        SummaryKk = latest.SummaryKk,
        SummaryRu = latest.SummaryRu,
        SummaryEn = latest.SummaryEn,
        AdoptedAt = r.AdoptedAt,
        FollowUp = r.FollowUp,
        FollowUpDueBy = latest.FollowUpDueBy,
        Themes = latest.Themes,
        AffectedGroups = latest.AffectedGroups,
        Addressees = latest.Addressees,
        Related = latest.Related,
        Source = r.Source,
        RecordedAt = r.RecordedAt,
        RecordedBy = r.RecordedBy,
        RulePackId = r.RulePackId,
    };

    /// <summary>
    /// The rows of <paramref name="rows"/> whose current themes (their latest correction's, else as registered) hold
    /// <paramref name="theme"/>, filtered in the database so that a page of them is full while more match. Themes are a
    /// JSON array of ids that hold no quotes: the quoted id matches one whole theme.
    /// </summary>
    public static IQueryable<Recommendation> WithTheme(Data.AigaqDb db, IQueryable<Recommendation> rows, string theme)
    {
        var quoted = "\"" + theme + "\"";
        return rows.Where(r => (db.Set<RecommendationCorrection>()
            .Where(c => c.RecommendationId == r.Id)
            .OrderByDescending(c => c.Revision)
            .Select(c => c.Themes)
            .FirstOrDefault() ?? r.Themes).Contains(quoted));
    }

    /// <summary>The latest correction of each of <paramref name="ids"/> (those corrected).</summary>
    public static async Task<Dictionary<Guid, RecommendationCorrection>> LatestAsync(Data.AigaqDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await db.Set<RecommendationCorrection>().AsNoTracking().Where(c => ids.Contains(c.RecommendationId)).ToListAsync(ct))
            .GroupBy(c => c.RecommendationId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Revision)!);

    /// <summary>Each of <paramref name="rows"/> as it stands now, in the same order.</summary>
    public static async Task<List<Recommendation>> CurrentAsync(Data.AigaqDb db, IReadOnlyList<Recommendation> rows, CancellationToken ct)
    {
        var latest = await LatestAsync(db, [.. rows.Select(r => r.Id)], ct);
        return [.. rows.Select(r => Current(r, latest.GetValueOrDefault(r.Id)))];
    }
}

internal sealed class RecommendationCorrectionConfiguration : IEntityTypeConfiguration<RecommendationCorrection>
{
    public void Configure(EntityTypeBuilder<RecommendationCorrection> b)
    {
        b.ToTable("recommendation_corrections");
        b.HasKey(c => c.Id);
        // Two corrections made at once from the same revision: one is stored, the other told to read again (409).
        b.HasIndex(c => new { c.RecommendationId, c.Revision }).IsUnique();
        b.HasOne<Recommendation>().WithMany().HasForeignKey(c => c.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Reason).HasMaxLength(CorrectRecommendation.MaxReason);
        b.Property(c => c.Fields).HasMaxLength(400);
        b.Property(c => c.Summary).HasMaxLength(RegisterRecommendation.MaxSummary);
        b.Property(c => c.SummaryKk).HasMaxLength(RegisterRecommendation.MaxSummary);
        b.Property(c => c.SummaryRu).HasMaxLength(RegisterRecommendation.MaxSummary);
        b.Property(c => c.SummaryEn).HasMaxLength(RegisterRecommendation.MaxSummary);
        // Unbounded text, as the recommendation's lists.
        b.Property(c => c.Themes).HasColumnType("text");
        b.Property(c => c.AffectedGroups).HasColumnType("text");
        b.Property(c => c.Addressees).HasColumnType("text");
        b.Property(c => c.Related).HasMaxLength(Recommendation.MaxRelatedJson);
    }
}
