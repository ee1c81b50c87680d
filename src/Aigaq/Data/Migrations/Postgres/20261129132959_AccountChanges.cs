using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "account_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FromRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ToRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromRegion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    ToRegion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    FromFacilityId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToFacilityId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromDeactivated = table.Column<bool>(type: "boolean", nullable: false),
                    ToDeactivated = table.Column<bool>(type: "boolean", nullable: false)
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
