using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>The part a protected person plays (CONTRACT.md).</summary>
public enum ProtectedRole
{
    Complainant,
    Victim,
    Witness,
    Relative,
    Defender,
    Interviewee,
}

/// <summary>How far the person's identity may be disclosed.</summary>
public enum Disclosure
{
    Anonymous,
    Confidential,
    Open,
}

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A person at risk for reporting torture, known to Aigaq by a pseudonym (<see cref="Pseudonyms"/>). Their identity is
/// sealed (<see cref="Identity"/>, an <see cref="IdentityEnvelope"/>) for the custodians and the recovery key, and never
/// read to match them: the blind indexes (<see cref="IinIndex"/>, <see cref="NameIndex"/>) recognise them in a new
/// detention. Registered once; what changes later (risk, measures) is appended elsewhere.
/// </summary>
public sealed class ProtectedPerson : ISequenced
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public required string Pseudonym { get; init; }
    public ProtectedRole Role { get; init; }
    public Disclosure Disclosure { get; init; }
    public RiskLevel Risk { get; init; }
    public required string Region { get; init; }
    public Guid? ReportId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? DetentionId { get; init; }

    /// <summary>The sealed identity as <see cref="IdentityEnvelope.ToJson"/> writes it.</summary>
    public required string Identity { get; init; }

    /// <summary>The keyed blind index of the normalised IIN; null without a valid IIN.</summary>
    public string? IinIndex { get; init; }

    /// <summary>The keyed blind index of the names' skeletons and the birth date; null without a birth date.</summary>
    public string? NameIndex { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class ProtectedPersonConfiguration : IEntityTypeConfiguration<ProtectedPerson>
{
    public void Configure(EntityTypeBuilder<ProtectedPerson> b)
    {
        b.ToTable("protected_persons");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.Seq).IsUnique();
        b.HasIndex(p => p.Pseudonym).IsUnique();
        b.HasIndex(p => p.IinIndex);
        b.HasIndex(p => p.NameIndex);
        b.HasIndex(p => new { p.Region, p.Seq });
        b.Property(p => p.Pseudonym).HasMaxLength(16);
        b.Property(p => p.Region).HasMaxLength(8);
        // About 300 characters per custodian's wrap: room for some two hundred custodians.
        b.Property(p => p.Identity).HasMaxLength(64_000);
        b.Property(p => p.IinIndex).HasMaxLength(64);
        b.Property(p => p.NameIndex).HasMaxLength(64);
    }
}

/// <summary>
/// Pseudonyms: "P-", six or more digits of the sequence and a Damm check digit, which catches every mistyped digit and
/// every swap of two neighbouring digits when a pseudonym is read out over the phone or copied by hand.
/// </summary>
public static class Pseudonyms
{
    private static readonly byte[,] Table =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    public static string Of(long seq)
    {
        var digits = seq.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return "P-" + digits + (char)('0' + Check(digits));
    }

    /// <summary>Whether <paramref name="pseudonym"/> is well formed and its check digit holds.</summary>
    public static bool IsValid(string? pseudonym)
    {
        var text = pseudonym?.Trim().ToUpperInvariant();
        if (text is null || !text.StartsWith("P-", StringComparison.Ordinal) || text.Length < 9 || !text[2..].All(char.IsAsciiDigit))
        {
            return false;
        }

        return Check(text[2..]) == 0;
    }

    private static int Check(string digits)
    {
        var interim = 0;
        foreach (var c in digits)
        {
            interim = Table[interim, c - '0'];
        }

        return interim;
    }
}
