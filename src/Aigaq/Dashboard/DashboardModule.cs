namespace Aigaq.Dashboard;

internal static class DashboardModule
{
    /// <summary>The prosecutor's dashboard and the messages that bring critical alerts to it.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<AlertMessages>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMessages>());
        return services;
    }
}
