using System.Text.Json.Serialization;

namespace Aigaq.Web;

/// <summary>A page of any list (CONTRACT.md): <c>next</c> is always present, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);
