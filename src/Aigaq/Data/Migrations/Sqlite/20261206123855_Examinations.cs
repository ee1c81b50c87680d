using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Examinations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "examinations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RulePackId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedByKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestedByReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Patronymic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Iin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DetentionEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueBy = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examinations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "examination_amendments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    FindingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Section = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_amendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_amendments_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Items = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_consents_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_examiners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecorderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminerUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Qualifications = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Employer = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IndependenceDeclared = table.Column<bool>(type: "INTEGER", nullable: false),
                    Conflicts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NotIndependentReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_examiners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_examiners_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    View = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BodyRegion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    X = table.Column<double>(type: "REAL", nullable: false),
                    Y = table.Column<double>(type: "REAL", nullable: false),
                    Size = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Consistency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_findings_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_seals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Conclusions = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Recommendations = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PolicePresent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Restrictions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AbsenceStatement = table.Column<bool>(type: "INTEGER", nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SealedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_seals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_seals_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_sections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_sections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_sections_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "examination_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Interpreter = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InterpreterLanguage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Present = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PolicePresent = table.Column<bool>(type: "INTEGER", nullable: false),
                    PoliceAskedToLeave = table.Column<bool>(type: "INTEGER", nullable: true),
                    Restrictions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_sessions_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_examination_amendments_ExaminationId_RecordedAt",
                table: "examination_amendments",
                columns: new[] { "ExaminationId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_examination_consents_ExaminationId_RecordedAt",
                table: "examination_consents",
                columns: new[] { "ExaminationId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_examination_examiners_ExaminationId",
                table: "examination_examiners",
                column: "ExaminationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_examination_examiners_RecorderId",
                table: "examination_examiners",
                column: "RecorderId");

            migrationBuilder.CreateIndex(
                name: "IX_examination_findings_ExaminationId_RecordedAt",
                table: "examination_findings",
                columns: new[] { "ExaminationId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_examination_seals_ExaminationId",
                table: "examination_seals",
                column: "ExaminationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_examination_sections_ExaminationId_RecordedAt",
                table: "examination_sections",
                columns: new[] { "ExaminationId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_examination_sessions_ExaminationId",
                table: "examination_sessions",
                column: "ExaminationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_examinations_CaseId",
                table: "examinations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_examinations_DetentionId",
                table: "examinations",
                column: "DetentionId");

            migrationBuilder.CreateIndex(
                name: "IX_examinations_DueBy",
                table: "examinations",
                column: "DueBy");

            migrationBuilder.CreateIndex(
                name: "IX_examinations_Number",
                table: "examinations",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_examinations_RecordedBy_Seq",
                table: "examinations",
                columns: new[] { "RecordedBy", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_examinations_Region_Seq",
                table: "examinations",
                columns: new[] { "Region", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_examinations_ReportId",
                table: "examinations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_examinations_Seq",
                table: "examinations",
                column: "Seq",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "examination_amendments");

            migrationBuilder.DropTable(
                name: "examination_consents");

            migrationBuilder.DropTable(
                name: "examination_examiners");

            migrationBuilder.DropTable(
                name: "examination_findings");

            migrationBuilder.DropTable(
                name: "examination_seals");

            migrationBuilder.DropTable(
                name: "examination_sections");

            migrationBuilder.DropTable(
                name: "examination_sessions");

            migrationBuilder.DropTable(
                name: "examinations");
        }
    }
}
