namespace Aigaq.Ledger.Tests;

public class LedgerInfoTests
{
    [Fact]
    public void Uses_sha256_as_rfc6962_requires() => Assert.Equal("SHA-256", LedgerInfo.HashAlgorithm);
}
