using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Visits;
using Aigaq.Web;

namespace Aigaq.Tests.Visits;

/// <summary>
/// An answer to a checklist item, as the visits area will check it: of the item's type, to an item asked at that kind of
/// place; anything else is an error naming the field, with nothing to store.
/// </summary>
public sealed class ChecklistAnswerTests
{
    private static readonly VisitChecklist Checklist = VisitChecklists.Load(null).All[0];

    public static TheoryData<string, string, string?, string> Valid => new()
    {
        { "lawyerFromDetention", "\"yes\"", "policeHoldingCell", "\"yes\"" },
        { "fearOfReprisal", "\"no\"", null, "\"no\"" },
        { "consularAccess", "\"na\"", "penitentiary", "\"na\"" },
        { "toilet", "\"outsideOnRequest\"", "specialReception", "\"outsideOnRequest\"" },
        { "floorSpacePerPerson", "3.5", "pretrialDetention", "3.5" },
        { "minorsHeld", "0", "psychiatricHospital", "0" },
        { "medicinesMissing", "\"  инсулин, карбамазепин \"", "penitentiary", "\"инсулин, карбамазепин\"" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void An_answer_of_the_items_type_gives_the_value_to_store(string item, string answer, string? kind, string stored)
    {
        var v = new Validation();

        var value = Checklist.Validate(v, item, Parse(answer), kind);

        Assert.True(v.IsValid, string.Join("; ", v.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key} {m}"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), value), value?.ToJsonString());
    }

    public static TheoryData<string, string, string?, string> Invalid => new()
    {
        { "lawyerFromDetention", "true", null, "must be one of yes, no" },
        { "lawyerFromDetention", "\"na\"", null, "must be one of yes, no" },
        { "consularAccess", "\"maybe\"", null, "must be one of yes, no, na" },
        { "toilet", "\"closed\"", null, "must be one of partitioned, partlyScreened, open, outsideOnRequest" },
        { "floorSpacePerPerson", "-1", null, "must be a number from 0 to 1000000" },
        { "floorSpacePerPerson", "\"4\"", null, "must be a number from 0 to 1000000" },
        { "peopleHeld", "1e9", null, "must be a number from 0 to 1000000" },
        { "medicinesMissing", "\"   \"", null, "is required" },
        { "medicinesMissing", "12", null, "must be text" },
        { "staffConcerns", "LONG", null, "must be at most 2000 characters" },
        { "phoneCalls", "null", null, "is required" },
        { "noSuchItem", "\"yes\"", null, "is not an item of checklist visit-kz v1" },
        { "minorsHeld", "3", "penitentiary", "is not asked at a penitentiary in checklist visit-kz v1" },
        { "nightQuestioningWithoutLawyer", "\"no\"", "socialCareHome", "is not asked at a socialCareHome in checklist visit-kz v1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_wrong_answer_is_an_error_naming_the_field_and_nothing_to_store(string item, string answer, string? kind, string message)
    {
        var v = new Validation();
        var json = answer == "LONG" ? JsonSerializer.Serialize(new string('я', VisitChecklist.MaxText + 1)) : answer;

        var value = Checklist.Validate(v, item, Parse(json), kind);

        Assert.Null(value);
        var error = Assert.Single(v.Errors);
        Assert.Equal($"answers.{item}", error.Key);
        Assert.Equal([message], error.Value);
    }

    [Fact]
    public void The_caller_names_the_fields_of_its_own_request()
    {
        var v = new Validation();

        Assert.Null(Checklist.Validate(v, "noSuchItem", Parse("\"yes\""), itemField: "answers[0].item", answerField: "answers[0].answer"));
        Assert.Null(Checklist.Validate(v, "phoneCalls", Parse("1"), itemField: "answers[1].item", answerField: "answers[1].answer"));

        Assert.Equal(["answers[0].item", "answers[1].answer"], v.Errors.Keys.Order(StringComparer.Ordinal));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
