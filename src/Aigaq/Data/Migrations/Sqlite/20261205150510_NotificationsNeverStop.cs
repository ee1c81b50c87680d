using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotificationsNeverStop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResendReason",
                table: "notifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResentAt",
                table: "notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResentBy",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "notification_attempts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StatusAfter",
                table: "notification_attempts",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // Attempts recorded before this migration get the numbers and statuses the audit derived for them (by time,
            // then id; Sent after a success, the notification's status after its last attempt, Pending before), which
            // is what their log entries commit to. Done while the index on the notification id still serves the counts.
            migrationBuilder.Sql("""
                UPDATE notification_attempts SET "Number" = (
                    SELECT COUNT(*) FROM notification_attempts b
                    WHERE b."NotificationId" = notification_attempts."NotificationId"
                      AND (b."At" < notification_attempts."At" OR (b."At" = notification_attempts."At" AND b."Id" <= notification_attempts."Id")))
                """);
            migrationBuilder.Sql("""
                UPDATE notification_attempts SET "StatusAfter" = CASE
                    WHEN "Succeeded" THEN 'Sent'
                    WHEN "Number" = (SELECT COUNT(*) FROM notification_attempts b WHERE b."NotificationId" = notification_attempts."NotificationId")
                        THEN (SELECT n."Status" FROM notifications n WHERE n."Id" = notification_attempts."NotificationId")
                    ELSE 'Pending' END
                """);

            migrationBuilder.DropIndex(
                name: "IX_notification_attempts_NotificationId",
                table: "notification_attempts");

            migrationBuilder.CreateIndex(
                name: "IX_notification_attempts_NotificationId_Number",
                table: "notification_attempts",
                columns: new[] { "NotificationId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_notification_attempts_NotificationId_Number",
                table: "notification_attempts");

            migrationBuilder.DropColumn(
                name: "ResendReason",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "ResentAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "ResentBy",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "notification_attempts");

            migrationBuilder.DropColumn(
                name: "StatusAfter",
                table: "notification_attempts");

            migrationBuilder.CreateIndex(
                name: "IX_notification_attempts_NotificationId",
                table: "notification_attempts",
                column: "NotificationId");
        }
    }
}
