namespace Aigaq.Detentions;

/// <summary>The custody timeline event types of CONTRACT.md.</summary>
public static class EventTypes
{
    public const string ArrivedAtFacility = "arrivedAtFacility";
    public const string ProtocolDrawn = "protocolDrawn";
    public const string RightsExplained = "rightsExplained";
    public const string DefenderArrived = "defenderArrived";
    public const string MedicalExamination = "medicalExamination";
    public const string InvestigativeActionStarted = "investigativeActionStarted";
    public const string InvestigativeActionEnded = "investigativeActionEnded";
    public const string Transferred = "transferred";
    public const string CourtDecision = "courtDecision";
    public const string Released = "released";
    public const string VideoRecorded = "videoRecorded";
    public const string IllTreatmentComplaint = "illTreatmentComplaint";

    public static readonly IReadOnlyList<string> All =
    [
        ArrivedAtFacility, ProtocolDrawn, RightsExplained, DefenderArrived, MedicalExamination,
        InvestigativeActionStarted, InvestigativeActionEnded, Transferred, CourtDecision, Released,
        VideoRecorded, IllTreatmentComplaint,
    ];
}
