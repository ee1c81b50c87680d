using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Plan26AlertCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DetainedAt",
                table: "alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DetentionFacilityId",
                table: "alerts",
                type: "TEXT",
                nullable: true);

            // Alerts raised before this migration get the copies of their detention's facility and moment of detention,
            // which AlertFactory sets from now on (ADR 0030, addendum of session 26); filled before the index is built.
            migrationBuilder.Sql("""
                UPDATE alerts SET ("DetentionFacilityId", "DetainedAt") = (
                    SELECT d."DestinationFacilityId", d."DetainedAt" FROM detentions d WHERE d."Id" = alerts."DetentionId")
                WHERE "DetentionId" IS NOT NULL
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
