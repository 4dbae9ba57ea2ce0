package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.cli.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options fail before anything starts; a running server is covered by {@code SentinelLauncherIT}. */
class ServeCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void portOutOfRangeIsAUsageError() {
        Result result = new Cli(dataDir).run("serve", "--port", "70000");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--port must be between 0 and 65535");
    }

    @Test
    void theThrottlesIpv6PrefixAndMemoryOfSuccessesAreCheckedByTheirOptions() {
        Result result = new Cli(dataDir).run("serve", "--throttle-ipv6-prefix", "16", "--throttle-recent-success", "31d");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--throttle-ipv6-prefix must be between 32 and 128 (got 16)")
                .contains("--throttle-recent-success must be between 0 (never) and 30d");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void theSessionLimitsAndTheTwoFactorRequirementAreCheckedByTheirOptions() {
        Result result = new Cli(dataDir).run("serve", "--require-2fa", "owners", "--session-idle", "13h");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--require-2fa must be admins, all or none (got 'owners')")
                .contains("--session-idle must not be longer than session_max");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void nonNumericPortIsAUsageError() {
        assertThat(new Cli(dataDir).run("serve", "--port", "http").exitCode()).isEqualTo(2);
    }

    @Test
    void badTokenLifetimeIsAUsageError() {
        assertThat(new Cli(dataDir).run("serve", "--token-lifetime", "soon").err()).contains("is not a duration");
        assertThat(new Cli(dataDir).run("serve", "--token-lifetime", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void auditRetentionShorterThanADayIsAUsageError() {
        Result result = new Cli(dataDir).run("serve", "--audit-retention", "12h");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--audit-retention must be at least 1d");
    }

    @Test
    void activityRetentionShorterThanADayIsAUsageError() {
        Result result = new Cli(dataDir).run("serve", "--activity-retention", "12h");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--activity-retention must be at least 1d");
        assertThat(new Cli(dataDir).run("serve", "--activity-retention", "forever").err()).contains("is not a duration");
    }

    @Test
    void unknownHasherIsAFailureNamingTheOption() {
        Result result = new Cli(dataDir).run("serve", "--hasher", "md5", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("hasher (--hasher): must be one of sha256, argon2id");
    }

    @Test
    void anUnknownAccessTokenTypIsAUsageErrorNamingTheValues() {
        Result result = new Cli(dataDir).run("serve", "--access-token-typ", "id+jwt", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--access-token-typ: access token typ must be at+jwt or JWT (got 'id+jwt')");
    }

    @Test
    void anUnknownSigningAlgorithmIsAUsageErrorNamingTheValues() {
        Result result = new Cli(dataDir).run("serve", "--signing-algorithm", "HS256", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--signing-algorithm: signing algorithm must be one of EdDSA, ES256, RS256");
    }

    @Test
    void aScopeThatIsNotAnOAuthScopeTokenIsAUsageError() {
        Result result = new Cli(dataDir).run("serve", "--scopes-supported", "read,bad\"quote", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--scopes-supported: each scope must be 1-200 visible ASCII characters");
    }

    @Test
    void aShortMetricsTokenIsAUsageErrorThatDoesNotEchoIt() {
        Path store = dataDir.resolve("store");
        Result result = Cli.runRaw("serve", "--metrics-token", "short-secret", "--port", "0",
                "--data-dir", store.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--metrics-token: the metrics token must have at least 32 characters")
                .doesNotContain("short-secret");
        assertThat(store).as("nothing is created before the options are known to be good").doesNotExist();
    }

    @Test
    void oneTlsFileWithoutTheOtherIsAUsageErrorNamingTheMissingOption() {
        TestTls tls = TestTls.issue(1);
        Path cert = tls.writeCertificate(dataDir.resolve("cert.pem"));
        Path key = tls.writeKey(dataDir.resolve("key.pem"));
        Path store = dataDir.resolve("store");

        Result certOnly = Cli.runRaw("serve", "--port", "0", "--tls-cert", cert.toString(), "--data-dir", store.toString());
        Result keyOnly = Cli.runRaw("serve", "--port", "0", "--tls-key", key.toString(), "--data-dir", store.toString());

        assertThat(certOnly.exitCode()).isEqualTo(2);
        assertThat(certOnly.err()).contains("--tls-cert needs --tls-key (or env SENTINEL_TLS_KEY)");
        assertThat(keyOnly.exitCode()).isEqualTo(2);
        assertThat(keyOnly.err()).contains("--tls-key needs --tls-cert (or env SENTINEL_TLS_CERT)");
        assertThat(store).doesNotExist();
    }

    @Test
    void missingUnreadableOrMismatchedTlsFilesFailBeforeTheStoreIsCreatedNamingTheFile() throws Exception {
        TestTls tls = TestTls.issue(2);
        Path cert = tls.writeCertificate(dataDir.resolve("cert.pem"));
        Path key = tls.writeKey(dataDir.resolve("key.pem"));
        Path otherKey = TestTls.issue(3).writeKey(dataDir.resolve("other-key.pem"));
        Path missing = dataDir.resolve("missing.pem");
        Path directory = Files.createDirectory(dataDir.resolve("certs"));
        Path store = dataDir.resolve("store");

        Result noCert = serveTls(missing, key, store);
        Result keyIsADirectory = serveTls(cert, directory, store);
        Result mismatch = serveTls(cert, otherKey, store);

        assertThat(noCert.exitCode()).isEqualTo(1);
        assertThat(noCert.err()).contains("error: the certificate chain " + missing + " does not exist");
        assertThat(keyIsADirectory.exitCode()).isEqualTo(1);
        assertThat(keyIsADirectory.err()).contains("error: the private key " + directory + " is a directory");
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.err()).contains("error: the private key " + otherKey + " does not belong to the first "
                + "certificate in " + cert).doesNotContain(tls.keyBodyLine(otherKey));
        assertThat(store).as("nothing is created before the TLS files are known to be good").doesNotExist();
    }

    @Test
    void aTlsReloadIntervalUnderASecondIsAUsageError() {
        Result result = new Cli(dataDir).run("serve", "--tls-reload-interval", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--tls-reload-interval must be at least 1s");
    }

    @Test
    void brokenSingleSignOnOptionsAreNamedAllAtOnceBeforeTheStoreIsCreated(@TempDir Path files) throws Exception {
        Path emptySecret = Files.writeString(files.resolve("secret"), "\n");

        Result result = new Cli(dataDir).run("serve", "--oidc-issuer", "http://login.example.com",
                "--oidc-client-secret-file", emptySecret.toString(), "--oidc-roles-claim", "no spaces",
                "--port", "70000");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--oidc-client-secret-file " + emptySecret + " must hold the client secret")
                .contains("--oidc-issuer must use https (http only on a loopback address")
                .contains("--oidc-client-id must be given too for single sign-on")
                .contains("--oidc-roles-claim must be a claim name").contains("--port must be between 0 and 65535");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void aMissingClientSecretFileIsNamedWithoutAStackTrace(@TempDir Path files) {
        Result result = new Cli(dataDir).run("serve", "--oidc-issuer", "https://login.example.com",
                "--oidc-client-id", "sentinel", "--oidc-client-secret-file", files.resolve("absent").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--oidc-client-secret-file cannot read " + files.resolve("absent"))
                .doesNotContain("at dev.sentinel");
        assertThat(dataDir).isEmptyDirectory();
    }

    private static Result serveTls(Path cert, Path key, Path store) {
        return Cli.runRaw("serve", "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--data-dir", store.toString());
    }
}
