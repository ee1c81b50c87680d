using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

public static class IdentityResults
{
    /// <summary>
    /// Identity reports failure as a value; where none is expected (the input was checked before) or none can be
    /// recovered from (a concurrency stamp that moved), it becomes an exception that rolls the transaction back.
    /// </summary>
    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
