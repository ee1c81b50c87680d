using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Aigaq.Web;

/// <summary>
/// A field's validation error, written the same way on every form.
/// <para>
/// On a control, <c>&lt;input id="Email" name="Form.Email" field-error&gt;</c> (or a select or textarea): when the
/// page's ModelState holds an error under the control's name, the control is marked invalid (aria-invalid and the
/// error class), its aria-describedby names the error after any hint it already names, and the error follows it as
/// <c>&lt;span class="error-text" id="Email-error"&gt;</c>. A value, <c>field-error="key"</c>, names the ModelState
/// key where it is not the control's name; <c>field-error-alert</c> gives the error role=alert, for a form with no
/// summary above it to announce the failure.
/// </para>
/// <para>
/// As an element, <c>&lt;field-error for="Form.Outcome"/&gt;</c> writes only the error, with the id "Outcome-error",
/// where no single control stands for the field: a group of radios, a box inside its label, a hidden value.
/// </para>
/// </summary>
[HtmlTargetElement("input", Attributes = Name, TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = Name)]
[HtmlTargetElement("textarea", Attributes = Name)]
[HtmlTargetElement(Name, Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string Name = "field-error";
    private const string AlertName = "field-error-alert";

    /// <summary>On the element: the ModelState key of the field.</summary>
    [HtmlAttributeName("for")]
    public string? For { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var alert = output.Attributes.ContainsName(AlertName);
        output.Attributes.RemoveAll(AlertName);
        if (output.TagName == Name)
        {
            output.TagName = null;
            var key = For ?? "";
            if (FormErrors.TextOf(ViewContext.ViewData.ModelState, key) is { } text)
            {
                output.Content.SetHtmlContent(Error(key[(key.LastIndexOf('.') + 1)..] + "-error", text, alert));
            }

            return;
        }

        var field = ValueOf(output.Attributes[Name]) is { Length: > 0 } given ? given : ValueOf(output.Attributes["name"]) ?? "";
        output.Attributes.RemoveAll(Name);
        if (FormErrors.TextOf(ViewContext.ViewData.ModelState, field) is not { } error)
        {
            return;
        }

        var id = (ValueOf(output.Attributes["id"])
            ?? throw new InvalidOperationException($"The control of {field} needs an id for its error to be named by.")) + "-error";
        var hint = ValueOf(output.Attributes["aria-describedby"]);
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(hint) ? id : hint + " " + id);
        output.AddClass("input-validation-error", HtmlEncoder.Default);
        output.PostElement.AppendHtml(Error(id, error, alert));
    }

    private static TagBuilder Error(string id, string text, bool alert)
    {
        var span = new TagBuilder("span");
        span.AddCssClass("error-text");
        span.Attributes["id"] = id;
        if (alert)
        {
            span.Attributes["role"] = "alert";
        }

        span.InnerHtml.Append(text);
        return span;
    }

    /// <summary>An attribute's value as text, however the page wrote it (literal, expression or both).</summary>
    private static string? ValueOf(TagHelperAttribute? attribute)
    {
        switch (attribute?.Value)
        {
            case null:
                return null;
            case string text:
                return text;
            case IHtmlContent html:
                using (var writer = new StringWriter(CultureInfo.InvariantCulture))
                {
                    html.WriteTo(writer, HtmlEncoder.Default);
                    return WebUtility.HtmlDecode(writer.ToString());
                }

            default:
                return Convert.ToString(attribute.Value, CultureInfo.InvariantCulture);
        }
    }
}
