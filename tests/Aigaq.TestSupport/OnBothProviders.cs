namespace Aigaq.TestSupport;

/// <summary>Theory data that runs each case on SQLite and on PostgreSQL.</summary>
public static class OnBothProviders
{
    public static TheoryData<string, bool> Each(IEnumerable<string> cases)
    {
        var data = new TheoryData<string, bool>();
        foreach (var c in cases)
        {
            data.Add(c, false);
            data.Add(c, true);
        }

        return data;
    }
}
