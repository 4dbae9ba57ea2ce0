package dev.sentinel.core.application.access;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.base.Ticker;
import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.application.project.ProjectService;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PrefixedSecret;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.core.port.in.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessKeyServiceTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private final AccessKeyService keys = node();

    private AccessKeyService node() {
        return new AccessKeyService(storage, CredentialGenerator.create(), clock, new Actor("ada@example.com"), ticker);
    }

    @BeforeEach
    void projects() {
        ProjectService projects = new ProjectService(storage, clock, new Actor("cli:root"));
        projects.create("demo", "");
        projects.create("ops", "");
    }

    private CreatedAccessKey viewerOfDemo() {
        return keys.create(new CreateAccessKeyCommand("dashboards", "viewer", List.of("demo"), null));
    }

    @Test
    void aKeyIsShownOnceInThePrefixedChecksummedFormAndStoredOnlyAsItsHash() {
        CreatedAccessKey created = viewerOfDemo();

        assertThat(created.secret()).startsWith("sak_").hasSize(PrefixedSecret.length("sak_"));
        assertThat(PrefixedSecret.isWellFormed("sak_", created.secret())).isTrue();
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(keys.list()).singleElement().satisfies(key -> {
            assertThat(key.hash()).startsWith("$sha256$").doesNotContain(created.secret().substring(4));
            assertThat(key.createdBy()).isEqualTo("ada@example.com");
            assertThat(key.projects()).containsExactly(new ProjectId("demo"));
        });
        assertThat(storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.audit().recent(1))).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("dashboards").doesNotContain(created.secret()));
    }

    @Test
    void namesEveryBrokenRuleOfANewKeyAtOnce() {
        assertThatThrownBy(() -> keys.create(new CreateAccessKeyCommand("", "admin", List.of(), "yesterday")))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .extracting(FieldViolation::field).containsExactly("name", "projects", "expires_at"));
        assertThatThrownBy(() -> keys.create(new CreateAccessKeyCommand("k", "metrics", List.of("demo"), null)))
                .hasMessageContaining("projects: must be empty for the role metrics");
        assertThatThrownBy(() -> keys.create(new CreateAccessKeyCommand("k", "viewer", List.of("demo", "nope"), null)))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .extracting(FieldViolation::field).containsExactly("projects[1]"));
        assertThatThrownBy(() -> keys.create(new CreateAccessKeyCommand("k", "root", List.of(), null)))
                .hasMessageContaining("role: must be one of owner, admin, viewer, ingest, metrics");
        assertThat(keys.list()).isEmpty();
    }

    @Test
    void aPresentedKeyActsAsItsRoleInItsProjects() {
        CreatedAccessKey created = viewerOfDemo();

        Principal principal = keys.verify(created.secret()).orElseThrow();

        assertThat(principal.name()).isEqualTo("dashboards");
        assertThat(principal.kind()).isEqualTo(Principal.Kind.ACCESS_KEY);
        assertThat(principal.roleIn(new ProjectId("demo"))).contains(Role.VIEWER);
        assertThat(principal.roleIn(new ProjectId("ops"))).isEmpty();
        assertThat(principal.isOwner()).isFalse();
    }

    @Test
    void aMistypedForeignOrMissingKeyActsAsNobody() {
        String key = viewerOfDemo().secret();
        char last = key.charAt(10);
        String typo = key.substring(0, 10) + (last == 'a' ? 'b' : 'a') + key.substring(11);

        assertThat(keys.verify(typo)).isEmpty();
        assertThat(keys.verify(key.replace("sak_", "sps_"))).isEmpty();
        assertThat(keys.verify(CredentialGenerator.create().newPrefixedSecret("sak_"))).as("well-formed, unknown").isEmpty();
        assertThat(keys.verify(null)).isEmpty();
    }

    @Test
    void anExpiredKeyActsAsNobody() {
        CreatedAccessKey created = keys.create(new CreateAccessKeyCommand("ci", "ingest", List.of("demo"),
                T0.plusSeconds(3600).toString()));
        assertThat(keys.verify(created.secret())).isPresent();

        clock.advance(Duration.ofHours(1));

        assertThat(keys.verify(created.secret())).isEmpty();
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedThereAtOnceAndOnAnotherWithinFiveSeconds() {
        AccessKeyService otherNode = node();
        CreatedAccessKey created = viewerOfDemo();
        assertThat(otherNode.verify(created.secret())).isPresent();

        keys.revoke(created.key().id());

        assertThat(keys.verify(created.secret())).as("the revoking node").isEmpty();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(4_900));
        assertThat(otherNode.verify(created.secret())).as("another node within its cache").isPresent();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(otherNode.verify(created.secret())).as("another node after 5 seconds").isEmpty();
    }

    @Test
    void lastUseIsWrittenInBatchesNotPerRequest() {
        CreatedAccessKey created = viewerOfDemo();
        keys.verify(created.secret());
        clock.advance(Duration.ofSeconds(30));
        keys.verify(created.secret());
        assertThat(keys.list().get(0).lastUsedAt()).as("nothing written per request").isEmpty();

        assertThat(keys.flushLastUsed()).isEqualTo(1);
        assertThat(keys.flushLastUsed()).isZero();

        assertThat(keys.list().get(0).lastUsedAt()).contains(T0.plusSeconds(30));
    }

    @Test
    void deletingAProjectRevokesTheKeysItWasTheOnlyProjectOf() {
        CreatedAccessKey onlyDemo = viewerOfDemo();
        CreatedAccessKey both = keys.create(new CreateAccessKeyCommand("both", "admin", List.of("demo", "ops"), null));

        new ProjectService(storage, clock, new Actor("cli:root")).delete(new ProjectId("demo"));

        assertThat(node().verify(onlyDemo.secret())).isEmpty();
        assertThat(node().verify(both.secret()).orElseThrow().projectRoles()).containsOnlyKeys(new ProjectId("ops"));
    }
}
