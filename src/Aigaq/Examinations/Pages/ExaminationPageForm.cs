namespace Aigaq.Examinations;

/// <summary>
/// The examination page's forms, flat, with the page's one-time key (<see cref="FormKey"/>, the idempotency key of the
/// form sent); a refused send shows the page again with what was typed. The finding's place comes from the body
/// diagram's own fields (<c>view</c>, <c>bodyRegion</c>, <c>x</c>, <c>y</c>).
/// </summary>
public sealed class ExaminationPageForm
{
    public string? FormKey { get; set; }

    // The examiner.
    public string? Name { get; set; }
    public string? Qualifications { get; set; }
    public string? Employer { get; set; }
    public bool IndependenceDeclared { get; set; }
    public string? Conflicts { get; set; }
    public bool External { get; set; }
    public string? NotIndependentReason { get; set; }

    // The session.
    public string? Place { get; set; }
    public string? StartedAt { get; set; }
    public string? EndedAt { get; set; }
    public string? InterpreterName { get; set; }
    public string? InterpreterLanguage { get; set; }
    public List<string?> PresentNames { get; set; } = [];
    public List<string?> PresentAffiliations { get; set; } = [];

    /// <summary>"true" or "false": police were present or not; empty when not answered.</summary>
    public string? PolicePresent { get; set; }

    /// <summary>"true" or "false", asked only when police were present.</summary>
    public string? PoliceAskedToLeave { get; set; }
    public string? Restrictions { get; set; }

    // Consent item by item: "yes" or "no" for each item of the form; a fact item is "yes" when it applies.
    public string? ConsentAt { get; set; }
    public Dictionary<string, string?> Consent { get; set; } = new(StringComparer.Ordinal);
    public string? RefusalReason { get; set; }

    // A section of the form: its id, and its fields by their ids.
    public string? Section { get; set; }
    public Dictionary<string, string?> Fields { get; set; } = new(StringComparer.Ordinal);

    // A finding.
    public string? Description { get; set; }
    public string? Size { get; set; }
    public string? Consistency { get; set; }
    public string? Rationale { get; set; }

    // The seal, confirmed.
    public string? Opinion { get; set; }
    public string? Conclusions { get; set; }
    public string? Recommendations { get; set; }
    public bool SealPolicePresent { get; set; }
    public string? SealRestrictions { get; set; }
    public bool Confirm { get; set; }

    // An amendment.
    public string? Reason { get; set; }
    public string? Text { get; set; }
    public string? FindingId { get; set; }
    public string? AmendSection { get; set; }

    /// <summary>The page's field (a ModelState key) of a handler's JSON path; what names no field goes to the form's summary ("Form.").</summary>
    public static string FieldOf(string form, string path) => (form, path) switch
    {
        (_, "" or "examiner" or "session" or "consent" or "sections" or "findings" or "seal" or "amendments" or "status" or "consent.examination") => "Form.",
        ("Session", "interpreter.name") => "Form." + nameof(InterpreterName),
        ("Session", "interpreter.language") => "Form." + nameof(InterpreterLanguage),
        ("Session", _) when path.StartsWith("present", StringComparison.Ordinal) => "Form.Present",
        ("Consent", "at") => "Form." + nameof(ConsentAt),
        ("Consent", _) when path.StartsWith("items", StringComparison.Ordinal) => "Form." + nameof(Consent),
        ("Section", "fields") => "Form.",
        ("Section", _) when path.StartsWith("fields.", StringComparison.Ordinal) => $"Form.Fields[{path["fields.".Length..]}]",
        ("Finding", "view" or "bodyRegion" or "x" or "y") => "Form.Diagram",
        ("Seal", "policePresent") => "Form." + nameof(SealPolicePresent),
        ("Seal", "restrictions") => "Form." + nameof(SealRestrictions),
        ("Amend", "section") => "Form." + nameof(AmendSection),
        _ => "Form." + ExaminationPages.Capitalize(path),
    };
}
