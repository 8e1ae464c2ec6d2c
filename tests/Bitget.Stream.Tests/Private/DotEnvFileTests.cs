using Bitget.Stream.Credentials;

namespace Bitget.Stream.Tests.Private;

/// <summary>.env files read the way python-dotenv reads them, and the order parameters → environment → .env.</summary>
public sealed class DotEnvFileTests
{
    [Fact]
    public void ReadsQuotesExportPrefixesAndComments()
    {
        var values = DotEnvFile.Parse("""
            # a comment line
            export BITGET_API_KEY=bg_123   # trailing comment
            BITGET_SECRET_KEY = "se#cret \"quoted\" \n line"
            BITGET_PASSPHRASE='single \'quoted\' \n stays'
            HASH=value#not-a-comment
            EMPTY=
            NOVALUE
              SPACED =  spaced value  
            MULTI="one
            two"
            """);
        Assert.Equal("bg_123", values["BITGET_API_KEY"]);
        Assert.Equal("se#cret \"quoted\" \n line", values["BITGET_SECRET_KEY"]);
        Assert.Equal("single 'quoted' \\n stays", values["BITGET_PASSPHRASE"]);
        Assert.Equal("value#not-a-comment", values["HASH"]);
        Assert.Equal("", values["EMPTY"]);
        Assert.False(values.ContainsKey("NOVALUE"));
        Assert.Equal("spaced value", values["SPACED"]);
        Assert.Equal("one\ntwo", values["MULTI"]);
    }

    [Fact]
    public void ParametersWinOverTheEnvironmentWhichWinsOverTheFile()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "BITGET_API_KEY=file-key\nBITGET_SECRET_KEY=file-secret\nBITGET_PASSPHRASE=file-pass\n");
            var env = new Dictionary<string, string> { ["BITGET_SECRET_KEY"] = "env-secret" };
            using var credentials = CredentialResolver.Resolve("param-key".ToCharArray(), null, null, n => env.GetValueOrDefault(n), file, true);
            Assert.Equal("param-key", credentials.ApiKey.ToString());
            Assert.Equal("env-secret", credentials.Secret.ToString());
            Assert.Equal("file-pass", credentials.Passphrase.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AMissingPieceIsNamedAndNoValueIsEchoed()
    {
        var given = "known-key".ToCharArray();
        var error = Assert.Throws<BitgetCredentialException>(() =>
            CredentialResolver.Resolve(given, null, "pp".ToCharArray(), _ => null, null, false));
        Assert.Equal([CredentialPiece.Secret], error.Missing);
        Assert.Contains("BITGET_SECRET_KEY", error.Message);
        Assert.DoesNotContain("known-key", error.Message);
        Assert.All(given, c => Assert.Equal('\0', c)); // what was passed is wiped on failure
    }

    [Fact]
    public void ANamedEnvFileMustExistButTheDefaultMayNot()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".env");
        var error = Assert.Throws<BitgetCredentialException>(() => CredentialResolver.Resolve(null, null, null, _ => null, missing, true));
        Assert.Contains("does not exist", error.Message);
        var defaultMissing = Assert.Throws<BitgetCredentialException>(() => CredentialResolver.Resolve(null, null, null, _ => null, missing, false));
        Assert.Equal(3, defaultMissing.Missing.Count);
    }
}
