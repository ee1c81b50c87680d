using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "alerts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReportId",
                table: "alerts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedYear = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DetentionEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IncidentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Injuries = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    RulePackId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RegistrationDueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Victims = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ErdrNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RulePackId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedYear = table.Column<int>(type: "INTEGER", nullable: false),
                    HoursToRegistration = table.Column<double>(type: "REAL", nullable: false),
                    RegisteredInTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Part = table.Column<int>(type: "INTEGER", nullable: false),
                    Torture = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResponsibleKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResponsibleRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Conflict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConflictOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SentToCourtAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Convicted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cases_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_alleged",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_alleged", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_alleged_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ErdrNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Part = table.Column<int>(type: "INTEGER", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_decisions_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_events_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ToKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ToRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_CaseId",
                table: "alerts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_ReportId",
                table: "alerts",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_case_events_CaseId_RecordedAt",
                table: "case_events",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_ErdrNumber",
                table: "cases",
                column: "ErdrNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_ReceivedYear_Region_SentToCourtAt_Convicted",
                table: "cases",
                columns: new[] { "ReceivedYear", "Region", "SentToCourtAt", "Convicted" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_ReportId",
                table: "cases",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_ResponsibleKind_ResponsibleRegion_Closed",
                table: "cases",
                columns: new[] { "ResponsibleKind", "ResponsibleRegion", "Closed" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_CaseId_CreatedAt",
                table: "referrals",
                columns: new[] { "CaseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Status_DueBy",
                table: "referrals",
                columns: new[] { "Status", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Status_ToKind_ToRegion_CreatedAt",
                table: "referrals",
                columns: new[] { "Status", "ToKind", "ToRegion", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_Agency_ReportId",
                table: "report_alleged",
                columns: new[] { "Agency", "ReportId" });

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_ReportId",
                table: "report_alleged",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_report_decisions_ReportId_RecordedAt",
                table: "report_decisions",
                columns: new[] { "ReportId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_DetentionEventId",
                table: "reports",
                column: "DetentionEventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_DetentionId",
                table: "reports",
                column: "DetentionId");

            migrationBuilder.CreateIndex(
                name: "IX_reports_Number",
                table: "reports",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_ReceivedYear_Region_Status",
                table: "reports",
                columns: new[] { "ReceivedYear", "Region", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_RecordedBy",
                table: "reports",
                column: "RecordedBy");

            migrationBuilder.CreateIndex(
                name: "IX_reports_Seq",
                table: "reports",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_Status_Region_ReceivedAt",
                table: "reports",
                columns: new[] { "Status", "Region", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_Status_RegistrationDueBy",
                table: "reports",
                columns: new[] { "Status", "RegistrationDueBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "report_alleged");

            migrationBuilder.DropTable(
                name: "report_decisions");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropIndex(
                name: "IX_alerts_CaseId",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "IX_alerts_ReportId",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "alerts");
        }
    }
}
