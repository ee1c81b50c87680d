using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Detentions;

public sealed record PersonInput(
    string? LastName, string? FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin,
    string? Sex, string? Citizenship, string? Language);

public sealed record PlaceInput(string? Address, double? Latitude, double? Longitude);

public sealed record OfficerInput(string? Badge, string? Name);

public sealed record GroundsInput(GroundsKind? Kind, string? Article, string? Description);

public sealed record DestinationInput(Guid? FacilityId, string? Route, DateTimeOffset? ExpectedArrival);

public sealed record ContactInput(ContactRole? Role, string? Name, string? Phone, string? Email, string? Language);

/// <summary>The registration request of CONTRACT.md. Every field is nullable so that a missing one is
/// reported by name rather than as a deserialization failure.</summary>
public sealed record RegisterDetentionRequest(
    PersonInput? Person,
    DateTimeOffset? DetainedAt,
    PlaceInput? Place,
    string? Region,
    string? Agency,
    List<OfficerInput>? Officers,
    GroundsInput? Grounds,
    DateTimeOffset? RightsExplainedAt,
    string? RightsLanguage,
    DestinationInput? Destination,
    List<ContactInput>? Contacts);

/// <summary>Registers the actual moment of a detention, its alerts and its notifications in one transaction.</summary>
public sealed class RegisterDetention(
    AigaqDb db,
    RulePackCatalog rules,
    NumberAllocator numbers,
    DetentionNotices notices,
    FacilityDirectory facilities,
    TimeProvider clock)
{
    public const int MaxOfficers = 20;
    public const int MaxContacts = 20;

    /// <summary>
    /// Every error the request holds, found as registering would find them, without writing anything; null when it
    /// holds none. A form whose own fields failed to parse asks this so that it names all its errors at once.
    /// </summary>
    public async Task<IResult?> CheckAsync(RegisterDetentionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (_, v, _, _, _) = await ValidateAsync(request, user, clock.GetUtcNow(), ct);
        return v.IsValid ? null : v.Problem();
    }

    public async Task<Outcome<DetentionView>> HandleAsync(RegisterDetentionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (input, v, facility, pack, outside) = await ValidateAsync(request, user, now, ct);
        if (!v.IsValid || facility is null)
        {
            return new ProblemResult(v.Problem());
        }

        var isMinor = CustodyRules.IsMinor(pack, input.Person.BirthDate, input.DetainedAt);
        var deadlines = CustodyRules.Compute(pack, input.DetainedAt, isMinor, input.Destination.ExpectedArrival);
        var id = Guid.CreateVersion7(now);
        var userId = user.RequiredUserId();

        var sequence = await numbers.NextAsync(NumberAllocator.Detentions, ct);
        var detention = new Detention
        {
            Id = id,
            Seq = sequence,
            Number = FormattableString.Invariant($"D{input.Region[3..]}-{sequence:D6}"),
            LastName = input.Person.LastName!,
            FirstName = input.Person.FirstName!,
            Patronymic = input.Person.Patronymic,
            BirthDate = input.Person.BirthDate,
            Iin = input.Person.Iin,
            Sex = input.Person.Sex,
            Citizenship = input.Person.Citizenship,
            Language = input.Person.Language,
            IsMinor = isMinor,
            NameKey = NameKey(input.Person.LastName!, input.Person.FirstName!),
            LookupKey = LookupName.Skeleton(input.Person.LastName),
            DetainedAt = input.DetainedAt,
            RecordedAt = now,
            RecordedBy = userId,
            PlaceAddress = input.Place.Address!,
            Latitude = input.Place.Latitude,
            Longitude = input.Place.Longitude,
            Region = input.Region,
            Agency = input.Agency,
            Officers = [.. input.Officers.Select(o => new Officer { Badge = o.Badge!, Name = o.Name! })],
            GroundsKind = input.Grounds.Kind!.Value,
            GroundsArticle = input.Grounds.Article,
            GroundsDescription = input.Grounds.Description,
            RightsExplainedAt = input.RightsExplainedAt,
            RightsLanguage = input.RightsLanguage,
            DestinationFacilityId = facility.Id,
            Route = input.Destination.Route,
            ExpectedArrival = input.Destination.ExpectedArrival,
            Contacts = [.. input.Contacts.Select(c => new DetentionContact
            {
                DetentionId = id,
                Role = c.Role!.Value,
                Name = c.Name!,
                Phone = c.Phone,
                Email = c.Email,
                EmailNormalized = c.Email?.ToUpperInvariant(),
                Language = c.Language,
            })],
            RulePackId = pack.Id,
            CourtBy = deadlines.CourtBy,
            ProtocolBy = deadlines.ProtocolBy,
            DeliveryBy = deadlines.DeliveryBy,
            Status = CustodyStatus.InTransit,
            CurrentFacilityId = facility.Id,
        };
        db.Add(detention);

        var alerts = CustodyRules
            .AtRegistration(pack, id, detention.DetainedAt, now, detention.RightsExplainedAt, isMinor, facility.AcceptsMinors)
            .Append(outside is null ? null : new AlertDue(
                AlertCodes.RegisteredOutsideRegion, CustodyRules.Key(AlertCodes.RegisteredOutsideRegion, id), null, $"registered by an officer of {outside}"))
            .OfType<AlertDue>()
            .Select(a => AlertFactory.Create(a, detention.ForAlert(), detention.Region, now))
            .ToList();
        db.AddRange(alerts);

        var notifications = await notices.ForRegistrationAsync(detention, facility, pack, ct);
        db.AddRange(notifications);

        var entry = LedgerWriter.Append(db, DetentionLedger.Registered, id, now, w => DetentionLedger.Content(w, detention));
        return Outcome<DetentionView>.Created(
            () => DetentionView.From(detention, alerts, [], notifications, NeedToKnow.All, new Dictionary<Guid, LogPosition> { [id] = new(entry.Index, entry.LeafHash) }),
            $"/api/v1/detentions/{id}");
    }

    public static string NameKey(string lastName, string firstName) =>
        $"{lastName.Trim().ToUpperInvariant()}|{firstName.Trim().ToUpperInvariant()}";

    private sealed record Input(
        PersonInput Person, DateTimeOffset DetainedAt, PlaceInput Place, string Region, string Agency,
        List<OfficerInput> Officers, GroundsInput Grounds, DateTimeOffset? RightsExplainedAt, string? RightsLanguage,
        Guid FacilityId, DestinationInput Destination, List<ContactInput> Contacts);

    private async Task<(Input Input, Validation Errors, Facility? Facility, RulePack Pack, string? Outside)> ValidateAsync(
        RegisterDetentionRequest request, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var v = new Validation();
        var input = Validate(request, v, now);
        var facility = input.FacilityId == Guid.Empty
            ? null
            : await facilities.FindAsync(db, input.FacilityId, ct);
        if (input.FacilityId != Guid.Empty && facility is null)
        {
            v.Add("destination.facilityId", "is not a known facility");
        }

        // An officer registers in their own region; elsewhere only where the rule pack allows it, and then with an alert.
        var pack = rules.At(input.DetainedAt);
        var outside = user.RegionScope() is { } own && !string.Equals(own, input.Region, StringComparison.Ordinal) ? own : null;
        if (outside is not null && !pack.Registration.OutsideRegionAllowed)
        {
            v.Add("region", $"is not the region of the registering officer ({outside})");
        }

        return (input, v, facility, pack, outside);
    }

    private Input Validate(RegisterDetentionRequest r, Validation v, DateTimeOffset now)
    {
        var skew = TimeSpan.FromMinutes(rules.At(now).Registration.ClockSkewMinutes);
        var p = r.Person;
        PersonInput person;
        if (p is null)
        {
            v.Add("person", "is required");
            person = new PersonInput(null, null, null, null, null, null, null, null);
        }
        else
        {
            var iin = Iin.Validate(v, "person", p.Iin, p.BirthDate, now);

            person = new PersonInput(
                v.RequiredName("person.lastName", p.LastName, 100),
                v.RequiredName("person.firstName", p.FirstName, 100),
                v.OptionalName("person.patronymic", p.Patronymic, 100),
                p.BirthDate,
                iin,
                v.Optional("person.sex", p.Sex, 20),
                v.Optional("person.citizenship", p.Citizenship, 60),
                v.Optional("person.language", p.Language, 20));
        }

        var detainedAt = v.Required("detainedAt", r.DetainedAt);
        if (r.DetainedAt is not null)
        {
            Instant(v, "detainedAt", detainedAt, now, skew);
        }

        var place = r.Place is null
            ? new PlaceInput(null, null, null)
            : new PlaceInput(v.Required("place.address", r.Place.Address, 500), r.Place.Latitude, r.Place.Longitude);
        if (r.Place is null)
        {
            v.Add("place", "is required");
        }
        else
        {
            if (place.Latitude is < -90 or > 90)
            {
                v.Add("place.latitude", "must lie between -90 and 90");
            }

            if (place.Longitude is < -180 or > 180)
            {
                v.Add("place.longitude", "must lie between -180 and 180");
            }
        }

        var region = v.Required("region", r.Region, 8);
        v.Region("region", region);

        var agency = v.Required("agency", r.Agency, 100);

        var officers = r.Officers ?? [];
        if (officers.Count == 0)
        {
            v.Add("officers", "must name at least one officer");
        }
        else if (officers.Count > MaxOfficers)
        {
            v.Add("officers", $"must name at most {MaxOfficers} officers");
        }

        officers = [.. officers.Take(MaxOfficers).Select((o, i) => new OfficerInput(
            v.Required($"officers[{i}].badge", o?.Badge, 40), v.RequiredName($"officers[{i}].name", o?.Name, 200)))];

        var grounds = r.Grounds ?? new GroundsInput(null, null, null);
        if (r.Grounds is null)
        {
            v.Add("grounds", "is required");
        }
        else
        {
            v.Required("grounds.kind", grounds.Kind);
            grounds = grounds with
            {
                Article = v.Optional("grounds.article", grounds.Article, 100),
                Description = v.Optional("grounds.description", grounds.Description, 2000),
            };
        }

        if (r.RightsExplainedAt is { } rights)
        {
            Instant(v, "rightsExplainedAt", rights, now, skew);
            if (r.DetainedAt is { } detained && rights < detained)
            {
                v.Add("rightsExplainedAt", "is before detainedAt");
            }
        }

        var destination = r.Destination ?? new DestinationInput(null, null, null);
        Guid facilityId = Guid.Empty;
        if (r.Destination is null)
        {
            v.Add("destination", "is required");
        }
        else
        {
            facilityId = v.Required("destination.facilityId", destination.FacilityId);
            destination = destination with { Route = v.Optional("destination.route", destination.Route, 1000) };
            if (destination.ExpectedArrival is { } expected && r.DetainedAt is { } detained && expected < detained)
            {
                v.Add("destination.expectedArrival", "is before detainedAt");
            }
        }

        var contacts = r.Contacts ?? [];
        if (contacts.Count > MaxContacts)
        {
            v.Add("contacts", $"must hold at most {MaxContacts} contacts");
        }

        contacts = [.. contacts.Take(MaxContacts).Select((c, i) => ValidateContact(v, c, $"contacts[{i}]"))];

        return new Input(
            person, detainedAt, place, region, agency, officers, grounds, r.RightsExplainedAt,
            v.Optional("rightsLanguage", r.RightsLanguage, 20), facilityId, destination, contacts);
    }

    private static ContactInput ValidateContact(Validation v, ContactInput? c, string path)
    {
        c ??= new ContactInput(null, null, null, null, null);
        v.Required($"{path}.role", c.Role);
        var email = v.Optional($"{path}.email", c.Email, 320);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            v.Add($"{path}.email", "is not an e-mail address");
        }

        // Written as people write them ("8 701 123 45 67"), kept in E.164.
        var phone = v.Optional($"{path}.phone", c.Phone, 40);
        if (phone is not null)
        {
            phone = Web.PhoneNumber.Normalize(phone);
            if (phone is null)
            {
                v.Add($"{path}.phone", "is not a phone number in international form, e.g. +77011234567");
            }
        }

        if (string.IsNullOrWhiteSpace(c.Phone) && email is null)
        {
            v.Add(path, "needs a phone or an e-mail to be notified");
        }

        var language = v.Optional($"{path}.language", c.Language, 8);
        return new ContactInput(c.Role, v.RequiredName($"{path}.name", c.Name, 200), phone, email, language);
    }

    private static void Instant(Validation v, string field, DateTimeOffset value, DateTimeOffset now, TimeSpan skew)
    {
        if (value > now + skew)
        {
            v.Add(field, "is in the future");
        }
        else if (value < now.AddYears(-1))
        {
            v.Add(field, "is more than a year in the past");
        }
    }
}
