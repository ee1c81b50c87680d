using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Facilities;

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> b)
    {
        b.ToTable("facilities");
        b.HasKey(f => f.Id);
        b.HasIndex(f => new { f.Region, f.Name });
        b.Property(f => f.Name).HasMaxLength(300);
        b.Property(f => f.Region).HasMaxLength(8);
        b.Property(f => f.Address).HasMaxLength(500);
        b.Property(f => f.Phone).HasMaxLength(20);
    }
}
