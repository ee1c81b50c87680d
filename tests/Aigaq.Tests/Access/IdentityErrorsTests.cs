using System.Globalization;
using Aigaq.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Access;

/// <summary>Identity's account errors reach the administrator in the page's language.</summary>
public sealed class IdentityErrorsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("en", "already has an account", "at least 10 characters")]
    [InlineData("ru", "уже есть учётная запись", "не менее 10 символов")]
    [InlineData("kk", "есептік жазбасы бар", "кемінде 10 таңбадан")]
    public async Task A_taken_email_and_a_short_password_are_refused_in_the_users_language(string language, string taken, string tooShort)
    {
        var existing = await fixture.Host.UserAsync(Roles.Officer);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            await using var scope = fixture.Host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

            var duplicate = await users.CreateAsync(new AppUser { UserName = existing.User.Email, Email = existing.User.Email }, "long-enough-password-1");
            var weak = await users.CreateAsync(new AppUser { UserName = $"{Guid.NewGuid():N}@example.kz", Email = $"{Guid.NewGuid():N}@example.kz" }, "short1");

            Assert.Contains(duplicate.Errors, e => e.Description.Contains(taken, StringComparison.Ordinal) && e.Description.Contains(existing.User.Email!, StringComparison.Ordinal));
            Assert.Contains(weak.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort) && e.Description.Contains(tooShort, StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
