using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProtectionRetentionAnonymousMatching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "anonymous_channels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiptHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_anonymous_channels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_anonymous_channels_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "anonymous_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Author = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_anonymous_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_anonymous_messages_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_erasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Pseudonym = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetainUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ErasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Records = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    Counts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EntriesDigest = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_erasures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protection_match_cursor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    NextIndex = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_match_cursor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protection_retentions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RetainUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_retentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_retentions_protected_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "protected_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "protection_match_cursor",
                columns: new[] { "Id", "NextIndex" },
                values: new object[] { 1, 0L });

            // On a database that already holds detentions, matching starts at the end of the log: the detentions before
            // it were matched in their own transactions when they were registered (until this version), and a first
            // pass over years of custody would raise alerts about detentions long over.
            migrationBuilder.Sql("UPDATE protection_match_cursor SET \"NextIndex\" = (SELECT \"NextIndex\" FROM ledger_state WHERE \"Id\" = 1) WHERE \"Id\" = 1;");

            migrationBuilder.CreateIndex(
                name: "IX_detentions_BirthDate",
                table: "detentions",
                column: "BirthDate");

            migrationBuilder.CreateIndex(
                name: "IX_detentions_Iin",
                table: "detentions",
                column: "Iin");

            migrationBuilder.CreateIndex(
                name: "IX_anonymous_channels_ReceiptHash",
                table: "anonymous_channels",
                column: "ReceiptHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_anonymous_channels_ReportId",
                table: "anonymous_channels",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_anonymous_messages_ReportId_Number",
                table: "anonymous_messages",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_erasures_PersonId",
                table: "protection_erasures",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_retentions_PersonId_RetainUntil",
                table: "protection_retentions",
                columns: new[] { "PersonId", "RetainUntil" });

            migrationBuilder.AddForeignKey(
                name: "FK_identity_decisions_identity_requests_RequestId",
                table: "identity_decisions",
                column: "RequestId",
                principalTable: "identity_requests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_identity_requests_protected_persons_ProtectedPersonId",
                table: "identity_requests",
                column: "ProtectedPersonId",
                principalTable: "protected_persons",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_identity_views_identity_requests_RequestId",
                table: "identity_views",
                column: "RequestId",
                principalTable: "identity_requests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_identity_decisions_identity_requests_RequestId",
                table: "identity_decisions");

            migrationBuilder.DropForeignKey(
                name: "FK_identity_requests_protected_persons_ProtectedPersonId",
                table: "identity_requests");

            migrationBuilder.DropForeignKey(
                name: "FK_identity_views_identity_requests_RequestId",
                table: "identity_views");

            migrationBuilder.DropTable(
                name: "anonymous_channels");

            migrationBuilder.DropTable(
                name: "anonymous_messages");

            migrationBuilder.DropTable(
                name: "protection_erasures");

            migrationBuilder.DropTable(
                name: "protection_match_cursor");

            migrationBuilder.DropTable(
                name: "protection_retentions");

            migrationBuilder.DropIndex(
                name: "IX_detentions_BirthDate",
                table: "detentions");

            migrationBuilder.DropIndex(
                name: "IX_detentions_Iin",
                table: "detentions");
        }
    }
}
