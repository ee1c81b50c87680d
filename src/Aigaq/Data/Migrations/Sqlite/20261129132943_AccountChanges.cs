using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Deactivated",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "account_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FromRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ToRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ToRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    FromFacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToFacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FromDeactivated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ToDeactivated = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_changes_AspNetUsers_By",
                        column: x => x.By,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_account_changes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_changes_By",
                table: "account_changes",
                column: "By");

            migrationBuilder.CreateIndex(
                name: "IX_account_changes_UserId_Number",
                table: "account_changes",
                columns: new[] { "UserId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_changes");

            migrationBuilder.DropColumn(
                name: "Deactivated",
                table: "AspNetUsers");
        }
    }
}
