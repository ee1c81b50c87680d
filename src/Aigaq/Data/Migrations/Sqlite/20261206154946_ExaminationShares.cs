using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExaminationShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "examination_shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecipientRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConsentItem = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_shares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_shares_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_share_openings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShareId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_share_openings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_share_openings_examination_shares_ShareId",
                        column: x => x.ShareId,
                        principalTable: "examination_shares",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_share_revocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShareId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConsentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_share_revocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_share_revocations_examination_shares_ShareId",
                        column: x => x.ShareId,
                        principalTable: "examination_shares",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_examination_share_openings_ShareId_At",
                table: "examination_share_openings",
                columns: new[] { "ShareId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_examination_share_revocations_ExaminationId",
                table: "examination_share_revocations",
                column: "ExaminationId");

            migrationBuilder.CreateIndex(
                name: "IX_examination_share_revocations_ShareId",
                table: "examination_share_revocations",
                column: "ShareId");

            migrationBuilder.CreateIndex(
                name: "IX_examination_shares_ExaminationId_CreatedAt",
                table: "examination_shares",
                columns: new[] { "ExaminationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_examination_shares_TokenHash",
                table: "examination_shares",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "examination_share_openings");

            migrationBuilder.DropTable(
                name: "examination_share_revocations");

            migrationBuilder.DropTable(
                name: "examination_shares");
        }
    }
}
