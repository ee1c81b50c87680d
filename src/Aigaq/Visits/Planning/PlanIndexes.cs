using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Visits;

// The visit plan's indexes, kept with the plan that needs them (the areas' own configurations are applied as well). The
// plan counts a window's detentions per facility from the first index alone; the alerts of the window's detentions per
// facility and code from the second alone (the alert keeps its detention's facility and moment of detention); the
// reports naming a facility in a window from the third.
internal sealed class PlanDetentionIndexes : IEntityTypeConfiguration<Detention>
{
    public void Configure(EntityTypeBuilder<Detention> b) =>
        b.HasIndex(d => new { d.DetainedAt, d.DestinationFacilityId, d.Id }).HasDatabaseName("IX_detentions_plan");
}

internal sealed class PlanAlertIndexes : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b) =>
        b.HasIndex(a => new { a.DetainedAt, a.DetentionFacilityId, a.Code }).HasDatabaseName("IX_alerts_plan");
}

internal sealed class PlanReportIndexes : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b) =>
        b.HasIndex(r => new { r.FacilityId, r.ReceivedAt }).HasDatabaseName("IX_reports_plan");
}
