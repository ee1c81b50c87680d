using System.Text.Json.Nodes;
using Aigaq.Facilities;
using Aigaq.Visits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Visits;

/// <summary>
/// The monitoring-visit checklists as data (issue 17, item 6; ADR 0028): the shipped version asks, at each kind of place of
/// the register, the shared themes in order with the items of that kind; more versions come from a folder; a broken
/// document is refused with a one-line reason before any visit asks it.
/// </summary>
public sealed class ChecklistLoaderTests : IDisposable
{
    private static readonly string[] Themes = ["treatment", "safeguards", "complaints", "materialConditions", "regime", "contactOutside", "healthCare", "staff"];

    private readonly string _dir = Directory.CreateTempSubdirectory("aigaq-checklists-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static JsonObject Shipped()
    {
        var assembly = typeof(VisitChecklists).Assembly;
        using var stream = assembly.GetManifestResourceStream("Aigaq.Rules.Checklists.visit-kz-v1.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    [Fact]
    public void The_shipped_checklist_asks_each_kind_of_place_the_shared_themes_and_its_own_items()
    {
        var checklist = Assert.Single(VisitChecklists.Load(null).All);
        Assert.Equal(("visit-kz", 1), (checklist.Id, checklist.Version));

        // Every facility type of the register has its kind, and a social care home is a facility of type other run by social care.
        foreach (var type in Enum.GetValues<FacilityType>().Where(t => t != FacilityType.Other))
        {
            var kind = checklist.KindOf(type, Agency.Police);
            Assert.Equal(char.ToLowerInvariant(type.ToString()[0]) + type.ToString()[1..], kind);
        }

        Assert.Equal("socialCareHome", checklist.KindOf(FacilityType.Other, Agency.SocialCare));
        Assert.Null(checklist.KindOf(FacilityType.Other, Agency.Police));

        foreach (var kind in checklist.Kinds.Select(k => k.Id))
        {
            var asked = checklist.For(kind)!;
            Assert.Equal(Themes, asked.Themes.Select(t => t.Id));
            var items = asked.Themes.SelectMany(t => t.Items).ToList();
            Assert.All(asked.Themes, t => Assert.All(t.Items, i => Assert.Equal(t.Id, i.Theme)));
            Assert.Contains(items, i => i.Id == "headcountMatchesRegister");
            Assert.Contains(items, i => i.Id == "medicinesFreeAndInStock");
            Assert.Contains(items, i => i.Id == "psychologistPosts");

            // Quality over count: a few items of each kind (of one or two kinds; the safeguards of arrest and questioning,
            // which the places of criminal custody ask, are not of a kind), at most a dozen shared per theme.
            Assert.InRange(items.Count(i => i.Kinds is { Length: <= 2 }), 3, 6);
            Assert.All(asked.Themes, t => Assert.InRange(t.Items.Count(i => i.Kinds is null), 1, 12));
        }

        Assert.Contains(checklist.For("psychiatricHospital")!.Themes.SelectMany(t => t.Items), i => i.Id == "minorsHeld");
        Assert.DoesNotContain(checklist.For("penitentiary")!.Themes.SelectMany(t => t.Items), i => i.Id == "minorsHeld");
        Assert.Contains(checklist.For("policeHoldingCell")!.Themes.SelectMany(t => t.Items), i => i.Id == "nightQuestioningWithoutLawyer");
        Assert.DoesNotContain(checklist.For("socialCareHome")!.Themes.SelectMany(t => t.Items), i => i.Id == "nightQuestioningWithoutLawyer");
        Assert.Null(checklist.For("embassy"));
        Assert.Null(checklist.For(null));

        // Every item rests on a source, and evidence is asked where a photo or a document shows the finding.
        Assert.All(checklist.Items, i => Assert.NotEmpty(i.Refs ?? []));
        Assert.Equal("photo", checklist.Item("floorSpacePerPerson")!.Evidence);
        Assert.Equal(["partitioned", "partlyScreened", "open", "outsideOnRequest"], checklist.Item("toilet")!.Options!);
    }

    [Fact]
    public void A_version_in_the_folder_applies_from_its_date_and_the_old_one_stays_for_the_visits_answered_under_it()
    {
        var next = Shipped();
        next["version"] = 2;
        next["validFrom"] = "2026-01-01T00:00:00+05:00";
        next["items"]!.AsArray().Add(new JsonObject { ["id"] = "waterTemperature", ["theme"] = "materialConditions", ["answer"] = "number", ["kinds"] = new JsonArray("penitentiary") });
        File.WriteAllText(Path.Combine(_dir, "visit-kz-v2.json"), next.ToJsonString());

        var checklists = Load();

        Assert.Equal(2, checklists.At(At("2026-06-01T00:00:00+05:00")).Version);
        Assert.Equal(1, checklists.At(At("2025-06-01T00:00:00+05:00")).Version);
        Assert.Equal(1, checklists.At(At("2020-01-01T00:00:00+05:00")).Version);
        Assert.Null(checklists.Version("visit-kz", 1)!.Item("waterTemperature"));
        var asked = checklists.For("penitentiary", At("2026-06-01T00:00:00+05:00"))!;
        Assert.Equal(2, asked.Version);
        Assert.Contains(asked.Themes.Single(t => t.Id == "materialConditions").Items, i => i.Id == "waterTemperature");
        Assert.DoesNotContain(checklists.For("juvenileCentre", At("2026-06-01T00:00:00+05:00"))!.Themes.SelectMany(t => t.Items), i => i.Id == "waterTemperature");
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "unknownTheme", "visit-kz v2: item lawyerFromDetention has an unknown theme lawyers" },
        { "duplicateId", "visit-kz v2: duplicate id toilet" },
        { "itemKindUnknown", "visit-kz v2: item minorsHeld names a kind not known: orphanage" },
        { "kindNotInRegister", "visit-kz v2: kind socialCareHome has a facility type the register does not know: careHome" },
        { "choiceWithoutOptions", "visit-kz v2: item toilet is a choice without options" },
        { "optionsOnYesNo", "visit-kz v2: item phoneCalls has options but is no choice" },
        { "unknownAnswerType", "visit-kz v2: item phoneCalls has an unknown answer type boolean" },
        { "unknownSource", "visit-kz v2: item phoneCalls refers to an unknown source cpt99" },
        { "sameVersionTwice", "visit-kz v1 is given twice" },
        { "unknownProperty", "visit-kz-v2.json is not valid: The JSON property 'photo'" },
        { "missingTheme", "visit-kz-v2.json is not valid: " },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_document_is_refused_with_a_one_line_reason(string breakage, string reason)
    {
        var doc = Shipped();
        doc["version"] = 2;
        var items = doc["items"]!.AsArray();
        JsonObject Item(string id) => items.Select(i => i!.AsObject()).Single(i => (string?)i["id"] == id);
        switch (breakage)
        {
            case "unknownTheme": Item("lawyerFromDetention")["theme"] = "lawyers"; break;
            case "duplicateId": items.Add(new JsonObject { ["id"] = "toilet", ["theme"] = "staff", ["answer"] = "text" }); break;
            case "itemKindUnknown": Item("minorsHeld")["kinds"] = new JsonArray("psychiatricHospital", "orphanage"); break;
            case "kindNotInRegister": doc["kinds"]!.AsArray().Select(k => k!.AsObject()).Single(k => (string?)k["id"] == "socialCareHome")["facilityType"] = "careHome"; break;
            case "choiceWithoutOptions": Item("toilet").Remove("options"); break;
            case "optionsOnYesNo": Item("phoneCalls")["options"] = new JsonArray("yes", "no"); break;
            case "unknownAnswerType": Item("phoneCalls")["answer"] = "boolean"; break;
            case "unknownSource": Item("phoneCalls")["refs"] = new JsonArray(new JsonObject { ["source"] = "cpt99" }); break;
            case "sameVersionTwice": doc["version"] = 1; break;
            case "unknownProperty": Item("phoneCalls")["photo"] = true; break;
            case "missingTheme": Item("phoneCalls").Remove("theme"); break;
        }

        File.WriteAllText(Path.Combine(_dir, "visit-kz-v2.json"), doc.ToJsonString());

        var error = Assert.Throws<InvalidOperationException>(Load);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        if (breakage == "missingTheme")
        {
            Assert.Contains("theme", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_services_hold_the_checklists_of_the_configured_folder_and_a_broken_one_stops_start_up()
    {
        var next = Shipped();
        next["version"] = 2;
        File.WriteAllText(Path.Combine(_dir, "visit-kz-v2.json"), next.ToJsonString());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Aigaq:Visits:ChecklistsDir"] = _dir }).Build();

        using var services = new ServiceCollection().AddVisitChecklists(config).BuildServiceProvider();
        Assert.Equal([1, 2], services.GetRequiredService<VisitChecklists>().All.Select(c => c.Version));

        next["themes"]!.AsArray().Add("treatment");
        File.WriteAllText(Path.Combine(_dir, "visit-kz-v2.json"), next.ToJsonString());
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddVisitChecklists(config));
        Assert.Contains("visit-kz v2: duplicate id treatment", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private VisitChecklists Load() => VisitChecklists.Load(_dir);
}
