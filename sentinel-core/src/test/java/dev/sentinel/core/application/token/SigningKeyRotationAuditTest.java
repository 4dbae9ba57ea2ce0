package dev.sentinel.core.application.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.port.in.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rotation of the signing keys writes an audit entry naming who rotated; the first key of a store does not. */
class SigningKeyRotationAuditTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Sentinel sentinel = Sentinel.builder().storage(storage)
            .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))).build();

    private List<AuditEntry> rotations() {
        return storage.read((dev.sentinel.core.port.out.StorageSession session) -> session.audit().recent(100)).stream()
                .filter(entry -> entry.action().equals(SigningKeyService.ROTATE_ACTION)).toList();
    }

    @Test
    void aRotationNamesItsActorTheNewKeyAndTheRetiredOne() {
        SigningKeyService keys = sentinel.signingKeys(Optional.empty(), new byte[32], Duration.ofMinutes(15));
        String first = keys.start().active().kid();
        assertThat(rotations()).as("a new store's first key is no rotation").isEmpty();

        String second = keys.rotate(new Actor("cli:ops"));

        assertThat(rotations()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("cli:ops");
            assertThat(entry.detail()).contains("kid=" + second, "retired=" + first, "algorithm=ES256");
        });
    }

    @Test
    void aStartWithANewlyConfiguredAlgorithmIsARotationByTheServer() {
        sentinel.signingKeys(Optional.empty(), new byte[32], Duration.ofMinutes(15)).start();

        sentinel.signingKeys(Optional.of("EdDSA"), new byte[32], Duration.ofMinutes(15)).start();

        assertThat(rotations()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("sentinel-server");
            assertThat(entry.detail()).contains("algorithm=EdDSA");
        });
    }
}
