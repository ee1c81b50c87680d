using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FunnelIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_alleged_Agency_ReceivedYear_Region_ReportId",
                table: "report_alleged");

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_ReceivedYear_Agency_ReportId_Region",
                table: "report_alleged",
                columns: new[] { "ReceivedYear", "Agency", "ReportId", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_ReceivedYear_Region_Agency_ReportId",
                table: "report_alleged",
                columns: new[] { "ReceivedYear", "Region", "Agency", "ReportId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_alleged_ReceivedYear_Agency_ReportId_Region",
                table: "report_alleged");

            migrationBuilder.DropIndex(
                name: "IX_report_alleged_ReceivedYear_Region_Agency_ReportId",
                table: "report_alleged");

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_Agency_ReceivedYear_Region_ReportId",
                table: "report_alleged",
                columns: new[] { "Agency", "ReceivedYear", "Region", "ReportId" });
        }
    }
}
