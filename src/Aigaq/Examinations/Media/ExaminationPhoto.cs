using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Examinations;

/// <summary>
/// A photograph of an examination (issue 16, item 5; ADR 0027), registered once: the original's SHA-256 (its bytes are in
/// <see cref="PhotoStore"/> under that name), what it is, what its own metadata says (for the record, never shared), the
/// examiner's flags and the finding it shows. <see cref="Seq"/> numbers the examination's photographs from 1; the first
/// identifies the person unless the examiner says otherwise (<see cref="IdentifiesPerson"/>).
/// </summary>
public sealed class ExaminationPhoto
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public int Seq { get; init; }

    /// <summary>SHA-256 of the original as received, lower-case hex: its name in the store and the log's commitment.</summary>
    public required string Sha256 { get; init; }
    public long Size { get; init; }
    public PhotoFormat Format { get; init; }

    /// <summary>The camera's clock as it wrote it (ISO 8601, with its offset when it gave one): a claim of the camera, not a fact.</summary>
    public string? CameraTime { get; init; }
    public string? Device { get; init; }
    public string? Software { get; init; }
    public bool GpsPresent { get; init; }
    public int? Orientation { get; init; }

    /// <summary>Whether the original carried EXIF, XMP or IPTC at all (all of it is left out of every shared copy).</summary>
    public bool MetadataPresent { get; init; }
    public bool ScaleShown { get; init; }
    public bool ColourChartShown { get; init; }

    /// <summary>Shows an intimate part of the body: shown beyond the examiner only to roles the person consented to (ConsentItem.IntimateRoles).</summary>
    public bool Intimate { get; init; }
    public bool IdentifiesPerson { get; init; }
    public Guid? FindingId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>The camera metadata as one text, for its digest in the log (the values stay out of the log).</summary>
    internal string ExifSummary => string.Join('\u001f', CameraTime ?? "", Device ?? "", Software ?? "", GpsPresent ? "gps" : "",
        Orientation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", MetadataPresent ? "metadata" : "");
}

internal sealed class ExaminationPhotoConfiguration : IEntityTypeConfiguration<ExaminationPhoto>
{
    public void Configure(EntityTypeBuilder<ExaminationPhoto> b)
    {
        b.ToTable("examination_photos");
        b.HasKey(x => x.Id);
        // One number per photograph of an examination: two first photographs at once cannot both be the first.
        b.HasIndex(x => new { x.ExaminationId, x.Seq }).IsUnique();
        b.HasIndex(x => x.Sha256);
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.CameraTime).HasMaxLength(40);
        b.Property(x => x.Device).HasMaxLength(100);
        b.Property(x => x.Software).HasMaxLength(100);
    }
}

/// <summary>
/// The log's commitment to a photograph: the original's SHA-256, its size and format, the flags and the finding. The
/// camera metadata (a time and a device that could place or name someone) is committed as a digest only, and the GPS
/// position never reaches the record at all.
/// </summary>
public static class ExaminationPhotoLedger
{
    public const string Kind = "examination.photo";

    public static IReadOnlyCollection<string> Kinds => [Kind];

    /// <summary>Whether a text is a SHA-256 as the store names its files (a row edited to anything else names no file).</summary>
    public static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    public static JsonObject Content(ExaminationPhoto p) => new()
    {
        ["id"] = p.Id.ToString(),
        ["examinationId"] = p.ExaminationId.ToString(),
        ["seq"] = p.Seq,
        ["sha256"] = p.Sha256,
        ["size"] = p.Size,
        ["format"] = p.Format.ToString(),
        ["exif"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p.ExifSummary))),
        ["scaleShown"] = p.ScaleShown,
        ["colourChartShown"] = p.ColourChartShown,
        ["intimate"] = p.Intimate,
        ["identifiesPerson"] = p.IdentifiesPerson,
        ["findingId"] = p.FindingId?.ToString(),
        ["recordedAt"] = LedgerWriter.Instant(p.RecordedAt),
        ["recordedBy"] = p.RecordedBy.ToString(),
    };
}

/// <summary>
/// Every photograph row against its log entry (a deleted or edited row is named), and every original against its row:
/// a file that is gone or whose bytes no longer hash to the row's SHA-256 is named too, so an edited photograph is found
/// by <c>aigaq log audit</c> even where the row and the log agree.
/// </summary>
internal sealed class ExaminationPhotoAudit(PhotoStore store) : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => ExaminationPhotoLedger.Kinds;

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        var rows = await audit.Db.Set<ExaminationPhoto>().AsNoTracking().OrderBy(p => p.RecordedAt).ThenBy(p => p.Id).ToListAsync(ct);
        foreach (var p in rows)
        {
            audit.One(ExaminationPhotoLedger.Kind, p.Id, "examination photo", () => ExaminationPhotoLedger.Content(p));
        }

        // The files after the rows: one original may serve several rows (the same photograph twice), and is read once.
        foreach (var group in rows.GroupBy(p => p.Sha256, StringComparer.Ordinal))
        {
            StoredFileStatus status;
            try
            {
                status = ExaminationPhotoLedger.IsHash(group.Key) ? (await store.ReadAsync(group.Key, ct)).Status : StoredFileStatus.Altered;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                foreach (var p in group)
                {
                    audit.Fail($"{ExaminationPhotoLedger.Kind} {p.Id}: original unreadable ({e.GetType().Name})");
                }

                continue;
            }

            foreach (var p in group.Where(_ => status != StoredFileStatus.Intact))
            {
                audit.Fail(status == StoredFileStatus.Missing
                    ? $"{ExaminationPhotoLedger.Kind} {p.Id}: original missing: no file holds the photograph the log commits to"
                    : $"{ExaminationPhotoLedger.Kind} {p.Id}: original altered: the stored file no longer hashes to the row's SHA-256");
            }
        }
    }
}
