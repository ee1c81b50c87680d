using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>
/// The examination's evidence pieces (issue 16; ADR 0027): photo intake and the originals' store, and the report's PDF.
/// The examinations core (requests, consent, findings, the seal) uses them from its endpoints.
/// </summary>
internal static class ExaminationEvidenceModule
{
    public static IServiceCollection AddExaminationEvidence(this IServiceCollection services)
    {
        services.AddSingleton<PhotoIntake>();
        services.AddSingleton<PhotoStore>();
        services.AddScoped<RenderExaminationReport>();
        services.AddSingleton<IValidateOptions<AigaqOptions>, MediaOptionsCheck>();
        return services;
    }

    private sealed class MediaOptionsCheck : IValidateOptions<AigaqOptions>
    {
        public ValidateOptionsResult Validate(string? name, AigaqOptions options) => options.Examinations.IsValid()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Aigaq:Examinations:MaxPhotoBytes must be positive.");
    }
}
