using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AllegedYearRegion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReceivedYear",
                table: "report_alleged",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "report_alleged",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // Allegations already stored take their report's year and region (hand-written: keep on regeneration).
            migrationBuilder.Sql("""
                UPDATE report_alleged AS a SET "ReceivedYear" = r."ReceivedYear", "Region" = r."Region"
                FROM reports AS r WHERE r."Id" = a."ReportId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_Agency_ReceivedYear_Region_ReportId",
                table: "report_alleged",
                columns: new[] { "Agency", "ReceivedYear", "Region", "ReportId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_alleged_Agency_ReceivedYear_Region_ReportId",
                table: "report_alleged");

            migrationBuilder.DropColumn(
                name: "ReceivedYear",
                table: "report_alleged");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "report_alleged");
        }
    }
}
