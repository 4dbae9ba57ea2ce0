package dev.sentinel.cli.admintoken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentinel admin-token rotate} on an H2 store: the token printed once is the one the store now accepts. */
class AdminTokenRotateCommandTest {

    private static final Pattern TOKEN = Pattern.compile("sat_[A-Za-z0-9_-]{43}");

    @TempDir
    Path dataDir;

    @Test
    void rotatePrintsANewTokenOnceThatTheStoreAcceptsInPlaceOfTheOldOne() {
        Cli cli = new Cli(dataDir);
        cli.createPass();

        Result first = cli.run("admin-token", "rotate");
        Result second = cli.run("admin-token", "rotate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        String firstToken = token(first.out());
        String secondToken = token(second.out());
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(first.out()).startsWith("New admin token (shown only this once, store it now): " + firstToken + "\n")
                .contains("refuse the old one within " + AdminTokens.REFRESH_SECONDS + " seconds")
                .contains("Servers started with SENTINEL_ADMIN_TOKEN set ignore the stored token");
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            AdminTokens tokens = Sentinel.builder().storage(storage).build().adminTokens(new SecureRandom());
            assertThat(tokens.generated()).as("a rotated store needs no generated token").isEmpty();
            assertThat(tokens.matches(secondToken)).isTrue();
            assertThat(tokens.matches(firstToken)).isFalse();

            List<AuditEntry> audit = storage.read(session -> session.audit().recent(10)).stream()
                    .filter(entry -> entry.action().equals(AdminTokens.ROTATE_ACTION)).toList();
            assertThat(audit).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.actor()).isEqualTo("cli:" + System.getProperty("user.name"));
                assertThat(entry.passId()).isEmpty();
                assertThat(entry.detail()).doesNotContain(firstToken).doesNotContain(secondToken)
                        .doesNotContain("sat_");
            });
        }
    }

    @Test
    void jsonPrintsOnlyTheDocumentOnStdoutAndTheNotesOnStderr() {
        Cli cli = new Cli(dataDir);
        cli.createPass();

        Result result = cli.run("admin-token", "rotate", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("admin_token").asText()).matches(TOKEN);
        assertThat(result.json().get("old_token_refused_within_seconds").asInt()).isEqualTo(AdminTokens.REFRESH_SECONDS);
        assertThat(result.err()).contains("ignore the stored token").doesNotContain("sat_");
    }

    private static String token(String out) {
        Matcher matcher = TOKEN.matcher(out);
        assertThat(matcher.find()).as("a token in: " + out).isTrue();
        String token = matcher.group();
        assertThat(matcher.find()).as("the token is printed once").isFalse();
        return token;
    }
}
