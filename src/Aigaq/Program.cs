using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Cli;
using Aigaq.Dashboard;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Examinations;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Aigaq.Observability;
using Aigaq.Protection;
using Aigaq.Recommendations;
using Aigaq.Rules;
using Aigaq.Statistics;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Aigaq.Visits.Answers;
using Aigaq.Web;

return await AigaqCli.RunAsync(args, (hostArgs, configure) =>
{
    var builder = WebApplication.CreateBuilder(hostArgs);
    configure?.Invoke(builder);
    builder.Services
        .AddWeb(builder.Configuration)
        .AddObservability(builder.Configuration)
        .AddRules()
        .AddData(builder.Configuration)
        .AddAccess()
        .AddFacilities()
        .AddDetentions()
        .AddCases(builder.Configuration)
        .AddProtection()
        .AddExaminationEvidence()
        .AddExaminations(builder.Configuration)
        .AddStatistics()
        .AddAlerts()
        .AddDashboard()
        .AddNotifications()
        .AddVisitChecklists(builder.Configuration)
        .AddRecommendations(builder.Configuration)
        .AddVisits()
        .AddVisitPlanning()
        .AddVisitAnswers()
        .AddVisitRecommendations()
        .AddVisitReports()
        .AddLedger();

    var app = builder.Build();
    app.UseWeb();
    app.MapAccess();
    app.MapFacilities();
    app.MapDetentions();
    app.MapCases();
    app.MapProtection();
    app.MapExaminations();
    app.MapStatistics();
    app.MapAlerts();
    app.MapNotifications();
    app.MapVisits();
    app.MapLedger();
    app.MapVisitPlanning();
    app.MapRecommendations();
    app.MapVisitAnswers();
    app.MapVisitRecommendations();
    app.MapVisitReports();
    return app;
});

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
