package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
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
    void nonNumericPortIsAUsageError() {
        assertThat(new Cli(dataDir).run("serve", "--port", "http").exitCode()).isEqualTo(2);
    }

    @Test
    void badTokenLifetimeIsAUsageError() {
        assertThat(new Cli(dataDir).run("serve", "--token-lifetime", "soon").err()).contains("is not a duration");
        assertThat(new Cli(dataDir).run("serve", "--token-lifetime", "0").exitCode()).isEqualTo(2);
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
}
