using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    GrantEnvelope = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    GrantKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProtectedPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Approvals = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_views",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
