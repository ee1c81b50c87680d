using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitInterviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "visit_interviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Consent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Private = table.Column<bool>(type: "INTEGER", nullable: false),
                    Allegation = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReprisalRisk = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Vulnerabilities = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FollowUpBy = table.Column<long>(type: "INTEGER", nullable: true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProtectedPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_interviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_interviews_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_interviews_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_visit_interviews_ProtectedPersonId",
                table: "visit_interviews",
                column: "ProtectedPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_interviews_ReportId",
                table: "visit_interviews",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_interviews_VisitId_Code",
                table: "visit_interviews",
                columns: new[] { "VisitId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "visit_interviews");
        }
    }
}
