using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VisitPlanIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_reports_plan",
                table: "reports",
                columns: new[] { "FacilityId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_detentions_plan",
                table: "detentions",
                columns: new[] { "DetainedAt", "DestinationFacilityId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_plan",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_detentions_plan",
                table: "detentions");
        }
    }
}
