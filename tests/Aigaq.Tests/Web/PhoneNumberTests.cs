using Aigaq.Web;

namespace Aigaq.Tests.Web;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+77011234567", "+77011234567")]
    [InlineData("+7 (701) 123-45-67", "+77011234567")]
    [InlineData("8 701 123 45 67", "+77011234567")]
    [InlineData("87011234567", "+77011234567")]
    [InlineData("7011234567", "+77011234567")]
    [InlineData("8 (7172) 55-66-77", "+77172556677")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+998 90 123 45 67", "+998901234567")]
    public void A_number_as_people_write_it_is_read_in_international_form(string written, string e164) =>
        Assert.Equal(e164, PhoneNumber.Normalize(written));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("8 701 12")]
    [InlineData("8 701 abc")]
    [InlineData("8 701 000")]
    [InlineData("+7 701 123 45 67 89 01 23")]
    [InlineData("aigul@example.kz")]
    public void Text_that_cannot_be_a_number_is_refused(string written) => Assert.Null(PhoneNumber.Normalize(written));
}
