using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    FacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Deactivated = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "counters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counters", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "facilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AcceptsMinors = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_facilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ResponseJson = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency", x => new { x.UserId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Root = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_checkpoints", x => x.Size);
                });

            migrationBuilder.CreateTable(
                name: "ledger_cosignatures",
                columns: table => new
                {
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Witness = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cosignatures", x => new { x.Size, x.Witness });
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Salt = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Entry = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LeafHash = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_leader",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_leader", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    NextIndex = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_tiles",
                columns: table => new
                {
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", maxLength: 8192, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_tiles", x => new { x.Level, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "ledger_witness_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Witness = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OldSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_witness_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_witnesses",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    RetryAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_witnesses", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Body = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LateAlertRaised = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

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
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FromRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ToRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ToRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    FromFacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToFacilityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FromDeactivated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ToDeactivated = table.Column<bool>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_tokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "detentions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Patronymic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Iin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Citizenship = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsMinor = table.Column<bool>(type: "INTEGER", nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    DetainedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaceAddress = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GroundsKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GroundsArticle = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    GroundsDescription = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RightsExplainedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RightsLanguage = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DestinationFacilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExpectedArrival = table.Column<long>(type: "INTEGER", nullable: true),
                    RulePackId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CourtBy = table.Column<long>(type: "INTEGER", nullable: false),
                    ProtocolBy = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveryBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CurrentFacilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArrivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProtocolAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CourtDecisionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Officers = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_detentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_detentions_facilities_DestinationFacilityId",
                        column: x => x.DestinationFacilityId,
                        principalTable: "facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notification_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notification_attempts_notifications_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "notifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "report_alleged",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
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
                name: "detention_contacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    EmailNormalized = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_detention_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_detention_contacts_detentions_DetentionId",
                        column: x => x.DetentionId,
                        principalTable: "detentions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "detention_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "text", maxLength: 4000, nullable: false),
                    Corrects = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_detention_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_detention_events_detentions_DetentionId",
                        column: x => x.DetentionId,
                        principalTable: "detentions",
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

            migrationBuilder.InsertData(
                table: "counters",
                columns: new[] { "Name", "Value" },
                values: new object[] { "detentions", 0L });

            migrationBuilder.InsertData(
                table: "ledger_leader",
                columns: new[] { "Id", "LeaseUntil", "Node" },
                values: new object[] { 1, null, null });

            migrationBuilder.InsertData(
                table: "ledger_state",
                columns: new[] { "Id", "NextIndex" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_access_log_At",
                table: "access_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_access_log_UserId",
                table: "access_log",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_account_changes_By",
                table: "account_changes",
                column: "By");

            migrationBuilder.CreateIndex(
                name: "IX_account_changes_UserId_Number",
                table: "account_changes",
                columns: new[] { "UserId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_CaseId",
                table: "alerts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_DetentionId",
                table: "alerts",
                column: "DetentionId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Key",
                table: "alerts",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_ReportId",
                table: "alerts",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Status_Region_RaisedAt",
                table: "alerts",
                columns: new[] { "Status", "Region", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_Hash",
                table: "api_tokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_UserId",
                table: "api_tokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_detention_contacts_DetentionId",
                table: "detention_contacts",
                column: "DetentionId");

            migrationBuilder.CreateIndex(
                name: "IX_detention_contacts_EmailNormalized",
                table: "detention_contacts",
                column: "EmailNormalized");

            migrationBuilder.CreateIndex(
                name: "IX_detention_events_DetentionId_At",
                table: "detention_events",
                columns: new[] { "DetentionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_detentions_CurrentFacilityId_Status",
                table: "detentions",
                columns: new[] { "CurrentFacilityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_detentions_DestinationFacilityId",
                table: "detentions",
                column: "DestinationFacilityId");

            migrationBuilder.CreateIndex(
                name: "IX_detentions_NameKey",
                table: "detentions",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_detentions_Number",
                table: "detentions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_detentions_RecordedBy",
                table: "detentions",
                column: "RecordedBy");

            migrationBuilder.CreateIndex(
                name: "IX_detentions_Region_Status_RecordedAt",
                table: "detentions",
                columns: new[] { "Region", "Status", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_detentions_Seq",
                table: "detentions",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_facilities_Region_Name",
                table: "facilities",
                columns: new[] { "Region", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Index",
                table: "ledger_entries",
                column: "Index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Kind_RecordId",
                table: "ledger_entries",
                columns: new[] { "Kind", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_witness_attempts_Witness_At",
                table: "ledger_witness_attempts",
                columns: new[] { "Witness", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_attempts_NotificationId",
                table: "notification_attempts",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DetentionId",
                table: "notifications",
                column: "DetentionId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Status_NextAttemptAt",
                table: "notifications",
                columns: new[] { "Status", "NextAttemptAt" });

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
                name: "IX_report_alleged_ReceivedYear_Agency_ReportId_Region",
                table: "report_alleged",
                columns: new[] { "ReceivedYear", "Agency", "ReportId", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_report_alleged_ReceivedYear_Region_Agency_ReportId",
                table: "report_alleged",
                columns: new[] { "ReceivedYear", "Region", "Agency", "ReportId" });

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
                name: "access_log");

            migrationBuilder.DropTable(
                name: "account_changes");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "complaint_decisions");

            migrationBuilder.DropTable(
                name: "counters");

            migrationBuilder.DropTable(
                name: "detention_contacts");

            migrationBuilder.DropTable(
                name: "detention_events");

            migrationBuilder.DropTable(
                name: "idempotency");

            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_cosignatures");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_leader");

            migrationBuilder.DropTable(
                name: "ledger_state");

            migrationBuilder.DropTable(
                name: "ledger_tiles");

            migrationBuilder.DropTable(
                name: "ledger_witness_attempts");

            migrationBuilder.DropTable(
                name: "ledger_witnesses");

            migrationBuilder.DropTable(
                name: "notification_attempts");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "report_alleged");

            migrationBuilder.DropTable(
                name: "report_decisions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "detentions");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "facilities");

            migrationBuilder.DropTable(
                name: "reports");
        }
    }
}
