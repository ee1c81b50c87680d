namespace Aigaq.Alerts;

/// <summary>An alert a rule wants raised; <see cref="Key"/> makes raising it idempotent.</summary>
public sealed record AlertDue(string Code, string Key, DateTimeOffset? DueAt, string? Detail = null);

/// <summary>An alert as the API and the pages show it.</summary>
public sealed record AlertView(
    Guid Id, string Code, AlertStatus Status, DateTimeOffset RaisedAt, DateTimeOffset? DueAt, string? Detail,
    Guid? DetentionId, string Region, DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedBy, string? Comment,
    Guid? ReportId = null, Guid? CaseId = null, Rules.AlertSeverity? Severity = null)
{
    /// <summary>The code of an alert whose kind the reader may not know (Detentions' need to know).</summary>
    public const string Withheld = nameof(Withheld);

    /// <summary>The view with its code's weight in the rule pack in force (GET /api/v1/alerts and acknowledgements carry it).</summary>
    public AlertView Weighed(Rules.AlertRules rules) => this with { Severity = rules.Of(Code) };

    public static AlertView From(Alert a) => new(
        a.Id, a.Code, a.Status, a.RaisedAt, a.DueAt, a.Detail, a.DetentionId, a.Region,
        a.AcknowledgedAt, a.AcknowledgedBy, a.Comment, a.ReportId, a.CaseId);
}
