package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract of {@link RevokedTokens}, for every adapter. */
public abstract class RevokedTokensContract extends StorageContractSupport {

    private static final Instant EXPIRY = Instant.parse("2026-11-26T10:15:00Z");

    @Test
    void aRevokedTokenStaysRevokedAndOthersAreNot() {
        run(session -> session.revokedTokens().revoke("jti-1", EXPIRY));

        assertThat(tx((StorageSession session) -> session.revokedTokens().isRevoked("jti-1"))).isTrue();
        assertThat(tx((StorageSession session) -> session.revokedTokens().isRevoked("jti-2"))).isFalse();
    }

    @Test
    void revokingTwiceKeepsTheFirstEntry() {
        run(session -> session.revokedTokens().revoke("jti-1", EXPIRY));
        run(session -> session.revokedTokens().revoke("jti-1", EXPIRY.plusSeconds(600)));

        assertThat(tx((StorageSession session) -> session.revokedTokens().deleteExpiredBefore(EXPIRY.plusSeconds(1))))
                .isEqualTo(1);
    }

    @Test
    void pruningRemovesOnlyEntriesWhoseTokensExpiredBeforeTheInstant() {
        run(session -> {
            session.revokedTokens().revoke("expired", EXPIRY.minusSeconds(1));
            session.revokedTokens().revoke("at-the-instant", EXPIRY);
            session.revokedTokens().revoke("later", EXPIRY.plusSeconds(1));
        });

        assertThat(tx((StorageSession session) -> session.revokedTokens().deleteExpiredBefore(EXPIRY))).isEqualTo(1);

        assertThat(tx((StorageSession session) -> session.revokedTokens().isRevoked("expired"))).isFalse();
        assertThat(tx((StorageSession session) -> session.revokedTokens().isRevoked("at-the-instant"))).isTrue();
        assertThat(tx((StorageSession session) -> session.revokedTokens().isRevoked("later"))).isTrue();
    }

    @Test
    void aRevocationInsideAFailedTransactionIsRolledBack() {
        try {
            run(session -> {
                session.revokedTokens().revoke("jti-rolled-back", EXPIRY);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the transaction failed, as intended
        }

        assertThat(tx((StorageSession session) -> session.revokedTokens().isRevoked("jti-rolled-back"))).isFalse();
    }
}
