using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GrantEnvelope = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    GrantKeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtectedPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Approvals = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_views",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViewedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViewedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_views", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_decisions_RequestId_DecidedBy",
                table: "identity_decisions",
                columns: new[] { "RequestId", "DecidedBy" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_decisions_RequestId_Ordinal",
                table: "identity_decisions",
                columns: new[] { "RequestId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_requests_ProtectedPersonId_RequestedAt",
                table: "identity_requests",
                columns: new[] { "ProtectedPersonId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_requests_RequestedBy_RequestedAt",
                table: "identity_requests",
                columns: new[] { "RequestedBy", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_views_RequestId_ViewedAt",
                table: "identity_views",
                columns: new[] { "RequestId", "ViewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_decisions");

            migrationBuilder.DropTable(
                name: "identity_requests");

            migrationBuilder.DropTable(
                name: "identity_views");
        }
    }
}
