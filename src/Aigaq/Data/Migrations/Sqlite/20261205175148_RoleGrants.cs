using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoleGrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ApprovedBy",
                table: "account_changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "role_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FromRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ToRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ToRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    FromFacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToFacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FromDeactivated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ToDeactivated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ChangeId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_role_grants_AspNetUsers_DecidedBy",
                        column: x => x.DecidedBy,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_role_grants_AspNetUsers_RequestedBy",
                        column: x => x.RequestedBy,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_role_grants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_role_grants_account_changes_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "account_changes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_role_grants_ChangeId",
                table: "role_grants",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_role_grants_DecidedBy",
                table: "role_grants",
                column: "DecidedBy");

            migrationBuilder.CreateIndex(
                name: "IX_role_grants_RequestedBy",
                table: "role_grants",
                column: "RequestedBy");

            migrationBuilder.CreateIndex(
                name: "IX_role_grants_Status_RequestedAt",
                table: "role_grants",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_role_grants_UserId",
                table: "role_grants",
                column: "UserId",
                unique: true,
                filter: "\"Status\" = 'pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "role_grants");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "account_changes");
        }
    }
}
