using Aigaq.Data;
using Microsoft.Extensions.Options;

namespace Aigaq.Recommendations;

/// <summary>The <c>Aigaq:Recommendations</c> section's limit on a measure's evidence file, in bytes.</summary>
public sealed class MeasureEvidenceOptions
{
    public long MaxEvidenceBytes { get; set; } = 25 * 1024 * 1024;
}

/// <summary>
/// Measures' evidence files by content, in the shared <see cref="ContentStore"/> as the examination photographs are kept
/// (ADR 0027): <c>DataDir/recommendations/evidence/&lt;sha256&gt;</c>, checked against its name on every read.
/// </summary>
public sealed class EvidenceStore(IOptions<AigaqOptions> options) : ContentStore(options, "recommendations", "evidence");
