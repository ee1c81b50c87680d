using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProtectionRegisters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "reprisals_number");

            migrationBuilder.CreateTable(
                name: "identity_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    GrantEnvelope = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    GrantKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProtectedPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Approvals = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_views",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_views", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protected_person_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Risk = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Disclosure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DetentionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protected_person_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protected_person_changes_protected_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "protected_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Measures = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidingBodyKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidingBodyName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DecisionDueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RulePackId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_applications_protected_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "protected_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NextContactBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_contacts_protected_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "protected_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "protection_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    AppealedDecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Grounds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_appeals_protection_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "protection_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    AppealId = table.Column<Guid>(type: "uuid", nullable: true),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_decisions_protection_appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "protection_appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_protection_decisions_protection_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "protection_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ImplementingBody = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_measures_protection_decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "protection_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_measure_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_measure_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_measure_changes_protection_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "protection_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_decisions_RequestId_DecidedBy",
                table: "identity_decisions",
                columns: new[] { "RequestId", "DecidedBy" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_decisions_RequestId_Ordinal",
                table: "identity_decisions",
                columns: new[] { "RequestId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_requests_ProtectedPersonId_RequestedAt",
                table: "identity_requests",
                columns: new[] { "ProtectedPersonId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_requests_RequestedBy_RequestedAt",
                table: "identity_requests",
                columns: new[] { "RequestedBy", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_views_RequestId_ViewedAt",
                table: "identity_views",
                columns: new[] { "RequestId", "ViewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protected_person_changes_PersonId_Number",
                table: "protected_person_changes",
                columns: new[] { "PersonId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_appeals_AppealedDecisionId",
                table: "protection_appeals",
                column: "AppealedDecisionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_appeals_ApplicationId_Round",
                table: "protection_appeals",
                columns: new[] { "ApplicationId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_applications_DecisionDueBy",
                table: "protection_applications",
                column: "DecisionDueBy");

            migrationBuilder.CreateIndex(
                name: "IX_protection_applications_PersonId",
                table: "protection_applications",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_protection_contacts_NextContactBy",
                table: "protection_contacts",
                column: "NextContactBy");

            migrationBuilder.CreateIndex(
                name: "IX_protection_contacts_PersonId_At",
                table: "protection_contacts",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_decisions_AppealId",
                table: "protection_decisions",
                column: "AppealId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_decisions_ApplicationId_Round",
                table: "protection_decisions",
                columns: new[] { "ApplicationId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_measure_changes_MeasureId_Number",
                table: "protection_measure_changes",
                columns: new[] { "MeasureId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_measures_ApplicationId",
                table: "protection_measures",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_protection_measures_DecisionId_Code",
                table: "protection_measures",
                columns: new[] { "DecisionId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_measures_PersonId",
                table: "protection_measures",
                column: "PersonId");

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

            migrationBuilder.AddForeignKey(
                name: "FK_protection_appeals_protection_decisions_AppealedDecisionId",
                table: "protection_appeals",
                column: "AppealedDecisionId",
                principalTable: "protection_decisions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_protection_appeals_protection_applications_ApplicationId",
                table: "protection_appeals");

            migrationBuilder.DropForeignKey(
                name: "FK_protection_decisions_protection_applications_ApplicationId",
                table: "protection_decisions");

            migrationBuilder.DropForeignKey(
                name: "FK_protection_appeals_protection_decisions_AppealedDecisionId",
                table: "protection_appeals");

            migrationBuilder.DropTable(
                name: "identity_decisions");

            migrationBuilder.DropTable(
                name: "identity_requests");

            migrationBuilder.DropTable(
                name: "identity_views");

            migrationBuilder.DropTable(
                name: "protected_person_changes");

            migrationBuilder.DropTable(
                name: "protection_contacts");

            migrationBuilder.DropTable(
                name: "protection_measure_changes");

            migrationBuilder.DropTable(
                name: "reprisal_intervention_updates");

            migrationBuilder.DropTable(
                name: "protection_measures");

            migrationBuilder.DropTable(
                name: "reprisal_interventions");

            migrationBuilder.DropTable(
                name: "reprisals");

            migrationBuilder.DropTable(
                name: "protection_applications");

            migrationBuilder.DropTable(
                name: "protection_decisions");

            migrationBuilder.DropTable(
                name: "protection_appeals");

            migrationBuilder.DropSequence(
                name: "reprisals_number");
        }
    }
}
