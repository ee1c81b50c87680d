using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Cases;

/// <summary>
/// The case register: reports (Reports/), cases and their routing between bodies, referrals (Referrals/), motions
/// (Motions/), and the independent review of complaints about procedural actions (Review/).
/// </summary>
internal static class CasesModule
{
    /// <summary>A report's narrative may be long; nothing else is.</summary>
    public const long MaxReportBytes = 256 * 1024;
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The configuration section naming who reviews complaints.</summary>
    public const string ReviewSection = "Aigaq:Review";

    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReceiveReport>();
        services.AddScoped<GetReport>();
        services.AddScoped<ListReports>();
        services.AddScoped<ListCases>();
        services.AddScoped<ExportCases>();
        services.AddScoped<RegisterReport>();
        services.AddScoped<RefuseReport>();
        services.AddScoped<GetCase>();
        services.AddScoped<ListReferrals>();
        services.AddScoped<RequalifyCase>();
        services.AddScoped<DecideConflict>();
        services.AddScoped<AcceptReferral>();
        services.AddScoped<RecordCaseStage>();
        services.AddHostedService<CaseScanner>();
        services.AddScoped<ICustodyEventSubscriber, ReportFromCustody>();
        services.AddScoped<IHeldOffRegisterReports, ReportFromHeadcount>();
        services.AddScoped<ILinkedReports, LinkedReports>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, CaseAudit>();
        services.AddLoggedState(CaseLedger.ReportState);
        services.AddSingleton<TransparencyLog.IRecordNames, CaseRecordNames>();
        services.AddSingleton(new Data.NumberSeries(Data.NumberAllocator.Reports, (db, ct) => db.Set<Report>().MaxAsync(r => (long?)r.Seq, ct)));
        services.AddLoggedState(CaseLedger.CaseState);
        services.AddLoggedState(CaseLedger.ReferralState);

        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewSection)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidation>();
        services.AddScoped<FileComplaint>();
        services.AddScoped<DecideComplaint>();
        services.AddScoped<GetComplaint>();
        services.AddScoped<FileMotion>();
        services.AddScoped<DecideMotion>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ReviewAudit>();
        services.AddLoggedState(ReviewLedger.State);
        services.AddSingleton(new Data.NumberSeries(FileComplaint.Series, (db, ct) => db.Set<Complaint>().MaxAsync(c => (long?)c.Seq, ct)));
        services.AddScoped<IInterviewReports, ReportFromInterview>();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        ReportEndpoints.Map(app);
        CaseEndpoints.Map(app);
        ReferralEndpoints.Map(app);
        MotionEndpoints.Map(app);
        ComplaintEndpoints.Map(app);
        return app;
    }
}
