using Aigaq.Data;

namespace Aigaq.TransparencyLog;

/// <summary>
/// What a log entry's record is called where people read it (issue 14, item 11): a detention's, report's or case's
/// number rather than its id. An area declares it for the kinds it logs; the receipt check asks the one that names a kind.
/// </summary>
public interface IRecordNames
{
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>The number people know the record by, or null when there is no such record.</summary>
    Task<string?> NumberAsync(AigaqDb db, string kind, Guid recordId, CancellationToken ct);
}
