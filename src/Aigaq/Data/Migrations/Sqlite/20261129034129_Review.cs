using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BodyRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ActionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Grounds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Complainant = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ReviewerRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    DueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    RulePackId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_complaints_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportDecisionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_complaint_decisions_complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaint_decisions_ComplaintId",
                table: "complaint_decisions",
                column: "ComplaintId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_CaseId",
                table: "complaints",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_Number",
                table: "complaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_RecordedBy",
                table: "complaints",
                column: "RecordedBy");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_ReportId",
                table: "complaints",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_Seq",
                table: "complaints",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_Status_DueBy",
                table: "complaints",
                columns: new[] { "Status", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_Status_ReviewerRegion_ReceivedAt",
                table: "complaints",
                columns: new[] { "Status", "ReviewerRegion", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaint_decisions");

            migrationBuilder.DropTable(
                name: "complaints");
        }
    }
}
