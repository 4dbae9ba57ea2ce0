package dev.sentinel.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sentinel account create|list|role|delete|reset-2fa}, {@code project create|delete|members} and
 * {@code access-key create|list|revoke} in-process on a real H2 store; what they write is read back through core.
 */
class AccountCommandsTest {

    private static final String PASSWORD = "correct horse battery staple 7";

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private Cli cli;

    @BeforeEach
    void aStore() {
        cli = new Cli(dataDir);
        cli.createPass();
        assertThat(cli.run("project", "create", "alpha", "--display-name", "Team Alpha").exitCode()).isZero();
    }

    @Test
    void anAccountWithAPasswordFileCanSignInWithIt() throws Exception {
        Path file = Files.writeString(files.resolve("pw"), PASSWORD + "\n");

        Result created = cli.run("account", "create", "ana@example.com", "--role", "viewer", "--project", "alpha",
                "--password-file", file.toString(), "--json");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().get("setup_url").isNull()).isTrue();
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            Sentinel sentinel = Sentinel.builder().storage(storage).build();
            assertThat(sentinel.accounts().checkPassword(Email.of("ana@example.com"), PASSWORD.toCharArray())).isPresent();
            assertThat(sentinel.memberships().of(Email.of("ana@example.com"))).singleElement()
                    .satisfies(membership -> assertThat(membership.role().code()).isEqualTo("viewer"));
        }
        JsonNode listed = cli.run("account", "list", "--json").json();
        assertThat(listed.get(0).get("email").asText()).isEqualTo("ana@example.com");
        assertThat(listed.get(0).get("projects").get(0).get("role").asText()).isEqualTo("viewer");
        assertThat(listed.get(0).toString()).doesNotContain(PASSWORD).doesNotContain("argon");
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceAndNothingIsWritten() throws Exception {
        Path file = Files.writeString(files.resolve("pw"), "ana-short\n");

        Result refused = cli.run("account", "create", "ana@example.com", "--role", "admin", "--password-file",
                file.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("project (--project)", "password (--password-file)");
        assertThat(cli.run("account", "list", "--json").json().size()).isZero();

        Result badRole = cli.run("account", "create", "not-an-email", "--role", "king");
        assertThat(badRole.err()).contains("role (--role): must be one of owner, admin, viewer", "email");
    }

    @Test
    void withoutAPasswordFileAnOwnerGetsAOneTimeSetUpLinkAndRecoveryGivesANewOne() {
        Result created = cli.run("account", "create", "root@example.com", "--role", "owner", "--server-url",
                "https://sentinel.example.com/");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created account root@example.com (owner).")
                .containsPattern("  https://sentinel\\.example\\.com/setup#token=sst_\\S+");

        Result recovery = cli.run("account", "create", "root@example.com", "--role", "owner", "--json");
        assertThat(recovery.exitCode()).as(recovery.err()).isZero();
        assertThat(recovery.json().get("created").asBoolean()).isFalse();
        String first = created.out().replaceAll("(?s).*#token=(\\S+).*", "$1");
        String second = recovery.json().get("setup_url").asText().replaceAll(".*#token=", "");
        assertThat(second).startsWith("sst_").isNotEqualTo(first);
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            Sentinel sentinel = Sentinel.builder().storage(storage).build();
            assertThatThrownBy(() -> sentinel.setupLinks().complete(first, PASSWORD.toCharArray(), null))
                    .as("the new link replaced the first").isInstanceOf(ValidationException.class);
            sentinel.setupLinks().complete(second, PASSWORD.toCharArray(), "Root");
            assertThat(sentinel.accounts().checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray()))
                    .isPresent();
        }

        Result taken = cli.run("account", "create", "root@example.com", "--role", "viewer", "--project", "alpha");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("root@example.com exists");
    }

    @Test
    void roleResetAndDeleteChangeTheAccountAndAreAudited() {
        assertThat(cli.run("account", "create", "bo@example.com", "--role", "owner").exitCode()).isZero();

        Result demoted = cli.run("account", "role", "bo@example.com", "--role", "admin", "--project", "alpha");
        assertThat(demoted.exitCode()).as(demoted.err()).isZero();
        assertThat(demoted.out()).isEqualTo("bo@example.com is now admin:alpha.\n");
        Result promoted = cli.run("account", "role", "bo@example.com", "--role", "owner", "--json");
        assertThat(promoted.json().get("owner").asBoolean()).isTrue();

        assertThat(cli.run("account", "reset-2fa", "bo@example.com").exitCode()).isZero();
        assertThat(cli.run("account", "delete", "bo@example.com").exitCode()).isZero();
        assertThat(cli.run("account", "list", "--json").json().size()).isZero();
        Result gone = cli.run("account", "delete", "bo@example.com");
        assertThat(gone.exitCode()).isEqualTo(1);

        String actions = cli.run("audit", "list", "--actor", "cli:" + System.getProperty("user.name"), "--json")
                .json().get("data").findValuesAsText("action").toString();
        assertThat(actions).contains("account.create", "account.setup_link", "membership.put", "account.role",
                "account.totp_reset", "account.delete");
    }

    @Test
    void projectMembersSetsAndRemovesAfterCheckingEverything() throws Exception {
        Path file = Files.writeString(files.resolve("pw"), PASSWORD);
        cli.run("account", "create", "cy@example.com", "--role", "viewer", "--project", "demo", "--password-file",
                file.toString());

        Result refused = cli.run("project", "members", "alpha", "--set", "cy@example.com=admin", "--set",
                "nobody@example.com=viewer");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("nobody@example.com");
        assertThat(cli.run("project", "members", "alpha", "--json").json().size()).as("nothing half-written").isZero();

        Result set = cli.run("project", "members", "alpha", "--set", "cy@example.com=admin", "--json");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.json().get(0).get("role").asText()).isEqualTo("admin");
        Result badRole = cli.run("project", "members", "alpha", "--set", "cy@example.com=owner");
        assertThat(badRole.err()).contains("must be one of admin, viewer");

        Result removed = cli.run("project", "members", "alpha", "--remove", "cy@example.com");
        assertThat(removed.out()).contains("Project alpha has no members.");

        Result notEmpty = cli.run("project", "delete", "demo");
        assertThat(notEmpty.exitCode()).isEqualTo(1);
        assertThat(cli.run("project", "delete", "alpha").exitCode()).isZero();
        assertThat(cli.run("project", "list", "--json").out()).doesNotContain("alpha");
        assertThat(cli.run("project", "create", "Bad Name").err()).startsWith("error: project: must be 1-64 letters");
    }

    @Test
    void anAccessKeyIsShownOnceListedWithoutItAndRevoked() {
        Result created = cli.run("access-key", "create", "--name", "ci", "--role", "ingest", "--project", "alpha",
                "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        assertThat(key).startsWith("sak_");

        Result listed = cli.run("access-key", "list", "--json");
        assertThat(listed.out()).contains(id).doesNotContain(key);
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            assertThat(Sentinel.builder().storage(storage).build().accessKeys().verify(key)).isPresent();
        }

        assertThat(cli.run("access-key", "revoke", id).exitCode()).isZero();
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            assertThat(Sentinel.builder().storage(storage).build().accessKeys().verify(key)).isEmpty();
        }
        Result missingProject = cli.run("access-key", "create", "--name", "x", "--role", "viewer");
        assertThat(missingProject.exitCode()).isEqualTo(1);
        assertThat(missingProject.err()).contains("projects");
    }
}
