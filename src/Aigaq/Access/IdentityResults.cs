using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

/// <summary>Identity answers a failure as a result, not an exception; where a failure is not expected it becomes one.</summary>
public static class IdentityResults
{
    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
