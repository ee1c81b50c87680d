using System.Text.Encodings.Web;
using Aigaq.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Aigaq.Tests.Web;

/// <summary>
/// Every form shows a field's error the same way: the control says it is invalid and which text describes it, and
/// that text is on the page under the id the control names, so a screen reader reads the error with the field.
/// </summary>
public sealed class FieldErrorTagHelperTests
{
    [Fact]
    public void A_control_with_an_error_is_marked_invalid_and_described_by_its_hint_then_its_error_which_follows_it()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.Contact1Phone", "is not a phone number");
        state.AddModelError("Form.Contact1Phone", "is too long");

        var html = Render(state, "input", ("id", "Contact1Phone"), ("name", "Form.Contact1Phone"), ("aria-describedby", "Contact1Phone-hint"), ("class", "wide"), ("field-error", null));

        Assert.Equal(
            """<input id="Contact1Phone" name="Form.Contact1Phone" aria-describedby="Contact1Phone-hint Contact1Phone-error" class="wide input-validation-error" aria-invalid="true">"""
            + """<span class="error-text" id="Contact1Phone-error">is not a phone number is too long</span>""",
            html);
    }

    [Fact]
    public void A_control_without_an_error_is_left_as_written()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.Other", "is required");

        var html = Render(state, "textarea", ("id", "Reason"), ("name", "Form.Reason"), ("aria-describedby", "Reason-hint"), ("field-error", null));

        Assert.Equal("""<textarea id="Reason" name="Form.Reason" aria-describedby="Reason-hint"></textarea>""", html);
    }

    [Fact]
    public void An_id_written_with_an_expression_names_the_error_as_a_literal_one_does()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.LastName", "is required");

        var html = Render(state, "input", ("id", new HtmlString("lookup-LastName")), ("name", new HtmlString("Form.LastName")), ("field-error", null));

        Assert.Contains("aria-describedby=\"lookup-LastName-error\"", html, StringComparison.Ordinal);
        Assert.Contains("""<span class="error-text" id="lookup-LastName-error">is required</span>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_on_the_control_is_looked_up_instead_of_its_name_and_an_alert_is_announced()
    {
        // Each alert of the dashboard has its own comment form, all with the same field name.
        var state = new ModelStateDictionary();
        state.AddModelError("comment-7", "Write a comment.");

        var failed = Render(state, "textarea", ("id", "comment-7"), ("name", "comment"), ("field-error", "comment-7"), ("field-error-alert", null));
        var other = Render(state, "textarea", ("id", "comment-8"), ("name", "comment"), ("field-error", "comment-8"), ("field-error-alert", null));

        Assert.EndsWith("""<span class="error-text" id="comment-7-error" role="alert">Write a comment.</span>""", failed, StringComparison.Ordinal);
        Assert.Equal("""<textarea id="comment-8" name="comment"></textarea>""", other);
    }

    [Fact]
    public void An_error_under_a_camel_case_key_is_found_for_the_bound_name()
    {
        // The account page's handler names its fields as the JSON API does (Form.reason).
        var state = new ModelStateDictionary();
        state.AddModelError("Form.reason", "is required");

        var html = Render(state, "textarea", ("id", "Reason"), ("name", "Form.Reason"), ("field-error", null));

        Assert.Contains("""<span class="error-text" id="Reason-error">is required</span>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_is_written_as_text_never_as_markup()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.Name", "<script>alert(1)</script>");

        var html = Render(state, "input", ("id", "Name"), ("name", "Form.Name"), ("field-error", null));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_element_writes_only_the_error_named_after_the_last_part_of_its_key_and_nothing_without_one()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.Outcome", "is required");

        Assert.Equal("""<span class="error-text" id="Outcome-error">is required</span>""", Render(state, "field-error", ("for", "Form.Outcome")));
        Assert.Equal("", Render(state, "field-error", ("for", "Form.Reasons")));
    }

    private static string Render(ModelStateDictionary state, string tag, params (string Name, object? Value)[] attributes)
    {
        var all = new TagHelperAttributeList(attributes.Select(a => a.Value is null
            ? new TagHelperAttribute(a.Name)
            : new TagHelperAttribute(a.Name, a.Value)));
        var helper = new FieldErrorTagHelper
        {
            For = attributes.FirstOrDefault(a => a.Name == "for").Value as string,
            ViewContext = new ViewContext { ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), state) },
        };
        var context = new TagHelperContext(tag, all, new Dictionary<object, object>(), "test");
        var output = new TagHelperOutput(tag, new TagHelperAttributeList(all.Where(a => a.Name != "for")), (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()))
        {
            TagMode = tag == "textarea" ? TagMode.StartTagAndEndTag : TagMode.StartTagOnly,
        };

        helper.Process(context, output);

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
