namespace Aigaq.Web;

/// <summary>Phone numbers in E.164 form: a plus sign and 8 to 15 digits.</summary>
public static class PhoneNumber
{
    public static bool IsValid(string phone) =>
        phone.Length is >= 9 and <= 16 && phone[0] == '+' && phone.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
