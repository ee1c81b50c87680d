namespace Aigaq.TransparencyLog.Audit;

/// <summary>
/// What an area gives the audit: the kinds of log entry it writes, and a check that reads its stored records and pairs
/// each with its entries through <see cref="AuditRecords"/> (the same content function that wrote them). The engine
/// (<see cref="LedgerAudit"/>) runs every registered source and names whatever entry no source took; it knows no area.
/// Register with <c>services.AddSingleton&lt;IAuditSource, ...&gt;()</c> in the area's module.
/// </summary>
public interface IAuditSource
{
    /// <summary>The kinds this source pairs; each kind belongs to one source.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>Reads the area's records with <see cref="AuditRecords.Db"/> and pairs each with its entries.</summary>
    Task CheckAsync(AuditRecords audit, CancellationToken ct);
}
