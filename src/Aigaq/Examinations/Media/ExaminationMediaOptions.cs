namespace Aigaq.Examinations;

/// <summary>The <c>Aigaq:Examinations</c> section: limits on the evidence an examination takes in (ADR 0027).</summary>
public sealed class ExaminationMediaOptions
{
    /// <summary>The largest photograph taken, in bytes, as the camera wrote it (a phone's full-size JPEG is 3-12 MB).</summary>
    public long MaxPhotoBytes { get; set; } = 20 * 1024 * 1024;

    public bool IsValid() => MaxPhotoBytes > 0;
}
