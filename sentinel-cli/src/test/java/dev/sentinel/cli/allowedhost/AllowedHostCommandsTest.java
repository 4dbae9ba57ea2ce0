package dev.sentinel.cli.allowedhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentinel allowed-host add|list|remove} in-process on a real H2 store; what they write is read back through core. */
class AllowedHostCommandsTest {

    @TempDir
    Path dataDir;

    private Cli cli;

    @BeforeEach
    void aStore() {
        cli = new Cli(dataDir);
        cli.createPass();
    }

    @Test
    void addsListsAndRemovesAHostAudited() {
        Result added = cli.run("allowed-host", "add", "Issuer.Internal.Example");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Allowed issuer.internal.example; running servers follow within 10 seconds.");
        assertThat(cli.run("allowed-host", "add", "issuer.internal.example").out()).contains("was allowed already");

        Result listed = cli.run("allowed-host", "list", "--json");
        assertThat(listed.json().get(0).get("host").asText()).isEqualTo("issuer.internal.example");
        assertThat(listed.json().get(0).get("added_by").asText()).startsWith("cli:");
        assertThat(cli.run("allowed-host", "list").out()).contains("HOST").contains("issuer.internal.example");
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            assertThat(Sentinel.builder().storage(storage).build().allowedHosts().current())
                    .containsExactly("issuer.internal.example");
        }

        Result removed = cli.run("allowed-host", "remove", "issuer.internal.example");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        Result missing = cli.run("allowed-host", "remove", "issuer.internal.example");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("is not an allowed host");
        assertThat(cli.run("allowed-host", "list").out()).contains("No allowed hosts.");
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            List<AuditEntry> audit = storage.read(session -> session.audit().recent(50));
            assertThat(audit).extracting(AuditEntry::action).filteredOn(action -> action.startsWith("allowed_host."))
                    .containsExactlyInAnyOrder("allowed_host.add", "allowed_host.remove");
        }
    }

    @Test
    void aBadHostFailsNamingTheFieldAndWritesNothing() {
        Result refused = cli.run("allowed-host", "add", "https://issuer.example:8443");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("host").contains("without scheme, port");
        assertThat(cli.run("allowed-host", "list", "--json").json()).isEmpty();
    }
}
