using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AlertId",
                table: "notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_AlertId_Channel_Address",
                table: "notifications",
                columns: new[] { "AlertId", "Channel", "Address" },
                unique: true,
                filter: "\"AlertId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_notifications_AlertId_Channel_Address",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "AlertId",
                table: "notifications");
        }
    }
}
