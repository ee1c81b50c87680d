using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Plan26AlertCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DetainedAt",
                table: "alerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DetentionFacilityId",
                table: "alerts",
                type: "uuid",
                nullable: true);

            // Alerts raised before this migration get the copies of their detention's facility and moment of detention,
            // which AlertFactory sets from now on (ADR 0030, addendum of session 26); filled before the index is built.
            migrationBuilder.Sql("""
                UPDATE alerts SET "DetentionFacilityId" = d."DestinationFacilityId", "DetainedAt" = d."DetainedAt"
                FROM detentions d WHERE d."Id" = alerts."DetentionId"
                """);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_plan",
                table: "alerts",
                columns: new[] { "DetainedAt", "DetentionFacilityId", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alerts_plan",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "DetainedAt",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "DetentionFacilityId",
                table: "alerts");
        }
    }
}
