using Aigaq.Data;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>
/// The originals of examination photographs, by content (ADR 0027), in the shared <see cref="ContentStore"/>:
/// <c>DataDir/examinations/photos/&lt;sha256&gt;</c>, one file per distinct photograph. Shared copies are not stored: they
/// are made again from the original when asked for, so there is one thing to keep and to back up.
/// </summary>
public sealed class PhotoStore(IOptions<AigaqOptions> options) : ContentStore(options, "examinations", "photos");
