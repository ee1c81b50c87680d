using Aigaq.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Aigaq.Access;

/// <summary>Identity's account errors in the user's language (Kazakh, Russian or English).</summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), t["The account could not be saved."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), t["The account changed meanwhile; try again."]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), t["The e-mail {0} already has an account.", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), t["The e-mail {0} already has an account.", userName]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), t["{0} is not an e-mail address.", email ?? ""]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), t["{0} is not an e-mail address.", userName ?? ""]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), Plurals.Count(t, "password.minLength", length));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), t["The password needs at least one digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), t["The password needs at least one lower-case letter."]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), Plurals.Count(t, "password.minUnique", uniqueChars));

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
