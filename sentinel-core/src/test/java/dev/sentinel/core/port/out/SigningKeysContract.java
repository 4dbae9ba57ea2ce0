package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestSigningKeys.aSigningKey;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.SigningKeyRecord;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link SigningKeys}, for every adapter. */
public abstract class SigningKeysContract extends StorageContractSupport {

    @Test
    void anEmptyStoreHasNoKeys() {
        assertThat(tx((StorageSession session) -> session.signingKeys().all())).isEmpty();
    }

    @Test
    void listsEveryKeyNewestFirstWithEveryField() {
        SigningKeyRecord older = aSigningKey().withKid("k-older").createdAt(T0).build();
        SigningKeyRecord newer = aSigningKey().withKid("k-newer").createdAt(T0.plusSeconds(3600)).build();
        SigningKeyRecord retired = aSigningKey().withKid("k-retired").createdAt(T0.minusSeconds(3600))
                .retiredAt(T0.plusSeconds(7200)).build();
        run(session -> {
            session.signingKeys().add(older);
            session.signingKeys().add(retired);
            session.signingKeys().add(newer);
        });

        assertThat(tx((StorageSession session) -> session.signingKeys().all())).containsExactly(newer, older, retired);
    }

    @Test
    void rejectsATakenKidAsAConflictOnKid() {
        run(session -> session.signingKeys().add(aSigningKey().withKid("k1").build()));

        assertThatThrownBy(() -> run(session -> session.signingKeys().add(aSigningKey().withKid("k1").build())))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("kid"));
        assertThat(tx((StorageSession session) -> session.signingKeys().all())).hasSize(1);
    }

    @Test
    void retireMarksTheKeyAndKeepsIt() {
        run(session -> session.signingKeys().add(aSigningKey().withKid("k1").build()));
        Instant at = T0.plusSeconds(60);

        run(session -> session.signingKeys().retire("k1", at));

        assertThat(tx((StorageSession session) -> session.signingKeys().all())).singleElement()
                .satisfies(key -> assertThat(key.retiredAt()).contains(at));
    }

    @Test
    void retiringTwiceKeepsTheFirstRetirement() {
        run(session -> session.signingKeys().add(aSigningKey().withKid("k1").build()));
        run(session -> session.signingKeys().retire("k1", T0.plusSeconds(60)));

        run(session -> session.signingKeys().retire("k1", T0.plusSeconds(120)));

        assertThat(tx((StorageSession session) -> session.signingKeys().all()).get(0).retiredAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void deletesOnlyKeysRetiredBeforeTheCutoff() {
        run(session -> {
            session.signingKeys().add(aSigningKey().withKid("active").build());
            session.signingKeys().add(aSigningKey().withKid("old").retiredAt(T0.plusSeconds(10)).build());
            session.signingKeys().add(aSigningKey().withKid("recent").retiredAt(T0.plusSeconds(100)).build());
        });

        assertThat(tx((StorageSession session) -> session.signingKeys().deleteRetiredBefore(T0.plusSeconds(100)))).isEqualTo(1);

        assertThat(tx((StorageSession session) -> session.signingKeys().all())).extracting(SigningKeyRecord::kid)
                .containsExactlyInAnyOrder("active", "recent");
        assertThat(tx((StorageSession session) -> session.signingKeys().all())).filteredOn(key -> key.kid().equals("active"))
                .singleElement().satisfies(key -> assertThat(key.retiredAt()).isEqualTo(Optional.empty()));
    }
}
