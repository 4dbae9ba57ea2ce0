package dev.sentinel.core.application.oauth;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.access.AccessKeyService;
import dev.sentinel.core.application.project.ProjectService;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.core.port.in.Principal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Today's admin and ingest tokens map to an owner and an all-projects ingest principal; access keys to their role. */
class BearerGatePrincipalsTest {

    private static final String ADMIN = "admin-token-of-at-least-thirty-two-chars";
    private static final String INGEST = "ingest-token-of-at-least-thirty-two-chars";

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final AccessKeyService keys = new AccessKeyService(storage, CredentialGenerator.create(), clock,
            new Actor("cli:root"));
    private final BearerGate gate = new BearerGate(() -> AdminTokens.configured(ADMIN, "admin token"),
            Optional.of(AdminTokens.configured(INGEST, "ingest token")), Optional.empty(),
            AuthThrottle.off(new SecurityAudit(storage, clock)), Optional.of(keys));

    private Optional<Principal> principal(String presented) {
        return gate.authenticate(Optional.of(presented), Optional.of("203.0.113.7")).principal();
    }

    @Test
    void theAdminTokenIsALegacyOwner() {
        Principal admin = principal(ADMIN).orElseThrow();

        assertThat(admin.isOwner()).isTrue();
        assertThat(admin.isLegacy()).isTrue();
        assertThat(admin.name()).isEqualTo("admin-api");
    }

    @Test
    void theIngestTokenIngestsForEveryProjectAndNothingElse() {
        Principal ingest = principal(INGEST).orElseThrow();

        assertThat(ingest.isLegacy()).isTrue();
        assertThat(ingest.isOwner()).isFalse();
        assertThat(ingest.roleIn(new ProjectId("any-project"))).contains(Role.INGEST);
        assertThat(ingest.name()).isEqualTo("ingest-token");
    }

    @Test
    void anAccessKeyActsAsItsRoleAndAWrongTokenAsNobody() {
        new ProjectService(storage, clock, new Actor("cli:root")).create("demo", "");
        String key = keys.create(new CreateAccessKeyCommand("ci", "ingest", List.of("demo"), null)).secret();

        assertThat(principal(key).orElseThrow().roleIn(new ProjectId("demo"))).contains(Role.INGEST);
        assertThat(principal(key).orElseThrow().isLegacy()).isFalse();
        assertThat(gate.authenticate(Optional.of("sak_wrong"), Optional.empty()).verdict())
                .isEqualTo(BearerGate.Verdict.WRONG);
        assertThat(gate.authenticate(Optional.empty(), Optional.empty()).verdict()).isEqualTo(BearerGate.Verdict.MISSING);
    }
}
