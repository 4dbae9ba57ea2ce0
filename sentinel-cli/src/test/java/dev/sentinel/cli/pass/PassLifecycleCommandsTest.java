package dev.sentinel.cli.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.Sentinel;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassLifecycleCommandsTest {

    @TempDir
    Path dataDir;

    private Cli cli;
    private String passId;
    private String clientId;
    private String secret;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
        JsonNode created = cli.createPass();
        passId = created.get("pass").get("pass_id").asText();
        clientId = created.get("credentials").get("client_id").asText();
        secret = created.get("credentials").get("client_secret").asText();
    }

    @Test
    void createdCredentialsAuthenticateAgainstTheStore() {
        assertThat(authenticates(secret)).isTrue();
    }

    @Test
    void toggleDeactivatesAndReactivates() {
        Result off = cli.run("pass", "toggle", passId);
        assertThat(off.exitCode()).isZero();
        assertThat(off.out()).isEqualTo("Pass " + passId + " is now inactive.\n");
        assertThat(authenticates(secret)).isFalse();

        Result on = cli.run("pass", "toggle", passId, "--json");
        assertThat(on.json().get("status").asText()).isEqualTo("active");
        assertThat(authenticates(secret)).isTrue();
    }

    @Test
    void revokeStopsAuthenticationUntilActivated() {
        Result revoked = cli.run("pass", "revoke", passId);
        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).contains("inactive (revoked)");
        assertThat(authenticates(secret)).isFalse();

        Result toggled = cli.run("pass", "toggle", passId);
        assertThat(toggled.exitCode()).isEqualTo(1);
        assertThat(toggled.err()).contains("is revoked; activate it");

        assertThat(cli.run("pass", "activate", passId).out()).contains("is now active");
        assertThat(authenticates(secret)).isTrue();
    }

    @Test
    void regenerateIssuesANewSecretAndEndsTheOldOneAtOnce() {
        Result result = cli.run("pass", "regenerate", passId);

        assertThat(result.exitCode()).isZero();
        String newSecret = result.json().get("credentials").get("client_secret").asText();
        assertThat(newSecret).startsWith("sps_").isNotEqualTo(secret);
        assertThat(result.json().get("previous_secret_valid_until").isNull()).isTrue();
        assertThat(result.err()).contains("no longer works");
        assertThat(authenticates(newSecret)).isTrue();
        assertThat(authenticates(secret)).isFalse();
    }

    @Test
    void regenerateWithGraceKeepsTheOldSecretWorking() {
        Result result = cli.run("pass", "regenerate", passId, "--grace", "1h");

        assertThat(result.exitCode()).isZero();
        Instant oldEnds = Instant.parse(result.json().get("previous_secret_valid_until").asText());
        assertThat(oldEnds).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(authenticates(secret)).isTrue();
    }

    @Test
    void regeneratePrintsBashExportLinesWithFormatEnv() {
        Result result = cli.run("pass", "regenerate", passId, "--grace", "PT30M", "--format", "env");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("export SENTINEL_CLIENT_ID='" + clientId + "'\n");
    }

    @Test
    void badNetworksAreNamedByTheOptionThatCarriesThem() {
        Result malformed = cli.run("pass", "allowed-ips", passId, "--set", "10.0.0.1/33,zz");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).isEqualTo("error: allowed_ips (--set): 10.0.0.1/33: prefix length must be 0-32; "
                + "allowed_ips (--set): zz: must be an IPv4 or IPv6 address, optionally followed by /prefix (like "
                + "10.0.0.0/8 or 2001:db8::/32)\n");

        Result empty = cli.run("pass", "allowed-ips", passId, "--set", " ");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("error: allowed_ips (--set): must name at least one network block, or use "
                + "--clear to let any address use the pass (got ' ')\n");

        Result atCreate = cli.run("pass", "create", "--project", "demo", "--name", "Other Agent", "--type", "bot",
                "--allowed-ips", "10.0.0.0/33");
        assertThat(atCreate.err()).isEqualTo("error: allowed_ips (--allowed-ips): 10.0.0.0/33: prefix length must be "
                + "0-32\n");
    }

    @Test
    void badGraceIsRejected() {
        Result malformed = cli.run("pass", "regenerate", passId, "--grace", "forever");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("'forever' is not a duration");

        Result tooLong = cli.run("pass", "regenerate", passId, "--grace", "31d");
        assertThat(tooLong.exitCode()).isEqualTo(1);
        assertThat(tooLong.err()).isEqualTo("error: grace_period (--grace): must be between 0 and 30 days (got '31d')\n");
        assertThat(authenticates(secret)).isTrue();
    }

    @Test
    void deleteWithoutYesAndWithoutATerminalRefusesAndKeepsThePass() {
        Result result = cli.run("pass", "delete", passId);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("refusing to delete", "no terminal", "--yes");
        assertThat(cli.run("pass", "show", passId).exitCode()).isZero();
    }

    @Test
    void deleteWithYesRemovesThePassForGood() {
        Result result = cli.run("pass", "delete", passId, "--yes");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("deleted");
        assertThat(cli.run("pass", "show", passId).exitCode()).isEqualTo(1);
        assertThat(authenticates(secret)).isFalse();
    }

    @Test
    void stateCommandsNeedAPassId() {
        for (String command : new String[] {"toggle", "revoke", "activate", "delete", "regenerate", "show", "permissions"}) {
            Result result = cli.run("pass", command);
            assertThat(result.exitCode()).as(command).isEqualTo(2);
            assertThat(result.err()).as(command).contains("Missing required parameter: 'PASS_ID'");
        }
    }

    private boolean authenticates(String candidate) {
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            return Sentinel.builder().storage(storage).build().authenticate(clientId, candidate).isSuccess();
        }
    }
}
