namespace Aigaq.Access;

/// <summary>
/// Named permissions and the one place where roles are mapped to them. Endpoints ask for a
/// permission, never for a role, so that a change of who may do what is a change of this file.
/// </summary>
public static class Permissions
{
    public const string RegisterDetention = "detentions.register";
    public const string RecordCustodyEvent = "detentions.events.record";
    /// <summary>Read detentions within the user's scope (region or facility), with personal data.</summary>
    public const string ViewDetentions = "detentions.view";
    public const string ViewAlerts = "alerts.view";
    public const string AcknowledgeAlerts = "alerts.acknowledge";
    public const string ManageFacilities = "facilities.manage";
    public const string ViewFacilities = "facilities.view";
    public const string ManageUsers = "users.manage";

    /// <summary>Enter a report of torture or ill-treatment; see the reports one entered.</summary>
    public const string ReceiveReports = "reports.receive";
    /// <summary>Read reports with personal data: prosecutors those of their region, others those they entered.</summary>
    public const string ViewReports = "reports.view";
    /// <summary>Register a report in ERDR (opening a case) or refuse it; ask the qualification aid.</summary>
    public const string RegisterReports = "reports.register";
    public const string ViewCases = "cases.view";
    /// <summary>Hold a custodian key, for which protected identities are sealed (ADR 0022).</summary>
    public const string HoldIdentities = "identities.hold";
    /// <summary>Ask, with a reason, to see a protected person's identity; read one's own requests (issue 15, item 4).</summary>
    public const string RequestIdentities = "identities.request";
    /// <summary>See an identity granted to one's own request, with a key of one's own (ADR 0022); asking is <see cref="RequestIdentities"/>.</summary>
    public const string SeeIdentities = "identities.see";
    /// <summary>Register a person at risk for reporting, and read them: a protection officer those of the region, others their own.</summary>
    public const string RegisterProtectedPersons = "protected.register";
    /// <summary>
    /// Record protection applications, decisions, appeals, measures and follow-up contacts for the protected persons of the
    /// user's region: the protection officer's register. Not the prosecutors', who are often the deciding body whose
    /// timeliness the register watches (ProtectionDecisionOverdue).
    /// </summary>
    public const string ManageProtection = "protection.manage";
    /// <summary>Requalify a case and decide institutional conflicts: the supervisory prosecutor's part.</summary>
    public const string SuperviseCases = "cases.supervise";
    /// <summary>Accept referrals addressed to the user's own body (which body follows from the role and region).</summary>
    public const string AcceptReferrals = "referrals.accept";
    public const string RecordCaseStages = "cases.stages.record";
    /// <summary>File a complaint about a procedural action or inaction, or challenge a refusal to register; read the complaints one filed.</summary>
    public const string FileComplaints = "complaints.file";
    /// <summary>Read complaints: a reviewer those addressed to them, a supervisory prosecutor those of the region, others their own.</summary>
    public const string ViewComplaints = "complaints.view";
    /// <summary>Decide complaints addressed to the user as the independent reviewer.</summary>
    public const string DecideComplaints = "complaints.decide";
    /// <summary>Exact statistics through the API (the public page and export hide counts from 1 to 4).</summary>
    public const string ViewStatistics = "statistics.view";
    /// <summary>Send a notification of the user's region again (one that failed, or waits at the slow pace), with a reason.</summary>
    public const string ResendNotifications = "notifications.resend";

    /// <summary>
    /// Record reprisals against protected persons and what is done about them, and read them: a protection officer those of
    /// the region, others those they recorded. No police role holds it: the perpetrators are often police.
    /// </summary>
    public const string RegisterReprisals = "reprisals.register";

    /// <summary>Reprisal counts by type, agency, region and month, small counts suppressed (names no one; not police roles).</summary>
    public const string ViewReprisalStatistics = "reprisals.statistics";

    /// <summary>
    /// Need to know: the content of what a detainee alleges and what a doctor found (complaints of ill-treatment, medical
    /// examinations, injury alerts). Without it a role that reads a detention sees that such an entry exists, never its
    /// content: the detaining agency's roles (officers, custody officers, investigators) do not have it.
    /// </summary>
    public const string ReadAllegations = "detentions.allegations.read";

    /// <summary>Ask for an Istanbul Protocol examination; read the examinations one may (CONTRACT.md, issue 16).</summary>
    public const string RequestExaminations = "examinations.request";

    /// <summary>
    /// Record an examination as its examiner: take it (with qualifications and a declaration of independence), the session,
    /// consent, findings, the seal and amendments. Only the assigned examiner writes to an examination.
    /// </summary>
    public const string RecordExaminations = "examinations.record";

    /// <summary>Examinations (issue 16): kept apart from <see cref="ByRole"/> so that the area adds its grants in one block.</summary>
    private static readonly Dictionary<string, string[]> ExaminationGrants = new(StringComparer.Ordinal)
    {
        [Roles.Investigator] = [RequestExaminations],
        [Roles.SpecialProsecutor] = [RequestExaminations],
        [Roles.Prosecutor] = [RequestExaminations],
        [Roles.Defender] = [RequestExaminations],
        [Roles.Monitor] = [RequestExaminations],
        [Roles.ForensicExpert] = [RequestExaminations, RecordExaminations],
    };

    /// <summary>Plan monitoring visits and record what happens on them (arrival, areas, registers, access denials): the NPM's monitors.</summary>
    public const string RecordVisits = "visits.record";

    /// <summary>Read monitoring visits: a monitor those of their region (none without one).</summary>
    public const string ViewVisits = "visits.view";

    /// <summary>Approve a visit's team; never the monitor who planned the visit.</summary>
    public const string ApproveVisitTeams = "visits.team.approve";

    /// <summary>Record a facility's capacity and its being closed to monitoring (or reopened), with the reason.</summary>
    public const string RecordMonitoringProfiles = "facilities.monitoring.record";

    /// <summary>Read a facility's monitoring profile: capacity, closed state, last visit, access-denial count (no personal data).</summary>
    public const string ViewMonitoringProfiles = "facilities.monitoring.view";

    /// <summary>Read the versioned monitoring-visit checklists.</summary>
    public const string ViewChecklists = "visits.checklists.view";

    /// <summary>Monitoring visits (issue 17): kept apart from <see cref="ByRole"/> so that the area adds its grants in one block.</summary>
    private static readonly Dictionary<string, string[]> VisitGrants = new(StringComparer.Ordinal)
    {
        [Roles.Monitor] = [RecordVisits, ViewVisits, ApproveVisitTeams, RecordMonitoringProfiles, ViewMonitoringProfiles, ViewChecklists],
        [Roles.Administrator] = [RecordMonitoringProfiles, ViewMonitoringProfiles, ViewChecklists],
        [Roles.Prosecutor] = [ViewMonitoringProfiles],
        [Roles.Analyst] = [ViewMonitoringProfiles, ViewChecklists],
    };

    /// <summary>Read the plan of monitoring visits by risk (issue 17, item 2): counts per facility, nothing personal.</summary>
    public const string PlanVisits = "visits.plan";

    /// <summary>Planning visits (issue 17, item 2): kept apart from <see cref="ByRole"/> so that the area adds its grants in one block.</summary>
    private static readonly Dictionary<string, string[]> VisitPlanGrants = new(StringComparer.Ordinal)
    {
        [Roles.Monitor] = [PlanVisits],
        [Roles.Analyst] = [PlanVisits],
    };

    /// <summary>Register UN recommendations (and import them), assess them and track their indicators (issue 18).</summary>
    public const string RecordRecommendations = "recommendations.record";

    /// <summary>Read UN recommendations with their assessments and indicators: public text and figures that name no one.</summary>
    public const string ViewRecommendations = "recommendations.view";

    /// <summary>UN recommendations (issue 18): kept apart from <see cref="ByRole"/> so that the area adds its grants in one block.</summary>
    private static readonly Dictionary<string, string[]> RecommendationGrants = new(StringComparer.Ordinal)
    {
        [Roles.Analyst] = [RecordRecommendations, ViewRecommendations],
        [Roles.Monitor] = [RecordRecommendations, ViewRecommendations],
        [Roles.Administrator] = [RecordRecommendations, ViewRecommendations],
    };

    /// <summary>Read the annual figures of monitoring visits (issue 17, item 10): counts per kind, agency, denial and finding, nothing personal.</summary>
    public const string ViewVisitFigures = "visits.figures.view";

    /// <summary>The annual figures of visits (issue 17, item 10): kept apart from <see cref="ByRole"/> so that the part adds its grants in one block.</summary>
    private static readonly Dictionary<string, string[]> VisitFigureGrants = new(StringComparer.Ordinal)
    {
        [Roles.Monitor] = [ViewVisitFigures],
        [Roles.Analyst] = [ViewVisitFigures],
    };

    private static readonly Dictionary<string, string[]> ByRole = new(StringComparer.Ordinal)
    {
        [Roles.Administrator] = [ViewFacilities, ManageFacilities, ManageUsers],
        // An officer reads back what they registered (DetentionScope limits them to that), so
        // the Location of their own 201 can be followed.
        [Roles.Officer] = [ViewFacilities, RegisterDetention, RecordCustodyEvent, ViewDetentions],
        [Roles.CustodyOfficer] = [ViewFacilities, RegisterDetention, RecordCustodyEvent, ViewDetentions],
        [Roles.Investigator] = [ViewFacilities, RecordCustodyEvent, ViewDetentions, ReceiveReports, ViewReports, ViewCases, AcceptReferrals, RecordCaseStages],
        [Roles.Prosecutor] =
        [
            ViewFacilities, ViewDetentions, ViewAlerts, AcknowledgeAlerts,
            ReceiveReports, ViewReports, RegisterReports, ViewCases, SuperviseCases, RecordCaseStages, ViewStatistics,
            FileComplaints, ViewComplaints, ReadAllegations, ResendNotifications, RegisterProtectedPersons,
            RegisterReprisals, ViewReprisalStatistics, RequestIdentities,
        ],
        [Roles.SpecialProsecutor] =
            [ViewFacilities, ViewDetentions, ViewAlerts, ReceiveReports, ViewReports, ViewCases, AcceptReferrals, RecordCaseStages, ViewStatistics, ReadAllegations,
                RegisterProtectedPersons, RegisterReprisals, ViewReprisalStatistics, RequestIdentities, SeeIdentities],
        [Roles.Defender] = [ViewFacilities, ViewDetentions, ReceiveReports, ViewReports, FileComplaints, ViewComplaints, ReadAllegations],
        // A reviewer reads the reports and cases of the complaints addressed to them, nothing else.
        [Roles.Reviewer] = [ViewFacilities, ViewStatistics, ViewReports, ViewCases, FileComplaints, ViewComplaints, DecideComplaints, ViewReprisalStatistics],
        [Roles.ProtectionOfficer] = [ViewFacilities, HoldIdentities, RegisterProtectedPersons, ManageProtection, RegisterReprisals, ViewReprisalStatistics, RequestIdentities, SeeIdentities],
        [Roles.ForensicExpert] = [ViewFacilities, ReadAllegations],
        [Roles.Monitor] = [ViewFacilities, ReceiveReports, ViewReports, ViewStatistics, FileComplaints, ViewComplaints, ReadAllegations, RegisterProtectedPersons,
            RegisterReprisals, ViewReprisalStatistics],
        [Roles.Analyst] = [ViewFacilities, ViewStatistics, ViewReprisalStatistics],
    };

    public static IEnumerable<string> All => ByRole.Values.Concat(ExaminationGrants.Values).Concat(VisitGrants.Values).Concat(VisitPlanGrants.Values)
        .Concat(RecommendationGrants.Values).Concat(VisitFigureGrants.Values).SelectMany(p => p).Distinct();

    public static IReadOnlyCollection<string> For(string role) =>
        [.. (ByRole.TryGetValue(role, out var p) ? p : []).Concat(ExaminationGrants.TryGetValue(role, out var e) ? e : [])
            .Concat(VisitGrants.TryGetValue(role, out var v) ? v : []).Concat(VisitPlanGrants.TryGetValue(role, out var vp) ? vp : [])
            .Concat(RecommendationGrants.TryGetValue(role, out var rg) ? rg : []).Concat(VisitFigureGrants.TryGetValue(role, out var vf) ? vf : [])];

    /// <summary>
    /// Roles whose power over others (accounts, the supervision of investigations, the identities of people who report)
    /// one administrator alone may not give: a second administrator approves (issue 13, item 12; <see cref="RoleGrants"/>).
    /// </summary>
    public static bool NeedsSecondAdministrator(string role) =>
        role is Roles.Administrator or Roles.Prosecutor or Roles.SpecialProsecutor or Roles.ProtectionOfficer;

    /// <summary>
    /// Roles that see personal data beyond their own registrations must use a second factor
    /// when they sign in to the web interface.
    /// </summary>
    public static bool RequiresSecondFactor(string role) => role is not (Roles.Officer or Roles.Analyst);
}
