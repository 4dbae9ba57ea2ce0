package dev.sentinel.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.port.in.Actor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AllowedHostServiceTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = MutableClock.at("2026-12-07T12:00:00Z");
    private final AllowedHostService hosts = new AllowedHostService(storage, clock, new Actor("ana@example.com"));

    @Test
    void addsListsAndRemovesHostsAuditingEachChange() {
        AllowedHostService.Added added = hosts.add("Issuer.Internal.Example");
        AllowedHostService.Added again = hosts.add("issuer.internal.example");

        assertThat(added.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(hosts.list()).containsExactly(new AllowedHostService.AllowedHost("issuer.internal.example",
                Instant.parse("2026-12-07T12:00:00Z"), "ana@example.com"));
        assertThat(hosts.current()).containsExactly("issuer.internal.example");

        assertThat(hosts.remove("issuer.internal.example")).isTrue();
        assertThat(hosts.remove("issuer.internal.example")).isFalse();
        assertThat(hosts.list()).isEmpty();
        assertThat(hosts.current()).isEmpty();
        assertThat(audit()).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(AllowedHostService.ADD_ACTION, "host=issuer.internal.example"),
                        org.assertj.core.groups.Tuple.tuple(AllowedHostService.REMOVE_ACTION, "host=issuer.internal.example"));
    }

    @Test
    void takesIpLiteralsWithOrWithoutBrackets() {
        assertThat(hosts.add("10.0.0.5").host().host()).isEqualTo("10.0.0.5");
        assertThat(hosts.add("[FD00::5]").host().host()).isEqualTo("fd00::5");
    }

    @Test
    void refusesWhatIsNotAHostNamingTheField() {
        for (String bad : new String[] {"", " ", "https://issuer.example", "issuer.example:8443", "*.example.com",
                "issuer.example/keys", "-bad.example", "a..b", "x".repeat(64) + ".example"}) {
            assertThatThrownBy(() -> hosts.add(bad)).as(bad).isInstanceOfSatisfying(ValidationException.class,
                    invalid -> assertThat(invalid.violations()).singleElement()
                            .satisfies(violation -> assertThat(violation.field()).isEqualTo("host")));
        }
        assertThat(hosts.list()).isEmpty();
        assertThat(audit()).isEmpty();
    }

    @Test
    void seesAChangeMadeByAnotherNodeOnlyAfterItsCacheTime() {
        AllowedHostService otherNode = new AllowedHostService(storage, clock, new Actor("bob@example.com"));
        assertThat(hosts.current()).isEmpty();

        otherNode.add("issuer.internal.example");

        assertThat(hosts.current()).as("cached here for 10 s").isEmpty();
        assertThat(otherNode.current()).as("at once on the node that changed it").contains("issuer.internal.example");
    }

    private java.util.List<AuditEntry> audit() {
        return storage.read(session -> session.audit().recent(10));
    }
}
