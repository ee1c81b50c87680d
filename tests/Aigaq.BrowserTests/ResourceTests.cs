using System.Collections;
using System.Globalization;
using System.Resources;
using Aigaq.Web;

namespace Aigaq.BrowserTests;

/// <summary>Every shared UI string exists in Kazakh and Russian as well as in English.</summary>
public sealed class ResourceTests
{
    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    public void Every_interface_string_is_translated(string culture)
    {
        var manager = new ResourceManager("Aigaq.Web.SharedResource", typeof(SharedResource).Assembly);
        var neutral = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var translated = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!);

        Assert.NotEmpty(neutral);
        Assert.Empty(neutral.Except(translated));
    }

    private static HashSet<string> Keys(ResourceSet set) =>
        [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
}
