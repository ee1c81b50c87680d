using System.Text.Json.Nodes;
using Aigaq.Protection;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Visits.Interviews;

/// <summary>
/// A private interview held during a visit (issue 17, item 7; ADR 0030, addendum): a code the team chose instead of a name,
/// the person's consent (always given: no interview is recorded without it), whether it was held out of the staff's
/// hearing, whether torture or ill-treatment was alleged, the reprisal risk the team judged, and the vulnerability flags
/// (codes of the pack's <c>visitInterviews.vulnerabilities</c>). An allegation links the report it opened; a risk of
/// medium or high, the protected person it made. Nothing in the row names the person. Never updated.
/// </summary>
public sealed class VisitInterview
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public required string Code { get; init; }
    public DateTimeOffset At { get; init; }
    public bool Consent { get; init; }
    public bool Private { get; init; }
    public bool Allegation { get; init; }
    public RiskLevel ReprisalRisk { get; init; }

    /// <summary>The flags' codes, space-separated, in the order given.</summary>
    public string Vulnerabilities { get; init; } = "";

    /// <summary>The first follow-up contact's date, for a person at risk.</summary>
    public DateTimeOffset? FollowUpBy { get; init; }

    public Guid? ReportId { get; init; }
    public Guid? ProtectedPersonId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    public IReadOnlyList<string> Flags() => Vulnerabilities.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An interview as answered: the code, the flags, the report's number and the protected person's pseudonym.</summary>
public sealed record InterviewView(
    Guid Id, string Code, DateTimeOffset At, bool Consent, bool Private, bool Allegation, RiskLevel ReprisalRisk, IReadOnlyList<string> Vulnerabilities,
    DateTimeOffset? FollowUpBy, Guid? ReportId, string? ReportNumber, Guid? ProtectedPersonId, string? Pseudonym, DateTimeOffset RecordedAt);

/// <summary>What the transparency log commits of an interview: the code as its SHA-256 digest, the rest as stored.</summary>
public static class InterviewLedger
{
    public const string Interviewed = "visit.interview";

    public static JsonObject Content(VisitInterview i) => new()
    {
        ["id"] = i.Id.ToString(),
        ["visitId"] = i.VisitId.ToString(),
        ["code"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(i.Code))),
        ["at"] = LedgerWriter.Instant(i.At),
        ["consent"] = i.Consent,
        ["private"] = i.Private,
        ["allegation"] = i.Allegation,
        ["reprisalRisk"] = Json.Name(i.ReprisalRisk),
        ["vulnerabilities"] = i.Vulnerabilities,
        ["followUpBy"] = i.FollowUpBy is { } by ? LedgerWriter.Instant(by) : null,
        ["reportId"] = i.ReportId?.ToString(),
        ["protectedPersonId"] = i.ProtectedPersonId?.ToString(),
        ["recordedAt"] = LedgerWriter.Instant(i.RecordedAt),
        ["recordedBy"] = i.RecordedBy.ToString(),
    };
}

internal sealed class VisitInterviewConfiguration : IEntityTypeConfiguration<VisitInterview>
{
    public void Configure(EntityTypeBuilder<VisitInterview> b)
    {
        b.ToTable("visit_interviews");
        b.HasKey(i => i.Id);
        // A code names one person in a visit: two interviews under one code at once meet here.
        b.HasIndex(i => new { i.VisitId, i.Code }).IsUnique();
        b.HasOne<Visit>().WithMany().HasForeignKey(i => i.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cases.Report>().WithMany().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to the protected person: the protection area erases its persons at the end of their retention
        // (EraseExpired), and an interview outlives that, naming an id that no longer resolves.
        b.HasIndex(i => i.ProtectedPersonId);
        b.Property(i => i.Code).HasMaxLength(RecordInterview.MaxCode);
        b.Property(i => i.Vulnerabilities).HasMaxLength(1000);
    }
}
