using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "reports_number");

            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "alerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReportId",
                table: "alerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedYear = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Narrative = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DetentionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DetentionEventId = table.Column<Guid>(type: "uuid", nullable: true),
                    FacilityId = table.Column<Guid>(type: "uuid", nullable: true),
                    IncidentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Injuries = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    RulePackId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RegistrationDueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Victims = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ErdrNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RulePackId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedYear = table.Column<int>(type: "integer", nullable: false),
                    HoursToRegistration = table.Column<double>(type: "double precision", nullable: false),
                    RegisteredInTime = table.Column<bool>(type: "boolean", nullable: false),
                    Part = table.Column<int>(type: "integer", nullable: false),
                    Torture = table.Column<bool>(type: "boolean", nullable: false),
                    ResponsibleKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ResponsibleRegion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Conflict = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ConflictOpen = table.Column<bool>(type: "boolean", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SentToCourtAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Convicted = table.Column<bool>(type: "boolean", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Agency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Unit = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ErdrNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Part = table.Column<int>(type: "integer", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Data = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromRegion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ToKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ToRegion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedBy = table.Column<Guid>(type: "uuid", nullable: true)
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

            migrationBuilder.DropSequence(
                name: "reports_number");
        }
    }
}
