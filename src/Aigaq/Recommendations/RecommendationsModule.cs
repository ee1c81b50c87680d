namespace Aigaq.Recommendations;

/// <summary>The recommendations area (issue 18): so far the assessment scales and the catalogue of indicators.</summary>
internal static class RecommendationsModule
{
    public static IServiceCollection AddRecommendations(this IServiceCollection services, IConfiguration configuration)
    {
        // Built eagerly so that a broken scale (shipped or in the directory) fails start-up, not an assessment.
        var options = configuration.GetSection("Aigaq:Recommendations").Get<AssessmentScaleOptions>() ?? new AssessmentScaleOptions();
        services.AddSingleton(AssessmentScales.Load(options.ScalesDir));
        // The metrics are supplied by the areas that hold their facts (IIndicatorMetric, scoped: they read the database).
        services.AddScoped<IndicatorCatalogue>();
        // The follow-up report's renderers (item 5): pure, given a FollowUpReportModel.
        services.AddSingleton<FollowUpReportText>();
        services.AddSingleton<FollowUpReportDocx>();
        services.AddSingleton<FollowUpReportPdf>();
        return services;
    }
}
