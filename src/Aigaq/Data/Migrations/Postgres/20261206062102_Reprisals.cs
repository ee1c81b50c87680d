using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reprisals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "reprisals_number");

            migrationBuilder.CreateTable(
                name: "reprisals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    ProtectedPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Agency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reliability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DetentionId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RulePackId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reprisals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reprisals_protected_persons_ProtectedPersonId",
                        column: x => x.ProtectedPersonId,
                        principalTable: "protected_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reprisal_interventions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReprisalId = table.Column<Guid>(type: "uuid", nullable: false),
                    Actor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Addressee = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Request = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reprisal_interventions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reprisal_interventions_reprisals_ReprisalId",
                        column: x => x.ReprisalId,
                        principalTable: "reprisals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reprisal_intervention_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InterventionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Effect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reprisal_intervention_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reprisal_intervention_updates_reprisal_interventions_Interv~",
                        column: x => x.InterventionId,
                        principalTable: "reprisal_interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reprisal_intervention_updates_InterventionId_RecordedAt",
                table: "reprisal_intervention_updates",
                columns: new[] { "InterventionId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reprisal_interventions_ReprisalId_RecordedAt",
                table: "reprisal_interventions",
                columns: new[] { "ReprisalId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reprisals_OccurredAt",
                table: "reprisals",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_reprisals_ProtectedPersonId_OccurredAt",
                table: "reprisals",
                columns: new[] { "ProtectedPersonId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reprisals_RecordedBy_Seq",
                table: "reprisals",
                columns: new[] { "RecordedBy", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_reprisals_Region_Seq",
                table: "reprisals",
                columns: new[] { "Region", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_reprisals_Seq",
                table: "reprisals",
                column: "Seq",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reprisal_intervention_updates");

            migrationBuilder.DropTable(
                name: "reprisal_interventions");

            migrationBuilder.DropTable(
                name: "reprisals");

            migrationBuilder.DropSequence(
                name: "reprisals_number");
        }
    }
}
